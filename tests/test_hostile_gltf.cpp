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
        INFO(m.what);
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
        {"bad component type", [](json& g) { g["accessors"][0]["componentType"] = 5130; }, {"accessor 0"}},
        {"indices as floats", [](json& g) { g["accessors"][1]["componentType"] = 5126; g["accessors"][1]["count"] = 1; }, {"accessor 1"}},
        {"not a multiple of 3", [](json& g) { g["accessors"][1]["count"] = 2; }, {"multiple of 3"}},
        {"normal count mismatch", [](json& g) {
             g["meshes"][0]["primitives"][0]["attributes"]["NORMAL"] = 2;
             g["accessors"].push_back({{"bufferView", 0}, {"componentType", 5126}, {"count", 2}, {"type", "VEC3"}});
         }, {"POSITION"}},
        {"unsupported required extension", [](json& g) { g["extensionsRequired"] = {"KHR_fancy_future"}; }, {"KHR_fancy_future"}},
        {"bad mode", [](json& g) { g["meshes"][0]["primitives"][0]["mode"] = 9; }, {"mode 9"}},
        {"bad alpha mode", [](json& g) { g["materials"] = {{{"alphaMode", "SOMETIMES"}}}; g["meshes"][0]["primitives"][0]["material"] = 0; }, {"alphaMode"}},
        {"bad matrix", [](json& g) { g["nodes"][0]["matrix"] = {1, 2, 3}; }, {"node 0", "matrix"}},
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
    cycle["scenes"][0]["nodes"] = json::array();
    checkRefused(test::importJson(cycle, dir.path), "hostile.gltf", {"node"});
    json ring = test::minimalGltf();
    ring["nodes"] = {{{"children", {1}}}, {{"children", {0}}}};
    ring["scenes"][0]["nodes"] = json::array();
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
