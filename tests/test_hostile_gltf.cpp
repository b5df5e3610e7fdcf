// Hostile and malformed glTF input: every case must come back as one Error
// that starts with the file's name and names the problem, never a crash, a
// hang or an unbounded allocation (the ASan build runs these too).
#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "hostile_gltf.h"

namespace fs = std::filesystem;
using namespace oh;
using nlohmann::json;

namespace {

// The message starts with the file name and contains each of `words`.
void checkRefused(const Result<gltf::ImportResult>& result, const std::string& name, std::initializer_list<const char*> words) {
    REQUIRE_FALSE(result.has_value());
    const std::string& message = result.error().message;
    INFO(message);
    CHECK(message.rfind(name + ": ", 0) == 0);
    CHECK(message.find('\n') == std::string::npos);
    for (const char* word : words) CHECK(message.find(word) != std::string::npos);
}

void writeFile(const fs::path& path, const std::vector<uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

struct Mutation {
    const char* what;
    std::function<void(json&)> apply;
    std::vector<const char*> words;
};

// Each mutation of the minimal glTF is refused with one line that starts with
// the file's name and contains the mutation's words.
void expectRefused(const std::vector<Mutation>& mutations, const std::filesystem::path& dir) {
    for (const Mutation& m : mutations) {
        INFO(std::string(m.what));
        json g = test::minimalGltf();
        m.apply(g);
        auto r = test::importJson(g, dir);
        REQUIRE_FALSE(r.has_value());
        INFO(r.error().message);
        CHECK(r.error().message.rfind("hostile.gltf: ", 0) == 0);
        CHECK(r.error().message.find('\n') == std::string::npos);
        for (const char* word : m.words) CHECK(r.error().message.find(word) != std::string::npos);
    }
}

}  // namespace

TEST_CASE("the minimal test glTF itself imports, as JSON and as GLB") {
    test::TempDir dir;
    auto r = test::importJson(test::minimalGltf(), dir.path);
    REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().message));
    CHECK(r->scene.triangleCount() == 1);
    json glbJson = test::minimalGltf();
    glbJson["buffers"][0].erase("uri");
    auto glb = test::importBytes(test::makeGlb(glbJson.dump(), test::triangleBytes()), dir.path, "min.glb");
    REQUIRE_MESSAGE(glb.has_value(), (glb.has_value() ? "" : glb.error().message));
    CHECK(glb->scene.triangleCount() == 1);
}

TEST_CASE("a missing file is refused by name") {
    auto r = gltf::importFile(fs::temp_directory_path() / "no-such-model-here.gltf");
    checkRefused(r, "no-such-model-here.gltf", {"not found"});
}

TEST_CASE("empty, truncated and wrong-magic files are refused") {
    test::TempDir dir;
    checkRefused(test::importBytes({}, dir.path, "empty.glb"), "empty.glb", {"empty"});
    checkRefused(test::importBytes({'g', 'l', 'T', 'F', 2, 0}, dir.path, "short.glb"), "short.glb", {"truncated GLB"});
    checkRefused(test::importBytes({'g', 'l', 'T', 'X', 2, 0, 0, 0}, dir.path, "magic.glb"), "magic.glb", {"not a glTF file"});
    json glbJson = test::minimalGltf();
    glbJson["buffers"][0].erase("uri");
    std::vector<uint8_t> glb = test::makeGlb(glbJson.dump(), test::triangleBytes());
    // Every truncation of a valid GLB fails cleanly.
    for (size_t size = 0; size < glb.size(); ++size) {
        std::vector<uint8_t> cut(glb.begin(), glb.begin() + long(size));
        auto r = test::importBytes(cut, dir.path, "cut.glb");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message.rfind("cut.glb: ", 0) == 0);
    }
    std::vector<uint8_t> version = glb;
    version[4] = 1;
    checkRefused(test::importBytes(version, dir.path, "v1.glb"), "v1.glb", {"version 1"});
}

TEST_CASE("GLB chunk lengths that lie are refused") {
    test::TempDir dir;
    json glbJson = test::minimalGltf();
    glbJson["buffers"][0].erase("uri");
    const std::vector<uint8_t> glb = test::makeGlb(glbJson.dump(), test::triangleBytes());
    auto patch = [&](size_t offset, uint32_t value) {
        std::vector<uint8_t> out = glb;
        std::memcpy(out.data() + offset, &value, 4);
        return out;
    };
    checkRefused(test::importBytes(patch(8, 0xFFFFFFF0u), dir.path, "len.glb"), "len.glb", {"header claims"});
    checkRefused(test::importBytes(patch(12, 0x7FFFFFF0u), dir.path, "json.glb"), "json.glb", {"JSON chunk length"});
    uint32_t jsonLength;
    std::memcpy(&jsonLength, glb.data() + 12, 4);
    checkRefused(test::importBytes(patch(20 + jsonLength, 0x7FFFFFF0u), dir.path, "bin.glb"), "bin.glb", {"chunk", "past the end"});
    // A BIN chunk shorter than the buffer says.
    json longer = glbJson;
    longer["buffers"][0]["byteLength"] = 4000;
    checkRefused(test::importBytes(test::makeGlb(longer.dump(), test::triangleBytes()), dir.path, "short.glb"), "short.glb",
                 {"buffer 0", "BIN chunk"});
    json noBin = glbJson;
    checkRefused(test::importBytes(test::makeGlb(noBin.dump(), {}), dir.path, "nobin.glb"), "nobin.glb", {"BIN chunk"});
}

TEST_CASE("invalid JSON and absurd nesting are refused before parsing deeply") {
    test::TempDir dir;
    std::string broken = "{\"asset\": {\"version\": \"2.0\"}, ";
    checkRefused(test::importBytes(std::vector<uint8_t>(broken.begin(), broken.end()), dir.path, "broken.gltf"),
                 "broken.gltf", {"invalid JSON"});
    std::string deep = "{\"asset\": {\"version\": \"2.0\"}, \"extras\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
    checkRefused(test::importBytes(std::vector<uint8_t>(deep.begin(), deep.end()), dir.path, "deep.gltf"), "deep.gltf",
                 {"nesting"});
    // Brackets inside strings do not count.
    json fine = test::minimalGltf();
    fine["asset"]["generator"] = std::string(1000, '[');
    CHECK(test::importJson(fine, dir.path).has_value());
    std::string notObject = "[1, 2, 3]";
    checkRefused(test::importBytes(std::vector<uint8_t>(notObject.begin(), notObject.end()), dir.path, "array.gltf"),
                 "array.gltf", {"not a glTF file"});
}

TEST_CASE("out-of-range indices of every kind are refused naming the kind") {
    test::TempDir dir;
    const std::vector<Mutation> mutations = {
        {"accessor", [](json& g) { g["meshes"][0]["primitives"][0]["attributes"]["POSITION"] = 99; }, {"accessor 99"}},
        {"index accessor", [](json& g) { g["meshes"][0]["primitives"][0]["indices"] = 99; }, {"accessor"}},
        {"bufferView", [](json& g) { g["accessors"][0]["bufferView"] = 42; }, {"bufferView 42"}},
        {"buffer", [](json& g) { g["bufferViews"][0]["buffer"] = 7; }, {"buffer 7"}},
        {"scene node", [](json& g) { g["scenes"][0]["nodes"] = {5}; }, {"node 5"}},
        {"child node", [](json& g) { g["nodes"][0]["children"] = {5}; }, {"node 5"}},
        {"mesh", [](json& g) { g["nodes"][0]["mesh"] = 3; }, {"mesh 3"}},
        {"material", [](json& g) { g["meshes"][0]["primitives"][0]["material"] = 4; }, {"material 4"}},
        {"texture", [](json& g) { g["materials"] = {{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 6}}}}}}}; }, {"texture 6"}},
        {"image", [](json& g) {
             g["materials"] = {{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}}};
             g["textures"] = {{{"source", 8}}};
         }, {"image 8"}},
        {"sampler", [](json& g) {
             g["materials"] = {{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}}};
             g["textures"] = {{{"source", 0}, {"sampler", 9}}};
             g["images"] = {{{"uri", "data:image/png;base64,iVBORw0KGgo="}}};
         }, {"sampler 9"}},
        {"scene", [](json& g) { g["scene"] = 3; }, {"scene 3"}},
        {"camera", [](json& g) { g["nodes"][0]["camera"] = 2; }, {"camera 2"}},
        {"light", [](json& g) { g["nodes"][0]["extensions"] = {{"KHR_lights_punctual", {{"light", 4}}}}; }, {"light 4"}},
        {"texCoord", [](json& g) {
             g["materials"] = {{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}, {"texCoord", 2}}}}}}};
             g["textures"] = {{{"source", 0}}};
             g["images"] = {{{"uri", "data:image/png;base64,iVBORw0KGgo="}}};
         }, {"texCoord 2"}},
    };
    expectRefused(mutations, dir.path);
}

TEST_CASE("vertex indices past the vertex count are refused") {
    test::TempDir dir;
    std::vector<uint8_t> bytes = test::triangleBytes();
    bytes[38] = 9;  // second index = 9 with 3 vertices
    json g = test::minimalGltf("data:application/octet-stream;base64," + test::base64(bytes));
    checkRefused(test::importJson(g, dir.path), "hostile.gltf", {"vertex index 9", "vertex count 3"});
}

TEST_CASE("accessor ranges past their bufferView or buffer, and count times stride overflow, are refused") {
    test::TempDir dir;
    const std::vector<Mutation> mutations = {
        {"count past view", [](json& g) { g["accessors"][0]["count"] = 4; }, {"accessor 0", "past the end"}},
        {"offset past view", [](json& g) { g["accessors"][0]["byteOffset"] = 40; }, {"accessor 0", "past the end"}},
        {"view past buffer", [](json& g) { g["bufferViews"][1]["byteLength"] = 600; }, {"bufferView 1", "past the end"}},
        {"huge count", [](json& g) { g["accessors"][0]["count"] = 4611686018427387904ull; }, {"accessor 0"}},
        {"huge stride count", [](json& g) {
             g["bufferViews"][0]["byteStride"] = 252;
             g["accessors"][0]["count"] = 1u << 30;
         }, {"accessor 0"}},
        {"huge sparse-only count", [](json& g) {
             g["accessors"][0].erase("bufferView");
             g["accessors"][0]["count"] = 1ull << 40;
             g["accessors"][0]["sparse"] = {{"count", 1}, {"indices", {{"bufferView", 1}, {"componentType", 5123}}},
                                            {"values", {{"bufferView", 0}}}};
         }, {"accessor 0"}},
        {"sparse index past count", [](json& g) {
             g["accessors"][0]["sparse"] = {{"count", 3}, {"indices", {{"bufferView", 1}, {"componentType", 5123}}},
                                            {"values", {{"bufferView", 0}}}};
             g["accessors"][0]["count"] = 2;
             g["meshes"][0]["primitives"][0].erase("indices");
         }, {"accessor 0", "sparse"}},
        {"bad component type", [](json& g) { g["accessors"][0]["componentType"] = 5130; }, {"/accessors/0/componentType", "5130"}},
        {"indices as floats", [](json& g) { g["accessors"][1]["componentType"] = 5126; g["accessors"][1]["count"] = 1; }, {"accessor 1"}},
        {"not a multiple of 3", [](json& g) { g["accessors"][1]["count"] = 2; }, {"multiple of 3"}},
        {"normal count mismatch", [](json& g) {
             g["meshes"][0]["primitives"][0]["attributes"]["NORMAL"] = 2;
             g["accessors"].push_back({{"bufferView", 0}, {"componentType", 5126}, {"count", 2}, {"type", "VEC3"}});
         }, {"POSITION"}},
        {"unsupported required extension", [](json& g) { g["extensionsRequired"] = {"KHR_fancy_future"}; }, {"KHR_fancy_future"}},
        {"bad mode", [](json& g) { g["meshes"][0]["primitives"][0]["mode"] = 9; }, {"/meshes/0/primitives/0/mode", "9"}},
        {"bad alpha mode", [](json& g) { g["materials"] = {{{"alphaMode", "SOMETIMES"}}}; g["meshes"][0]["primitives"][0]["material"] = 0; }, {"alphaMode"}},
        {"bad matrix", [](json& g) { g["nodes"][0]["matrix"] = {1, 2, 3}; }, {"/nodes/0/matrix", "16"}},
        {"meshopt ratio", [](json& g) {
             g["buffers"].push_back({{"byteLength", 3000000000ull}, {"extensions", {{"EXT_meshopt_compression", {{"fallback", true}}}}}});
             g["bufferViews"].push_back({{"buffer", 1}, {"byteLength", 3000000000ull},
                                         {"extensions", {{"EXT_meshopt_compression", {{"buffer", 0}, {"byteLength", 40}, {"byteStride", 4}, {"count", 750000000}, {"mode", "ATTRIBUTES"}}}}}});
         }, {"bufferView 2", "implausible"}},
        {"meshopt garbage", [](json& g) {
             g["bufferViews"].push_back({{"buffer", 0}, {"byteLength", 40},
                                         {"extensions", {{"EXT_meshopt_compression", {{"buffer", 0}, {"byteLength", 40}, {"byteStride", 4}, {"count", 10}, {"mode", "ATTRIBUTES"}}}}}});
         }, {"bufferView 2", "EXT_meshopt_compression"}},
        {"draco garbage", [](json& g) {
             g["meshes"][0]["primitives"][0]["extensions"] = {{"KHR_draco_mesh_compression", {{"bufferView", 0}, {"attributes", {{"POSITION", 0}}}}}};
         }, {"Draco"}},
    };
    expectRefused(mutations, dir.path);
}

TEST_CASE("cyclic, self-parented and doubly-parented nodes are refused") {
    test::TempDir dir;
    json self = test::minimalGltf();
    self["nodes"][0]["children"] = {0};
    checkRefused(test::importJson(self, dir.path), "hostile.gltf", {"node 0", "own child"});
    json cycle = test::minimalGltf();
    cycle["nodes"] = {{{"children", {1}}}, {{"children", {2}}}, {{"children", {1}}, {"mesh", 0}}};
    cycle["scenes"][0].erase("nodes");
    checkRefused(test::importJson(cycle, dir.path), "hostile.gltf", {"node"});
    json ring = test::minimalGltf();
    ring["nodes"] = {{{"children", {1}}}, {{"children", {0}}}};
    ring["scenes"][0].erase("nodes");
    checkRefused(test::importJson(ring, dir.path), "hostile.gltf", {"cycle"});
    json twoParents = test::minimalGltf();
    twoParents["nodes"] = {{{"children", {2}}}, {{"children", {2}}}, {{"mesh", 0}}};
    twoParents["scenes"][0]["nodes"] = {0, 1};
    checkRefused(test::importJson(twoParents, dir.path), "hostile.gltf", {"node 2", "two parents"});
    // A long but valid chain is walked without recursion.
    json chain = test::minimalGltf();
    chain["nodes"] = json::array();
    for (int i = 0; i < 20000; ++i) chain["nodes"].push_back(i + 1 < 20000 ? json{{"children", {i + 1}}} : json{{"mesh", 0}});
    auto r = test::importJson(chain, dir.path);
    REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().message));
    CHECK(r->scene.instances.size() == 1);
}

TEST_CASE("missing, short and badly encoded buffers are refused") {
    test::TempDir dir;
    checkRefused(test::importJson(test::minimalGltf("missing.bin"), dir.path), "hostile.gltf", {"buffer 0", "missing.bin"});
    writeFile(dir.path / "short.bin", {1, 2, 3, 4});
    checkRefused(test::importJson(test::minimalGltf("short.bin"), dir.path), "hostile.gltf", {"buffer 0", "short.bin", "4 bytes"});
    checkRefused(test::importJson(test::minimalGltf("data:application/octet-stream;base64,@@@@not*base64"), dir.path),
                 "hostile.gltf", {"buffer 0", "base64"});
    checkRefused(test::importJson(test::minimalGltf("data:application/octet-stream;base64,AAAA"), dir.path), "hostile.gltf",
                 {"buffer 0", "3 bytes"});
    json noUri = test::minimalGltf();
    noUri["buffers"][0].erase("uri");
    checkRefused(test::importJson(noUri, dir.path), "hostile.gltf", {"buffer 0", "no uri"});
    // The same triangle from a real file next to the model loads.
    writeFile(dir.path / "tri angle.bin", test::triangleBytes());
    auto fine = test::importJson(test::minimalGltf("tri%20angle.bin"), dir.path);
    REQUIRE_MESSAGE(fine.has_value(), (fine.has_value() ? "" : fine.error().message));
}

TEST_CASE("URIs that escape the model's folder are refused") {
    test::TempDir dir;
    fs::create_directories(dir.path / "model");
    writeFile(dir.path / "outside.bin", test::triangleBytes());
    writeFile(dir.path / "model" / "inside.bin", test::triangleBytes());
    for (const char* uri : {"../outside.bin", "%2E%2E/outside.bin", "sub/../../outside.bin", "/etc/passwd",
                            "file:///etc/passwd", "http://example.com/x.bin"}) {
        INFO(uri);
        checkRefused(test::importJson(test::minimalGltf(uri), dir.path / "model"), "hostile.gltf", {"buffer 0"});
    }
    CHECK(test::importJson(test::minimalGltf("inside.bin"), dir.path / "model").has_value());
    json image = test::minimalGltf();
    image["materials"] = {{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}}};
    image["textures"] = {{{"source", 0}}};
    image["images"] = {{{"uri", "../outside.png"}}};
    image["meshes"][0]["primitives"][0]["material"] = 0;
    checkRefused(test::importJson(image, dir.path / "model"), "hostile.gltf", {"image 0", "outside"});
}

TEST_CASE("images that fail to decode or claim absurd sizes fail the import") {
    test::TempDir dir;
    auto withImage = [](const std::string& uri) {
        json g = test::minimalGltf();
        g["materials"] = {{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}}};
        g["textures"] = {{{"source", 0}}};
        g["images"] = {{{"uri", uri}, {"name", "wood"}}};
        g["meshes"][0]["primitives"][0]["material"] = 0;
        return g;
    };
    writeFile(dir.path / "wood.png", {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'});
    checkRefused(test::importJson(withImage("wood.png"), dir.path, "Foo.gltf"), "Foo.gltf",
                 {"image 0 ('wood.png')", "not a PNG, JPEG or WebP image"});
    checkRefused(test::importJson(withImage("missing.png"), dir.path, "Foo.gltf"), "Foo.gltf", {"image 0", "missing.png"});
    // A PNG signature and IHDR claiming 100000 x 100000 pixels, nothing else.
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 6, 0, 0, 0, 0, 0, 0, 0};
    writeFile(dir.path / "huge.png", png);
    checkRefused(test::importJson(withImage("huge.png"), dir.path, "Foo.gltf"), "Foo.gltf", {"image 0", "100000x100000"});
    // A truncated real PNG.
    auto real = readFile(fs::path(OH_ASSETS_DIR) / "BoxTextured/glTF/CesiumLogoFlat.png");
    REQUIRE(real.has_value());
    std::vector<uint8_t> truncated(real->begin(), real->begin() + long(real->size() / 2));
    writeFile(dir.path / "half.png", truncated);
    checkRefused(test::importJson(withImage("half.png"), dir.path, "Foo.gltf"), "Foo.gltf", {"image 0 ('half.png')", "PNG"});
    // With loadImages off nothing is decoded, so the same file loads.
    gltf::ImportOptions geometryOnly;
    geometryOnly.loadImages = false;
    std::string text = withImage("wood.png").dump();
    CHECK(gltf::importMemory(reinterpret_cast<const uint8_t*>(text.data()), text.size(), dir.path, "Foo.gltf", geometryOnly).has_value());
}

// [SECTION] The glTF 2.0 JSON schema's constraints (scene/gltf_schema_check.h)

namespace {

// One way to break the minimal glTF against the schema, the JSON pointer the
// error must name and what it must say was found there.
struct SchemaCase {
    const char* what;
    std::function<void(json&)> apply;
    const char* pointer;
    const char* found;
};

// Each case is refused with exit code 2 and one line "hostile.gltf: <pointer>: ...<found>...".
void expectSchemaRefusals(const std::vector<SchemaCase>& cases) {
    test::TempDir dir;
    for (const SchemaCase& c : cases) {
        INFO(std::string(c.what));
        json g = test::minimalGltf();
        c.apply(g);
        auto r = test::importJson(g, dir.path);
        REQUIRE_FALSE(r.has_value());
        const std::string& message = r.error().message;
        INFO(message);
        CHECK(r.error().exitCode == kExitBadInput);
        CHECK(message.rfind("hostile.gltf: " + std::string(c.pointer) + ": ", 0) == 0);
        CHECK(message.find(c.found) != std::string::npos);
        CHECK(message.find('\n') == std::string::npos);
    }
}

// Adds a perspective camera to node 0 (valid as given; cases then break it).
void addCamera(json& g) {
    g["cameras"] = {{{"type", "perspective"}, {"perspective", {{"yfov", 0.8}, {"znear", 0.1}, {"zfar", 100}}}}};
    g["nodes"][0]["camera"] = 0;
}

void addOrthographicCamera(json& g) {
    g["cameras"] = {{{"type", "orthographic"}, {"orthographic", {{"xmag", 1}, {"ymag", 1}, {"znear", 0}, {"zfar", 10}}}}};
}

// Adds an animation of node 0's translation (valid as given).
void addAnimation(json& g) {
    g["animations"] = {{{"channels", {{{"sampler", 0}, {"target", {{"node", 0}, {"path", "translation"}}}}}},
                        {"samplers", {{{"input", 0}, {"output", 0}}}}}};
}

void addMaterial(json& g) {
    g["materials"] = {{{"pbrMetallicRoughness", {{"baseColorFactor", {1, 1, 1, 1}}}}}};
    g["meshes"][0]["primitives"][0]["material"] = 0;
}

}  // namespace

TEST_CASE("the asset's version must be a glTF 2.x version the importer can read") {
    expectSchemaRefusals({
        {"no asset", [](json& g) { g.erase("asset"); }, "/asset", "required but missing"},
        {"no version", [](json& g) { g["asset"].erase("version"); }, "/asset/version", "required but missing"},
        {"version as a number", [](json& g) { g["asset"]["version"] = 2.0; }, "/asset/version", "2.0 is not a string"},
        {"version without a minor", [](json& g) { g["asset"]["version"] = "2"; }, "/asset/version", "\"2\" is not a version"},
        {"three-part version", [](json& g) { g["asset"]["version"] = "2.0.1"; }, "/asset/version", "is not a version"},
        {"glTF 1", [](json& g) { g["asset"]["version"] = "1.0"; }, "/asset/version", "\"1.0\" is not glTF 2.x"},
        {"glTF 3", [](json& g) { g["asset"]["version"] = "3.0"; }, "/asset/version", "is not glTF 2.x"},
        {"minVersion too new", [](json& g) { g["asset"]["version"] = "2.1"; g["asset"]["minVersion"] = "2.1"; },
         "/asset/minVersion", "\"2.1\" is newer than 2.0"},
        {"minVersion not a version", [](json& g) { g["asset"]["minVersion"] = "2.0x"; }, "/asset/minVersion", "\"2.0x\" is not a version"},
        {"generator not a string", [](json& g) { g["asset"]["generator"] = 7; }, "/asset/generator", "7 is not a string"},
    });
}

TEST_CASE("accessors missing a required member or breaking a bound are refused at the member") {
    expectSchemaRefusals({
        {"no componentType", [](json& g) { g["accessors"][0].erase("componentType"); }, "/accessors/0/componentType", "required but missing"},
        {"no count", [](json& g) { g["accessors"][1].erase("count"); }, "/accessors/1/count", "required but missing"},
        {"no type", [](json& g) { g["accessors"][0].erase("type"); }, "/accessors/0/type", "required but missing"},
        {"signed int components", [](json& g) { g["accessors"][0]["componentType"] = 5124; }, "/accessors/0/componentType",
         "5124 is not a glTF component type (5120, 5121, 5122, 5123, 5125 or 5126)"},
        {"zero count", [](json& g) { g["accessors"][0]["count"] = 0; }, "/accessors/0/count", "0 is out of range (expected >= 1)"},
        {"count as text", [](json& g) { g["accessors"][0]["count"] = "3"; }, "/accessors/0/count", "\"3\" is not an integer"},
        {"count as a float", [](json& g) { g["accessors"][0]["count"] = 3.0; }, "/accessors/0/count", "3.0 is not an integer"},
        {"unknown type", [](json& g) { g["accessors"][0]["type"] = "VEC5"; }, "/accessors/0/type", "\"VEC5\" is not an accessor type"},
        {"negative byteOffset", [](json& g) { g["accessors"][0]["byteOffset"] = -4; }, "/accessors/0/byteOffset", "-4 is out of range"},
        {"negative bufferView", [](json& g) { g["accessors"][0]["bufferView"] = -1; }, "/accessors/0/bufferView", "-1 is out of range (expected >= 0)"},
        {"byteOffset without bufferView", [](json& g) {
             g["accessors"][0].erase("bufferView");
             g["accessors"][0]["byteOffset"] = 0;
         }, "/accessors/0/byteOffset", "only allowed together with bufferView"},
        {"normalized as text", [](json& g) { g["accessors"][0]["normalized"] = "yes"; }, "/accessors/0/normalized", "not true or false"},
        {"17 maxima", [](json& g) { g["accessors"][0]["max"] = std::vector<float>(17, 1.0f); }, "/accessors/0/max", "has 17 items, expected 1 to 16"},
        {"no minima", [](json& g) { g["accessors"][0]["min"] = json::array(); }, "/accessors/0/min", "has 0 items"},
        {"a minimum as text", [](json& g) { g["accessors"][0]["min"] = {"0", 0, 0}; }, "/accessors/0/min/0", "\"0\" is not a number"},
    });
}

TEST_CASE("sparse accessors need a count, indices and values of the schema's shape") {
    auto sparse = [](json& g) {
        g["accessors"][0]["sparse"] = {{"count", 1}, {"indices", {{"bufferView", 1}, {"componentType", 5123}}},
                                       {"values", {{"bufferView", 0}}}};
    };
    expectSchemaRefusals({
        {"zero count", [&](json& g) { sparse(g); g["accessors"][0]["sparse"]["count"] = 0; }, "/accessors/0/sparse/count", "0 is out of range"},
        {"no indices", [&](json& g) { sparse(g); g["accessors"][0]["sparse"].erase("indices"); }, "/accessors/0/sparse/indices", "required but missing"},
        {"float indices", [&](json& g) { sparse(g); g["accessors"][0]["sparse"]["indices"]["componentType"] = 5126; },
         "/accessors/0/sparse/indices/componentType", "5126 is not an unsigned integer component type"},
        {"values without a bufferView", [&](json& g) { sparse(g); g["accessors"][0]["sparse"]["values"].erase("bufferView"); },
         "/accessors/0/sparse/values/bufferView", "required but missing"},
        {"values at a negative offset", [&](json& g) { sparse(g); g["accessors"][0]["sparse"]["values"]["byteOffset"] = -1; },
         "/accessors/0/sparse/values/byteOffset", "-1 is out of range"},
    });
}

TEST_CASE("buffers and buffer views with missing lengths, bad strides or targets are refused at the member") {
    expectSchemaRefusals({
        {"buffer without byteLength", [](json& g) { g["buffers"][0].erase("byteLength"); }, "/buffers/0/byteLength", "required but missing"},
        {"empty buffer", [](json& g) { g["buffers"][0]["byteLength"] = 0; }, "/buffers/0/byteLength", "0 is out of range (expected >= 1)"},
        {"buffer uri as a number", [](json& g) { g["buffers"][0]["uri"] = 5; }, "/buffers/0/uri", "5 is not a string"},
        {"view without buffer", [](json& g) { g["bufferViews"][0].erase("buffer"); }, "/bufferViews/0/buffer", "required but missing"},
        {"empty view", [](json& g) { g["bufferViews"][1]["byteLength"] = 0; }, "/bufferViews/1/byteLength", "0 is out of range"},
        {"stride below 4", [](json& g) { g["bufferViews"][0]["byteStride"] = 2; }, "/bufferViews/0/byteStride", "2 is out of range (expected 4..252)"},
        {"stride above 252", [](json& g) { g["bufferViews"][0]["byteStride"] = 256; }, "/bufferViews/0/byteStride", "256 is out of range"},
        {"stride not a multiple of 4", [](json& g) { g["bufferViews"][0]["byteStride"] = 14; }, "/bufferViews/0/byteStride", "14 is not a multiple of 4"},
        {"unknown target", [](json& g) { g["bufferViews"][0]["target"] = 34964; }, "/bufferViews/0/target",
         "34964 is not a buffer view target (34962 or 34963)"},
    });
}

TEST_CASE("images need exactly one of uri and bufferView, and a JPEG or PNG type") {
    expectSchemaRefusals({
        {"both sources", [](json& g) { g["images"] = {{{"uri", "a.png"}, {"bufferView", 0}, {"mimeType", "image/png"}}}; },
         "/images/0", "has both uri and bufferView"},
        {"no source", [](json& g) { g["images"] = {{{"name", "nothing"}}}; }, "/images/0", "has neither uri nor bufferView"},
        {"bufferView without mimeType", [](json& g) { g["images"] = {{{"bufferView", 0}}}; }, "/images/0/mimeType", "required"},
        {"a GIF", [](json& g) { g["images"] = {{{"uri", "a.gif"}, {"mimeType", "image/gif"}}}; }, "/images/0/mimeType",
         "\"image/gif\" is not an image MIME type (image/jpeg or image/png)"},
        {"no images at all", [](json& g) { g["images"] = json::array(); }, "/images", "has 0 items, expected at least 1"},
    });
}

TEST_CASE("samplers with filter or wrap values outside the enums are refused") {
    expectSchemaRefusals({
        {"mipmap magnification", [](json& g) { g["samplers"] = {{{"magFilter", 9984}}}; }, "/samplers/0/magFilter", "9984 is not a magnification filter"},
        {"unknown minification", [](json& g) { g["samplers"] = {{{"minFilter", 1}}}; }, "/samplers/0/minFilter", "1 is not a minification filter"},
        {"unknown wrapS", [](json& g) { g["samplers"] = {{{"wrapS", 0}}}; }, "/samplers/0/wrapS", "0 is not a wrap mode (33071, 33648 or 10497)"},
        {"wrapT as text", [](json& g) { g["samplers"] = {{{"wrapT", "REPEAT"}}}; }, "/samplers/0/wrapT", "\"REPEAT\" is not an integer"},
        {"texture source negative", [](json& g) { g["textures"] = {{{"source", -2}}}; }, "/textures/0/source", "-2 is out of range"},
    });
}

TEST_CASE("materials with factors outside 0..1, wrong lengths or bad texture infos are refused at the member") {
    expectSchemaRefusals({
        {"3 base colour numbers", [](json& g) { addMaterial(g); g["materials"][0]["pbrMetallicRoughness"]["baseColorFactor"] = {1, 1, 1}; },
         "/materials/0/pbrMetallicRoughness/baseColorFactor", "has 3 items, expected exactly 4"},
        {"base colour above 1", [](json& g) { addMaterial(g); g["materials"][0]["pbrMetallicRoughness"]["baseColorFactor"] = {1, 2, 1, 1}; },
         "/materials/0/pbrMetallicRoughness/baseColorFactor/1", "2 is out of range (expected 0..1)"},
        {"metallic 1.5", [](json& g) { addMaterial(g); g["materials"][0]["pbrMetallicRoughness"]["metallicFactor"] = 1.5; },
         "/materials/0/pbrMetallicRoughness/metallicFactor", "1.5 is out of range (expected 0..1)"},
        {"negative roughness", [](json& g) { addMaterial(g); g["materials"][0]["pbrMetallicRoughness"]["roughnessFactor"] = -0.25; },
         "/materials/0/pbrMetallicRoughness/roughnessFactor", "-0.25 is out of range"},
        {"emissive above 1", [](json& g) { addMaterial(g); g["materials"][0]["emissiveFactor"] = {2, 0, 0}; },
         "/materials/0/emissiveFactor/0", "2 is out of range"},
        {"4 emissive numbers", [](json& g) { addMaterial(g); g["materials"][0]["emissiveFactor"] = {0, 0, 0, 0}; },
         "/materials/0/emissiveFactor", "expected exactly 3"},
        {"unknown alpha mode", [](json& g) { addMaterial(g); g["materials"][0]["alphaMode"] = "SOMETIMES"; },
         "/materials/0/alphaMode", "\"SOMETIMES\" is not an alpha mode (OPAQUE, MASK or BLEND)"},
        {"negative alpha cutoff", [](json& g) { addMaterial(g); g["materials"][0]["alphaCutoff"] = -0.5; },
         "/materials/0/alphaCutoff", "-0.5 is out of range (expected >= 0)"},
        {"doubleSided as text", [](json& g) { addMaterial(g); g["materials"][0]["doubleSided"] = "no"; },
         "/materials/0/doubleSided", "not true or false"},
        {"texture info without index", [](json& g) { addMaterial(g); g["materials"][0]["pbrMetallicRoughness"]["baseColorTexture"] = {{"texCoord", 0}}; },
         "/materials/0/pbrMetallicRoughness/baseColorTexture/index", "required but missing"},
        {"negative texCoord", [](json& g) { addMaterial(g); g["materials"][0]["emissiveTexture"] = {{"index", 0}, {"texCoord", -1}}; },
         "/materials/0/emissiveTexture/texCoord", "-1 is out of range"},
        {"occlusion strength 2", [](json& g) { addMaterial(g); g["materials"][0]["occlusionTexture"] = {{"index", 0}, {"strength", 2}}; },
         "/materials/0/occlusionTexture/strength", "2 is out of range (expected 0..1)"},
        {"normal scale as text", [](json& g) { addMaterial(g); g["materials"][0]["normalTexture"] = {{"index", 0}, {"scale", "big"}}; },
         "/materials/0/normalTexture/scale", "\"big\" is not a number"},
    });
}

TEST_CASE("meshes and primitives missing attributes or with bad modes and targets are refused at the member") {
    expectSchemaRefusals({
        {"no primitives", [](json& g) { g["meshes"][0].erase("primitives"); }, "/meshes/0/primitives", "required but missing"},
        {"empty primitives", [](json& g) { g["meshes"][0]["primitives"] = json::array(); }, "/meshes/0/primitives", "has 0 items"},
        {"no attributes", [](json& g) { g["meshes"][0]["primitives"][0].erase("attributes"); }, "/meshes/0/primitives/0/attributes", "required but missing"},
        {"empty attributes", [](json& g) { g["meshes"][0]["primitives"][0]["attributes"] = json::object(); },
         "/meshes/0/primitives/0/attributes", "is empty"},
        {"negative attribute accessor", [](json& g) { g["meshes"][0]["primitives"][0]["attributes"]["NORMAL"] = -1; },
         "/meshes/0/primitives/0/attributes/NORMAL", "-1 is out of range"},
        {"a '/' in an attribute name is escaped in the pointer", [](json& g) { g["meshes"][0]["primitives"][0]["attributes"]["_A/B~C"] = "x"; },
         "/meshes/0/primitives/0/attributes/_A~1B~0C", "\"x\" is not an integer"},
        {"mode 7", [](json& g) { g["meshes"][0]["primitives"][0]["mode"] = 7; }, "/meshes/0/primitives/0/mode", "7 is not a primitive mode"},
        {"empty targets", [](json& g) { g["meshes"][0]["primitives"][0]["targets"] = json::array(); }, "/meshes/0/primitives/0/targets", "has 0 items"},
        {"an empty target", [](json& g) { g["meshes"][0]["primitives"][0]["targets"] = json::array({json::object()}); },
         "/meshes/0/primitives/0/targets/0", "is empty"},
        {"empty weights", [](json& g) { g["meshes"][0]["weights"] = json::array(); }, "/meshes/0/weights", "has 0 items"},
    });
}

TEST_CASE("nodes with repeated children, malformed transforms or a matrix beside TRS are refused at the member") {
    expectSchemaRefusals({
        {"empty children", [](json& g) { g["nodes"][0]["children"] = json::array(); }, "/nodes/0/children", "has 0 items, expected at least 1"},
        {"repeated child", [](json& g) { g["nodes"].push_back(json::object()); g["nodes"][0]["children"] = {1, 1}; },
         "/nodes/0/children/1", "1 repeats an earlier item"},
        {"negative child", [](json& g) { g["nodes"][0]["children"] = {-1}; }, "/nodes/0/children/0", "-1 is out of range"},
        {"negative mesh", [](json& g) { g["nodes"][0]["mesh"] = -1; }, "/nodes/0/mesh", "-1 is out of range"},
        {"negative camera", [](json& g) { g["nodes"][0]["camera"] = -3; }, "/nodes/0/camera", "-3 is out of range"},
        {"15 matrix numbers", [](json& g) { g["nodes"][0]["matrix"] = std::vector<float>(15, 0.0f); }, "/nodes/0/matrix", "has 15 items, expected exactly 16"},
        {"rotation component 2", [](json& g) { g["nodes"][0]["rotation"] = {0, 0, 2, 1}; }, "/nodes/0/rotation/2", "2 is out of range (expected -1..1)"},
        {"2 scale numbers", [](json& g) { g["nodes"][0]["scale"] = {1, 1}; }, "/nodes/0/scale", "expected exactly 3"},
        {"translation with text", [](json& g) { g["nodes"][0]["translation"] = {0, "up", 0}; }, "/nodes/0/translation/1", "\"up\" is not a number"},
        {"matrix and translation", [](json& g) {
             g["nodes"][0]["matrix"] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
             g["nodes"][0]["translation"] = {1, 0, 0};
         }, "/nodes/0", "has both matrix and translation"},
        {"skin without mesh", [](json& g) { g["nodes"].push_back({{"skin", 0}}); }, "/nodes/1/skin", "only allowed together with mesh"},
        {"weights without mesh", [](json& g) { g["nodes"].push_back({{"weights", {0.5}}}); }, "/nodes/1/weights", "only allowed together with mesh"},
        {"name as a number", [](json& g) { g["nodes"][0]["name"] = 3; }, "/nodes/0/name", "3 is not a string"},
        {"extensions as text", [](json& g) { g["nodes"][0]["extensions"] = "none"; }, "/nodes/0/extensions", "\"none\" is not an object"},
        {"an extension as a number", [](json& g) { g["nodes"][0]["extensions"] = {{"EXT_whatever", 1}}; },
         "/nodes/0/extensions/EXT_whatever", "1 is not an object"},
    });
}

TEST_CASE("cameras need a known type, its projection object and valid clip planes") {
    expectSchemaRefusals({
        {"no type", [](json& g) { addCamera(g); g["cameras"][0].erase("type"); }, "/cameras/0/type", "required but missing"},
        {"fisheye", [](json& g) { addCamera(g); g["cameras"][0]["type"] = "fisheye"; }, "/cameras/0/type",
         "\"fisheye\" is not a camera type (perspective or orthographic)"},
        {"type without its object", [](json& g) { addCamera(g); g["cameras"][0]["type"] = "orthographic"; },
         "/cameras/0/orthographic", "required by type \"orthographic\" but missing"},
        {"both projections", [](json& g) { addCamera(g); g["cameras"][0]["orthographic"] = {{"xmag", 1}, {"ymag", 1}, {"znear", 0}, {"zfar", 1}}; },
         "/cameras/0", "has both perspective and orthographic"},
        {"zero yfov", [](json& g) { addCamera(g); g["cameras"][0]["perspective"]["yfov"] = 0; }, "/cameras/0/perspective/yfov",
         "0 is out of range (expected > 0)"},
        {"no znear", [](json& g) { addCamera(g); g["cameras"][0]["perspective"].erase("znear"); }, "/cameras/0/perspective/znear", "required but missing"},
        {"zero znear", [](json& g) { addCamera(g); g["cameras"][0]["perspective"]["znear"] = 0; }, "/cameras/0/perspective/znear", "expected > 0"},
        {"negative aspect ratio", [](json& g) { addCamera(g); g["cameras"][0]["perspective"]["aspectRatio"] = -1.5; },
         "/cameras/0/perspective/aspectRatio", "-1.5 is out of range"},
        {"zfar before znear", [](json& g) { addCamera(g); g["cameras"][0]["perspective"]["zfar"] = 0.05; },
         "/cameras/0/perspective/zfar", "0.05 is not greater than znear (0.1)"},
        {"zero xmag", [](json& g) { addOrthographicCamera(g); g["cameras"][0]["orthographic"]["xmag"] = 0; },
         "/cameras/0/orthographic/xmag", "expected a non-zero number"},
        {"no ymag", [](json& g) { addOrthographicCamera(g); g["cameras"][0]["orthographic"].erase("ymag"); },
         "/cameras/0/orthographic/ymag", "required but missing"},
        {"negative orthographic znear", [](json& g) { addOrthographicCamera(g); g["cameras"][0]["orthographic"]["znear"] = -1; },
         "/cameras/0/orthographic/znear", "-1 is out of range (expected >= 0)"},
        {"zero orthographic zfar", [](json& g) { addOrthographicCamera(g); g["cameras"][0]["orthographic"]["zfar"] = 0; },
         "/cameras/0/orthographic/zfar", "0 is out of range (expected > 0)"},
        {"orthographic zfar equal to znear", [](json& g) {
             addOrthographicCamera(g);
             g["cameras"][0]["orthographic"]["znear"] = 2;
             g["cameras"][0]["orthographic"]["zfar"] = 2;
         }, "/cameras/0/orthographic/zfar", "2 is not greater than znear (2)"},
    });
}

TEST_CASE("scenes and skins with empty or repeated node lists are refused at the member") {
    auto addSkin = [](json& g) { g["skins"] = {{{"joints", {0}}}}; };
    expectSchemaRefusals({
        {"empty scene", [](json& g) { g["scenes"][0]["nodes"] = json::array(); }, "/scenes/0/nodes", "has 0 items, expected at least 1"},
        {"repeated root", [](json& g) { g["scenes"][0]["nodes"] = {0, 0}; }, "/scenes/0/nodes/1", "0 repeats an earlier item"},
        {"default scene without scenes", [](json& g) { g.erase("scenes"); }, "/scene", "only allowed together with scenes"},
        {"negative default scene", [](json& g) { g["scene"] = -1; }, "/scene", "-1 is out of range"},
        {"skin without joints", [&](json& g) { addSkin(g); g["skins"][0].erase("joints"); }, "/skins/0/joints", "required but missing"},
        {"skin with no joints", [&](json& g) { addSkin(g); g["skins"][0]["joints"] = json::array(); }, "/skins/0/joints", "has 0 items"},
        {"repeated joint", [&](json& g) { addSkin(g); g["skins"][0]["joints"] = {0, 0}; }, "/skins/0/joints/1", "repeats an earlier item"},
        {"negative skeleton", [&](json& g) { addSkin(g); g["skins"][0]["skeleton"] = -1; }, "/skins/0/skeleton", "-1 is out of range"},
    });
}

TEST_CASE("animations need channels and samplers of the schema's shape, and never move a matrix node") {
    expectSchemaRefusals({
        {"no channels", [](json& g) { addAnimation(g); g["animations"][0].erase("channels"); }, "/animations/0/channels", "required but missing"},
        {"empty samplers", [](json& g) { addAnimation(g); g["animations"][0]["samplers"] = json::array(); }, "/animations/0/samplers", "has 0 items"},
        {"channel without target", [](json& g) { addAnimation(g); g["animations"][0]["channels"][0].erase("target"); },
         "/animations/0/channels/0/target", "required but missing"},
        {"channel without sampler", [](json& g) { addAnimation(g); g["animations"][0]["channels"][0].erase("sampler"); },
         "/animations/0/channels/0/sampler", "required but missing"},
        {"unknown path", [](json& g) { addAnimation(g); g["animations"][0]["channels"][0]["target"]["path"] = "colour"; },
         "/animations/0/channels/0/target/path", "\"colour\" is not an animation target path"},
        {"unknown interpolation", [](json& g) { addAnimation(g); g["animations"][0]["samplers"][0]["interpolation"] = "CUBIC"; },
         "/animations/0/samplers/0/interpolation", "\"CUBIC\" is not an interpolation (LINEAR, STEP or CUBICSPLINE)"},
        {"sampler without input", [](json& g) { addAnimation(g); g["animations"][0]["samplers"][0].erase("input"); },
         "/animations/0/samplers/0/input", "required but missing"},
        {"animated matrix node", [](json& g) {
             addAnimation(g);
             g["nodes"][0]["matrix"] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
         }, "/animations/0/channels/0/target/node", "node 0 has a matrix"},
    });
}

TEST_CASE("top-level arrays and extension lists must be non-empty, unique and consistent") {
    expectSchemaRefusals({
        {"empty extensionsUsed", [](json& g) { g["extensionsUsed"] = json::array(); }, "/extensionsUsed", "has 0 items"},
        {"repeated extension", [](json& g) { g["extensionsUsed"] = {"KHR_materials_unlit", "KHR_materials_unlit"}; },
         "/extensionsUsed/1", "\"KHR_materials_unlit\" repeats an earlier item"},
        {"extension name as a number", [](json& g) { g["extensionsUsed"] = {5}; }, "/extensionsUsed/0", "5 is not a string"},
        {"required but not used", [](json& g) { g["extensionsRequired"] = {"KHR_mesh_quantization"}; },
         "/extensionsRequired/0", "\"KHR_mesh_quantization\" is not listed in extensionsUsed"},
        {"empty materials", [](json& g) { g["materials"] = json::array(); }, "/materials", "has 0 items, expected at least 1"},
        {"nodes as an object", [](json& g) { g["nodes"] = json::object(); }, "/nodes", "{} is not an array"},
        {"an accessor as a number", [](json& g) { g["accessors"][1] = 5; }, "/accessors/1", "5 is not an object"},
        {"root extensions as a list", [](json& g) { g["extensions"] = json::array(); }, "/extensions", "[] is not an object"},
    });
}

TEST_CASE("what the schema allows but does not require still imports") {
    test::TempDir dir;
    auto imports = [&](const char* what, const std::function<void(json&)>& apply) {
        INFO(std::string(what));
        json g = test::minimalGltf();
        apply(g);
        auto r = test::importJson(g, dir.path);
        CHECK_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().message));
    };
    imports("a newer 2.x version", [](json& g) { g["asset"]["version"] = "2.1"; });
    imports("minVersion 2.0", [](json& g) { g["asset"]["minVersion"] = "2.0"; });
    imports("extras of any kind", [](json& g) { g["extras"] = 5; g["nodes"][0]["extras"] = {1, "two"}; });
    imports("a matrix alone", [](json& g) { g["nodes"][0]["matrix"] = {2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 1, 2, 3, 1}; });
    imports("an infinite perspective camera", [](json& g) {
        addCamera(g);
        g["cameras"][0]["perspective"].erase("zfar");
    });
    imports("an animation and a skin", [](json& g) {
        addAnimation(g);
        g["skins"] = {{{"joints", {0}}}};
    });
    imports("an extension's own animation path", [](json& g) {
        addAnimation(g);
        g["animations"][0]["channels"][0]["target"] = {{"path", "pointer"},
                                                        {"extensions", {{"KHR_animation_pointer", {{"pointer", "/nodes/0/translation"}}}}}};
    });
    imports("a WebP image sourced by EXT_texture_webp", [](json& g) {
        g["extensionsUsed"] = {"EXT_texture_webp"};
        g["images"] = {{{"uri", "data:image/webp;base64,UklGRg=="}, {"mimeType", "image/webp"}}};
        g["textures"] = {{{"extensions", {{"EXT_texture_webp", {{"source", 0}}}}}}};
    });
    imports("a negative normal scale", [](json& g) {
        addMaterial(g);
        g["materials"][0]["normalTexture"] = {{"index", 0}, {"scale", -2}};
        g["textures"] = {{{"source", 0}}};
        // A 1x1 PNG: the material's textures are decoded.
        g["images"] = {{{"uri", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNoaPgPAAODAgAApfuJAAAAAElFTkSuQmCC"}}};
    });
}

TEST_CASE("a schema error in a .glb file on disk names the file and the JSON pointer, with exit code 2") {
    test::TempDir dir;
    json g = test::minimalGltf();
    g["buffers"][0].erase("uri");
    g["accessors"][0]["componentType"] = 5124;
    writeFile(dir.path / "room.glb", test::makeGlb(g.dump(), test::triangleBytes()));
    auto r = gltf::importFile(dir.path / "room.glb");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().exitCode == kExitBadInput);
    CHECK(r.error().message ==
          "room.glb: /accessors/0/componentType: 5124 is not a glTF component type (5120, 5121, 5122, 5123, 5125 or 5126)");
}

TEST_CASE("every fuzz seed imports, so the fuzzer starts from files that pass the schema check") {
    size_t seeds = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(OH_TESTS_DIR) / "fuzz" / "corpus")) {
        if (entry.path().extension() != ".gltf" && entry.path().extension() != ".glb") continue;
        INFO(entry.path().filename().string());
        auto r = gltf::importFile(entry.path());
        CHECK_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().message));
        ++seeds;
    }
    CHECK(seeds >= 6);
}
