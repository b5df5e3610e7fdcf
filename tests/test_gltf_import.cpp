// glTF import against the shared sample assets: everything loads (or is
// refused by name), and spot checks prove the decoded data is right.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <stb_image_write.h>

#include "core/file_io.h"
#include "scene/gltf_import.h"

namespace fs = std::filesystem;
using namespace oh;
using oh::gltf::ImportOptions;

namespace {

fs::path asset(const char* relative) { return fs::path(OH_ASSETS_DIR) / fs::u8path(relative); }

gltf::ImportResult load(const char* relative, const ImportOptions& options = {}) {
    auto result = gltf::importFile(asset(relative), options);
    INFO(relative);
    REQUIRE_MESSAGE(result.has_value(), (result.has_value() ? "" : result.error().message));
    return std::move(result.value());
}

ImportOptions geometryOnly() {
    ImportOptions options;
    options.loadImages = false;
    return options;
}

// Everything the renderer relies on: indices in range, references valid,
// images sized, numbers finite.
void checkValid(const scene::Scene& s, bool imagesLoaded) {
    for (const scene::Mesh& mesh : s.meshes)
        for (const scene::Primitive& p : mesh.primitives) {
            REQUIRE(p.indices.size() % 3 == 0);
            REQUIRE(!p.vertices.empty());
            for (uint32_t i : p.indices) REQUIRE(i < p.vertices.size());
            REQUIRE((p.material == scene::kNone || p.material < s.materials.size()));
            REQUIRE(!p.bounds.empty());
            for (const scene::Vertex& v : p.vertices) {
                REQUIRE(std::isfinite(v.position.x + v.position.y + v.position.z));
                REQUIRE(std::isfinite(v.normal.x + v.normal.y + v.normal.z));
                REQUIRE(std::isfinite(v.tangent.x + v.tangent.y + v.tangent.z + v.tangent.w));
            }
        }
    for (const scene::Material& m : s.materials)
        for (const scene::TextureSlot* slot : {&m.baseColor, &m.metallicRoughness, &m.normal, &m.occlusion, &m.emissive})
            if (slot->present()) {
                REQUIRE(slot->texture < s.textures.size());
                REQUIRE(slot->texCoord <= 1);
            }
    for (const scene::Texture& t : s.textures) {
        REQUIRE(t.image < s.images.size());
        REQUIRE((t.sampler == scene::kNone || t.sampler < s.samplers.size()));
    }
    if (imagesLoaded)
        for (const scene::Image& image : s.images) {
            REQUIRE(image.width > 0);
            REQUIRE(image.pixels.size() == size_t(image.width) * image.height * 4);
        }
    for (const scene::MeshInstance& instance : s.instances) {
        REQUIRE(instance.mesh < s.meshes.size());
        REQUIRE(instance.node < s.nodes.size());
    }
    for (const scene::Node& node : s.nodes) {
        REQUIRE((node.parent == scene::kNone || node.parent < s.nodes.size()));
        REQUIRE((node.mesh == scene::kNone || node.mesh < s.meshes.size()));
        REQUIRE((node.camera == scene::kNone || node.camera < s.cameras.size()));
        REQUIRE((node.light == scene::kNone || node.light < s.lights.size()));
    }
}

// World-space triangles as sorted corner lists, rounded: compares geometry
// regardless of vertex order or how it was encoded.
std::multiset<std::array<long, 9>> worldTriangles(const scene::Scene& s, float quantum) {
    std::multiset<std::array<long, 9>> out;
    for (const scene::MeshInstance& instance : s.instances)
        for (const scene::Primitive& p : s.meshes[instance.mesh].primitives)
            for (size_t t = 0; t < p.indices.size(); t += 3) {
                std::array<std::array<long, 3>, 3> corners;
                for (int c = 0; c < 3; ++c) {
                    glm::vec3 w = glm::vec3(instance.world * glm::vec4(p.vertices[p.indices[t + c]].position, 1.0f));
                    corners[c] = {std::lround(w.x / quantum), std::lround(w.y / quantum), std::lround(w.z / quantum)};
                }
                std::sort(corners.begin(), corners.end());
                std::array<long, 9> key;
                for (int c = 0; c < 3; ++c) std::copy(corners[c].begin(), corners[c].end(), key.begin() + c * 3);
                out.insert(key);
            }
    return out;
}

bool near(const glm::vec3& a, const glm::vec3& b, float tolerance) { return glm::all(glm::lessThanEqual(glm::abs(a - b), glm::vec3(tolerance))); }

bool hasWarning(const gltf::ImportResult& r, const std::string& text) {
    return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

// The index count of a GLB's first primitive, read from its JSON: the reference
// triangle count for compressed files.
size_t glbFirstIndexCount(const fs::path& path) {
    auto bytes = readFile(path);
    REQUIRE(bytes.has_value());
    uint32_t jsonLength;
    std::memcpy(&jsonLength, bytes->data() + 12, 4);
    auto json = nlohmann::json::parse(bytes->begin() + 20, bytes->begin() + 20 + jsonLength);
    size_t total = 0;
    for (const auto& mesh : json["meshes"])
        for (const auto& primitive : mesh["primitives"]) total += json["accessors"][primitive["indices"].get<int>()]["count"].get<size_t>();
    return total;
}

}  // namespace

TEST_CASE("every sample asset imports, except KTX2-only textures which are refused by name") {
    int loaded = 0, refused = 0;
    for (const auto& entry : fs::recursive_directory_iterator(OH_ASSETS_DIR)) {
        std::string extension = entry.path().extension().string();
        if (extension != ".gltf" && extension != ".glb") continue;
        std::string where = entry.path().string();
        INFO(where);
        auto result = gltf::importFile(entry.path());
        if (where.find("KTX-BasisU") != std::string::npos) {
            REQUIRE_FALSE(result.has_value());
            CHECK(result.error().message.find("KHR_texture_basisu") != std::string::npos);
            CHECK(result.error().message.rfind(entry.path().filename().string(), 0) == 0);
            ++refused;
            continue;
        }
        REQUIRE_MESSAGE(result.has_value(), (result.has_value() ? "" : result.error().message));
        checkValid(result->scene, true);
        CHECK(result->scene.triangleCount() > 0);
        CHECK(!result->scene.bounds.empty());
        ++loaded;
    }
    CHECK(loaded == 75);
    CHECK(refused == 1);
}

TEST_CASE("Box has 12 triangles inside the unit cube") {
    auto r = load("Box/glTF/Box.gltf");
    CHECK(r.scene.triangleCount() == 12);
    CHECK(near(r.scene.bounds.min, glm::vec3(-0.5f), 1e-5f));
    CHECK(near(r.scene.bounds.max, glm::vec3(0.5f), 1e-5f));
    CHECK(r.warnings.empty());
}

TEST_CASE("Box as .gltf, .glb, embedded, Draco and meshopt gives the same geometry") {
    auto reference = worldTriangles(load("Box/glTF/Box.gltf").scene, 1e-3f);
    CHECK(reference.size() == 12);
    for (const char* variant : {"Box/glTF-Binary/Box.glb", "Box/glTF-Embedded/Box.gltf", "Box/glTF-Draco/Box.gltf"}) {
        INFO(variant);
        CHECK(worldTriangles(load(variant).scene, 1e-3f) == reference);
    }
    // Quantized to 14 bits: compare on a coarser grid.
    auto coarse = worldTriangles(load("Box/glTF/Box.gltf").scene, 1e-2f);
    for (const char* variant : {"BoxMeshopt/BoxMeshopt.glb", "BoxMeshopt/BoxMeshopt.gltf"}) {
        INFO(variant);
        auto r = load(variant);
        CHECK(r.scene.triangleCount() == 12);
        CHECK(worldTriangles(r.scene, 1e-2f) == coarse);
        CHECK(near(r.scene.bounds.min, glm::vec3(-0.5f), 1e-3f));
        CHECK(near(r.scene.bounds.max, glm::vec3(0.5f), 1e-3f));
    }
}

TEST_CASE("the meshopt-compressed pirate decodes to the triangle count its JSON declares") {
    fs::path path = asset("meshopt-pirate/demo/pirate.glb");
    auto r = load("meshopt-pirate/demo/pirate.glb");
    checkValid(r.scene, true);
    CHECK(r.scene.triangleCount() == glbFirstIndexCount(path) / 3);
    CHECK(r.scene.triangleCount() > 1000);
    glm::vec3 size = r.scene.bounds.size();
    CHECK(size.y > 0.5f);  // a humanoid figure, about a couple of units tall, not a dot or a city
    CHECK(size.y < 10.0f);
    // Octahedral-filtered normals decode to unit vectors.
    for (const scene::Vertex& v : r.scene.meshes[r.scene.instances[0].mesh].primitives[0].vertices)
        REQUIRE(std::abs(glm::length(v.normal) - 1.0f) < 0.02f);
}

TEST_CASE("the quantized Duck matches the plain Duck's bounds") {
    auto plain = load("Duck/glTF/Duck.gltf", geometryOnly());
    auto quantized = load("Duck/glTF-Quantized/Duck.gltf", geometryOnly());
    auto draco = load("Duck/glTF-Draco/Duck.gltf", geometryOnly());
    float tolerance = glm::length(plain.scene.bounds.size()) * 0.01f;
    CHECK(near(quantized.scene.bounds.min, plain.scene.bounds.min, tolerance));
    CHECK(near(quantized.scene.bounds.max, plain.scene.bounds.max, tolerance));
    CHECK(near(draco.scene.bounds.min, plain.scene.bounds.min, tolerance));
    CHECK(near(draco.scene.bounds.max, plain.scene.bounds.max, tolerance));
    CHECK(quantized.scene.triangleCount() == plain.scene.triangleCount());
    CHECK(draco.scene.triangleCount() == plain.scene.triangleCount());
}

TEST_CASE("sparse accessor values replace the base positions") {
    for (const char* variant : {"SimpleSparseAccessor/glTF/SimpleSparseAccessor.gltf",
                                "SimpleSparseAccessor/glTF-Embedded/SimpleSparseAccessor.gltf"}) {
        auto r = load(variant);
        // The base grid is flat at y <= 1; the three sparse vertices lift it to the accessor's max of 4.
        CHECK(r.scene.bounds.max.y == doctest::Approx(4.0f));
        CHECK(r.scene.bounds.max.x == doctest::Approx(6.0f));
    }
}

TEST_CASE("MultipleScenes loads the default scene and honours sceneIndex") {
    auto byDefault = load("MultipleScenes/glTF/MultipleScenes.gltf");
    ImportOptions first;
    first.sceneIndex = 0;
    ImportOptions second;
    second.sceneIndex = 1;
    auto scene0 = load("MultipleScenes/glTF/MultipleScenes.gltf", first);
    auto scene1 = load("MultipleScenes/glTF/MultipleScenes.gltf", second);
    // The file's "scene" is 1.
    REQUIRE(byDefault.scene.instances.size() == 1);
    CHECK(byDefault.scene.instances[0].node == 1);
    CHECK(scene1.scene.instances[0].node == 1);
    CHECK(scene0.scene.instances[0].node == 0);
    ImportOptions missing;
    missing.sceneIndex = 7;
    auto refused = gltf::importFile(asset("MultipleScenes/glTF/MultipleScenes.gltf"), missing);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().message.find("scene 7") != std::string::npos);
}

TEST_CASE("negative scale marks instances as mirrored") {
    auto r = load("NegativeScaleTest/glTF/NegativeScaleTest.gltf", geometryOnly());
    size_t mirrored = std::count_if(r.scene.instances.begin(), r.scene.instances.end(), [](const auto& i) { return i.mirrored; });
    CHECK(mirrored > 0);
    CHECK(mirrored < r.scene.instances.size());
    for (const auto& instance : r.scene.instances)
        CHECK(instance.mirrored == (glm::determinant(glm::mat3(instance.world)) < 0.0f));
}

TEST_CASE("Cameras has a perspective and an orthographic camera placed in the world") {
    auto r = load("Cameras/glTF/Cameras.gltf");
    REQUIRE(r.scene.cameras.size() == 2);
    std::set<scene::Camera::Type> types;
    for (const auto& camera : r.scene.cameras) types.insert(camera.type);
    CHECK(types.size() == 2);
    for (const auto& camera : r.scene.cameras) CHECK(camera.world[3] != glm::vec4(0.0f, 0.0f, 0.0f, 1.0f));
    // Neither the cameras nor their nodes have names: they get numbered ones to be picked by.
    CHECK(r.scene.cameras[0].name == "camera 1");
    CHECK(r.scene.cameras[1].name == "camera 2");
}

TEST_CASE("LightsPunctualLamp has world-space lights with unit directions") {
    auto r = load("LightsPunctualLamp/glTF/LightsPunctualLamp.gltf", geometryOnly());
    REQUIRE(!r.scene.lights.empty());
    for (const auto& light : r.scene.lights) CHECK(glm::length(light.direction) == doctest::Approx(1.0f));
}

TEST_CASE("points and lines are skipped with a warning, strips and fans become triangles") {
    auto r = load("MeshPrimitiveModes/glTF/MeshPrimitiveModes.gltf");
    CHECK(hasWarning(r, "POINTS"));
    CHECK(hasWarning(r, "LINES"));
    CHECK(hasWarning(r, "LINE_STRIP"));
    // TRIANGLES (18 indices) + TRIANGLE_STRIP (6) + TRIANGLE_FAN (8): 6 + 4 + 6 triangles.
    CHECK(r.scene.triangleCount() == 16);
    for (const auto& w : r.warnings) CHECK(w.rfind("MeshPrimitiveModes.gltf: ", 0) == 0);
}

TEST_CASE("an unsupported optional extension gives one warning naming it and the file still loads") {
    auto r = load("GlamVelvetSofa/glTF/GlamVelvetSofa.gltf", geometryOnly());
    CHECK(hasWarning(r, "KHR_materials_sheen"));
    CHECK(std::count_if(r.warnings.begin(), r.warnings.end(),
                        [](const std::string& w) { return w.find("KHR_materials_sheen") != std::string::npos; }) == 1);
}

TEST_CASE("texture transforms reach the material slots") {
    auto r = load("TextureTransformTest/glTF/TextureTransformTest.gltf");
    auto byName = [&](const std::string& name) -> const scene::Material& {
        auto it = std::find_if(r.scene.materials.begin(), r.scene.materials.end(), [&](const auto& m) { return m.name == name; });
        REQUIRE(it != r.scene.materials.end());
        return *it;
    };
    CHECK(byName("Offset U").baseColor.transform.offset == glm::vec2(0.5f, 0.0f));
    CHECK(byName("Rotation").baseColor.transform.rotation == doctest::Approx(0.39269908f));
    CHECK(byName("Scale").baseColor.transform.scale == glm::vec2(1.5f));
    CHECK(byName("Correct").baseColor.transform.isIdentity());
}

TEST_CASE("tangents are generated when a normal map needs them") {
    auto r = load("DamagedHelmet/glTF/DamagedHelmet.gltf");
    CHECK(r.scene.materials[0].normal.present());
    const scene::Primitive& p = r.scene.meshes[0].primitives[0];
    size_t good = 0;
    for (const scene::Vertex& v : p.vertices) {
        glm::vec3 t(v.tangent);
        REQUIRE(std::abs(glm::length(t) - 1.0f) < 1e-3f);
        REQUIRE(std::abs(v.tangent.w) == 1.0f);
        if (std::abs(glm::dot(t, v.normal)) < 1e-3f) ++good;
    }
    CHECK(good == p.vertices.size());
    // Not all the default (1,0,0): they follow the UVs.
    CHECK(std::any_of(p.vertices.begin(), p.vertices.end(), [](const auto& v) { return std::abs(v.tangent.x) < 0.5f; }));
}

TEST_CASE("colour textures are sRGB and data textures are linear") {
    auto r = load("DamagedHelmet/glTF/DamagedHelmet.gltf");
    const scene::Material& m = r.scene.materials[0];
    CHECK(r.scene.textures[m.baseColor.texture].srgb);
    CHECK(r.scene.textures[m.emissive.texture].srgb);
    CHECK_FALSE(r.scene.textures[m.normal.texture].srgb);
    CHECK_FALSE(r.scene.textures[m.occlusion.texture].srgb);
    CHECK_FALSE(r.scene.textures[m.metallicRoughness.texture].srgb);
    CHECK(r.scene.images.size() == 5);
    CHECK(r.scene.images[0].width == 2048);
}

TEST_CASE("one texture used as colour and as data becomes two textures sharing one image") {
    // A 2x2 PNG, made here, embedded as a data URI.
    std::vector<uint8_t> png;
    uint8_t pixels[16] = {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255};
    stbi_write_png_to_func([](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<uint8_t>*>(context);
        out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    }, &png, 2, 2, 4, pixels, 8);
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string base64;
    for (size_t i = 0; i < png.size(); i += 3) {
        uint32_t n = uint32_t(png[i]) << 16 | (i + 1 < png.size() ? uint32_t(png[i + 1]) << 8 : 0) | (i + 2 < png.size() ? png[i + 2] : 0);
        base64 += kAlphabet[n >> 18 & 63];
        base64 += kAlphabet[n >> 12 & 63];
        base64 += i + 1 < png.size() ? kAlphabet[n >> 6 & 63] : '=';
        base64 += i + 2 < png.size() ? kAlphabet[n & 63] : '=';
    }
    // One triangle: positions (3 x vec3 float) + uvs (3 x vec2 float) = 60 bytes, all zeros except a few.
    nlohmann::json gltf = {
        {"asset", {{"version", "2.0"}}},
        {"buffers", {{{"byteLength", 60}, {"uri", "data:application/octet-stream;base64," + std::string(80, 'A')}}}},
        {"bufferViews", {{{"buffer", 0}, {"byteLength", 36}}, {{"buffer", 0}, {"byteOffset", 36}, {"byteLength", 24}}}},
        {"accessors", {{{"bufferView", 0}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"}},
                       {{"bufferView", 1}, {"componentType", 5126}, {"count", 3}, {"type", "VEC2"}}}},
        {"images", {{{"uri", "data:image/png;base64," + base64}}}},
        {"textures", {{{"source", 0}}}},
        {"materials", {{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}, {"occlusionTexture", {{"index", 0}}}}}},
        {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", 0}, {"TEXCOORD_0", 1}}}, {"material", 0}}}}}}},
        {"nodes", {{{"mesh", 0}}}},
        {"scenes", {{{"nodes", {0}}}}},
    };
    std::string text = gltf.dump();
    auto r = gltf::importMemory(reinterpret_cast<const uint8_t*>(text.data()), text.size(), fs::temp_directory_path(), "shared.gltf");
    REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().message));
    const scene::Scene& s = r->scene;
    REQUIRE(s.textures.size() == 2);
    REQUIRE(s.images.size() == 1);
    CHECK(s.textures[s.materials[0].baseColor.texture].srgb);
    CHECK_FALSE(s.textures[s.materials[0].occlusion.texture].srgb);
    CHECK(s.textures[0].image == s.textures[1].image);
    CHECK(s.images[0].width == 2);
    CHECK(s.images[0].pixels[4] == 0);
    CHECK(s.images[0].pixels[5] == 255);
    // No NORMAL: flat normals, one per triangle (degenerate here, so the default up).
    CHECK(s.meshes[0].primitives[0].vertices.size() == 3);
}

TEST_CASE("file and folder names with spaces, percent escapes and unicode load") {
    auto spaces = load("Box With Spaces/glTF/Box With Spaces.gltf");
    CHECK(spaces.scene.triangleCount() == 12);
    CHECK(!spaces.scene.images.empty());
    auto unicode = load("Unicode❤♻Test/glTF/Unicode❤♻Test.gltf");
    CHECK(unicode.scene.triangleCount() > 0);
    CHECK(!unicode.scene.images.empty());
    auto unicodeGlb = load("Unicode❤♻Test/glTF-Binary/Unicode❤♻Test.glb");
    CHECK(unicodeGlb.scene.triangleCount() == unicode.scene.triangleCount());
}

TEST_CASE("skinned and animated models load in bind pose with a warning") {
    for (const char* path : {"CesiumMan/glTF/CesiumMan.gltf", "CesiumMan/glTF-Draco/CesiumMan.gltf", "Fox/glTF-Binary/Fox.glb",
                             "SimpleSkin/glTF/SimpleSkin.gltf"}) {
        auto r = load(path, geometryOnly());
        CHECK(hasWarning(r, "skins and animations are ignored"));
        CHECK(r.scene.triangleCount() > 0);
    }
}

TEST_CASE("loadImages off skips decoding and maxImageDimension downsamples") {
    auto skipped = load("DamagedHelmet/glTF/DamagedHelmet.gltf", geometryOnly());
    REQUIRE(skipped.scene.images.size() == 5);
    CHECK(skipped.scene.images[0].pixels.empty());
    ImportOptions small;
    small.maxImageDimension = 256;
    auto reduced = load("DamagedHelmet/glTF/DamagedHelmet.gltf", small);
    CHECK(reduced.scene.images[0].width == 256);
    CHECK(reduced.scene.images[0].pixels.size() == size_t(256) * reduced.scene.images[0].height * 4);
}

TEST_CASE("vertex colours, two UV sets and WebP-free texture settings come through") {
    auto colors = load("VertexColorTest/glTF/VertexColorTest.gltf");
    bool tinted = false;
    for (const auto& mesh : colors.scene.meshes)
        for (const auto& p : mesh.primitives)
            for (const auto& v : p.vertices) tinted |= v.color != glm::vec4(1.0f);
    CHECK(tinted);
    auto uv = load("MultiUVTest/glTF/MultiUVTest.gltf");
    bool secondSet = false;
    for (const auto& m : uv.scene.materials) secondSet |= m.baseColor.texCoord == 1 || m.emissive.texCoord == 1 || m.occlusion.texCoord == 1;
    CHECK(secondSet);
    auto settings = load("TextureSettingsTest/glTF/TextureSettingsTest.gltf");
    bool clamp = false, mirror = false;
    for (const auto& s : settings.scene.samplers) {
        clamp |= s.wrapS == scene::Wrap::ClampToEdge;
        mirror |= s.wrapS == scene::Wrap::MirroredRepeat;
    }
    CHECK(clamp);
    CHECK(mirror);
    auto unlit = load("UnlitTest/glTF/UnlitTest.gltf");
    CHECK(std::all_of(unlit.scene.materials.begin(), unlit.scene.materials.end(), [](const auto& m) { return m.unlit; }));
    auto emissive = load("EmissiveStrengthTest/glTF/EmissiveStrengthTest.gltf");
    CHECK(std::any_of(emissive.scene.materials.begin(), emissive.scene.materials.end(), [](const auto& m) { return m.emissiveStrength > 1.0f; }));
    auto alpha = load("AlphaBlendModeTest/glTF/AlphaBlendModeTest.gltf");
    CHECK(std::any_of(alpha.scene.materials.begin(), alpha.scene.materials.end(), [](const auto& m) { return m.alphaMode == scene::AlphaMode::Mask; }));
    CHECK(std::any_of(alpha.scene.materials.begin(), alpha.scene.materials.end(), [](const auto& m) { return m.alphaMode == scene::AlphaMode::Blend; }));
}
