// `openhouse-pack export --gltf` (tools/pack/gltf_export.h): a bundle's scene
// written as glTF 2.0 and read back by our own importer is the same scene —
// triangles, materials, bounds, cameras, lights, texture pixels (block-
// compressed ones as they decode) — the files are the same bytes every time,
// and a folder with someone's files in it is never written into.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>

#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "core/file_io.h"
#include "scene/gltf_import.h"
#include "scene/packed_vertex.h"
#include "texture/texture_encode.h"
#include "tools/pack/gltf_export.h"
#include "tools/pack/texture_stage.h"

namespace fs = std::filesystem;
using namespace oh;
using Json = nlohmann::json;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("oh_test_gltf_export_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

// Sample assets come in at a small size: the test is about the export, not
// about 2048-pixel textures.
scene::Scene importAsset(const std::string& relative) {
    gltf::ImportOptions options;
    options.maxImageDimension = 128;
    auto imported = gltf::importFile(fs::path(OH_ASSETS_DIR) / relative, options);
    REQUIRE_MESSAGE(imported.has_value(), imported.error().message);
    return std::move(imported.value().scene);
}

bundle::BundledScene bundled(const scene::Scene& scene) {
    bundle::BundledScene result;
    result.scene = scene;
    return result;
}

scene::Scene exportAndImport(const scene::Scene& scene, const fs::path& folder) {
    Status exported = pack::exportGltf(bundled(scene), folder);
    REQUIRE_MESSAGE(exported.has_value(), exported.error().message);
    auto imported = gltf::importFile(folder / "scene.gltf");
    REQUIRE_MESSAGE(imported.has_value(), imported.error().message);
    return std::move(imported.value().scene);
}

Json readJson(const fs::path& path) {
    auto bytes = readFile(path);
    REQUIRE(bytes.has_value());
    return Json::parse(bytes->begin(), bytes->end());
}

// Turns `image` into what a bundle holds (blocks, every mip) and
// returns its base level as a viewer would decode it.
RgbaImage compress(scene::Image& image, texture::TextureUsage usage) {
    RgbaImage rgba{image.width, image.height, image.pixels};
    auto encoded = texture::encodeTexture(rgba, usage);
    REQUIRE_MESSAGE(encoded.has_value(), encoded.error().message);
    image.format = pack::pixelFormatOf(encoded->format);
    image.pixels = encoded->data;
    image.mipLevels = uint32_t(encoded->levels.size());
    auto base = texture::decodeLevel(encoded.value(), 0);
    REQUIRE(base.has_value());
    return std::move(base.value());
}

// Compresses every image for the first slot that shows it, as the packer
// would (normal maps to Bc5, occlusion to Bc4, the rest to Bc7); returns each
// image's base level as the bundle would show it.
std::vector<RgbaImage> compressImages(scene::Scene& scene) {
    std::map<uint32_t, texture::TextureUsage> usage;
    for (const scene::Material& material : scene.materials) {
        const std::pair<const scene::TextureSlot*, texture::TextureUsage> slots[] = {
            {&material.normal, texture::TextureUsage::Normal},
            {&material.baseColor, texture::TextureUsage::Color},
            {&material.emissive, texture::TextureUsage::Color},
            {&material.metallicRoughness, texture::TextureUsage::Linear},
            {&material.occlusion, texture::TextureUsage::Single}};
        for (const auto& [slot, use] : slots)
            if (slot->present()) usage.try_emplace(scene.textures[slot->texture].image, use);
    }
    std::vector<RgbaImage> expected;
    for (uint32_t i = 0; i < scene.images.size(); ++i) {
        auto it = usage.find(i);
        expected.push_back(it != usage.end() ? compress(scene.images[i], it->second)
                                             : RgbaImage{scene.images[i].width, scene.images[i].height,
                                                         scene.images[i].pixels});
    }
    return expected;
}

scene::Sampler samplerOf(const scene::Scene& scene, uint32_t texture) {
    uint32_t sampler = scene.textures[texture].sampler;
    return sampler == scene::kNone ? scene::Sampler{} : scene.samplers[sampler];
}

void checkSameSlot(const scene::TextureSlot& before, const scene::TextureSlot& after, const scene::Scene& back,
                   const std::vector<RgbaImage>& expected, const scene::Scene& original) {
    REQUIRE(after.present() == before.present());
    if (!before.present()) return;
    CHECK(after.texCoord == before.texCoord);
    CHECK(after.transform.offset == before.transform.offset);
    CHECK(after.transform.rotation == before.transform.rotation);
    CHECK(after.transform.scale == before.transform.scale);
    scene::Sampler a = samplerOf(original, before.texture), b = samplerOf(back, after.texture);
    CHECK(b.magFilter == a.magFilter);
    CHECK(b.minFilter == a.minFilter);
    CHECK(b.useMipmaps == a.useMipmaps);
    if (a.useMipmaps) CHECK(b.mipFilter == a.mipFilter);
    CHECK(b.wrapS == a.wrapS);
    CHECK(b.wrapT == a.wrapT);
    const scene::Image& image = back.images[back.textures[after.texture].image];
    const RgbaImage& want = expected[original.textures[before.texture].image];
    CHECK(image.width == want.width);
    CHECK(image.height == want.height);
    CHECK(image.pixels == want.pixels);  // PNG is lossless: exactly what the bundle decodes to
}

void checkSameMaterials(const scene::Scene& original, const scene::Scene& back,
                        const std::vector<RgbaImage>& expected) {
    REQUIRE(back.materials.size() == original.materials.size());
    for (size_t m = 0; m < original.materials.size(); ++m) {
        CAPTURE(m);
        const scene::Material& a = original.materials[m];
        const scene::Material& b = back.materials[m];
        CHECK(b.name == a.name);
        CHECK(b.baseColorFactor == a.baseColorFactor);
        CHECK(b.metallicFactor == a.metallicFactor);
        CHECK(b.roughnessFactor == a.roughnessFactor);
        CHECK(b.normalScale == a.normalScale);
        CHECK(b.occlusionStrength == a.occlusionStrength);
        CHECK(b.emissiveFactor == a.emissiveFactor);
        CHECK(b.emissiveStrength == a.emissiveStrength);
        CHECK(b.alphaMode == a.alphaMode);
        CHECK(b.alphaCutoff == a.alphaCutoff);
        CHECK(b.doubleSided == a.doubleSided);
        CHECK(b.unlit == a.unlit);
        checkSameSlot(a.baseColor, b.baseColor, back, expected, original);
        checkSameSlot(a.metallicRoughness, b.metallicRoughness, back, expected, original);
        checkSameSlot(a.normal, b.normal, back, expected, original);
        checkSameSlot(a.occlusion, b.occlusion, back, expected, original);
        checkSameSlot(a.emissive, b.emissive, back, expected, original);
    }
}

void checkNear(const glm::vec3& a, const glm::vec3& b, float tolerance = 1e-4f) {
    CHECK(glm::length(a - b) <= tolerance);
}

void checkSameGeometry(const scene::Scene& original, const scene::Scene& back) {
    CHECK(back.triangleCount() == original.triangleCount());
    CHECK(back.instances.size() == original.instances.size());
    REQUIRE_FALSE(back.bounds.empty());
    checkNear(back.bounds.min, original.bounds.min);
    checkNear(back.bounds.max, original.bounds.max);
}

void checkSameCameras(const scene::Scene& original, const scene::Scene& back) {
    REQUIRE(back.cameras.size() == original.cameras.size());
    for (size_t c = 0; c < original.cameras.size(); ++c) {
        CAPTURE(c);
        const scene::Camera& a = original.cameras[c];
        const scene::Camera& b = back.cameras[c];
        CHECK(b.name == a.name);
        CHECK(b.type == a.type);
        CHECK(b.yfov == a.yfov);
        CHECK(b.aspectRatio == a.aspectRatio);
        CHECK(b.znear == a.znear);
        if (a.zfar > 0.0f) CHECK(b.zfar == a.zfar);  // an orthographic camera with none gets one (glTF needs it)
        CHECK(b.xmag == a.xmag);
        CHECK(b.ymag == a.ymag);
        for (int column = 0; column < 4; ++column) checkNear(glm::vec3(b.world[column]), glm::vec3(a.world[column]));
    }
}

void checkSameLights(const scene::Scene& original, const scene::Scene& back) {
    REQUIRE(back.lights.size() == original.lights.size());
    for (size_t l = 0; l < original.lights.size(); ++l) {
        CAPTURE(l);
        const scene::Light& a = original.lights[l];
        const scene::Light& b = back.lights[l];
        CHECK(b.name == a.name);
        CHECK(b.type == a.type);
        CHECK(b.color == a.color);
        CHECK(b.intensity == a.intensity);
        CHECK(b.range == a.range);
        CHECK(b.innerConeAngle == a.innerConeAngle);
        CHECK(b.outerConeAngle == a.outerConeAngle);
        checkNear(b.position, a.position);
        checkNear(b.direction, a.direction);
    }
}

void checkSameScene(const scene::Scene& original, const scene::Scene& back, const std::vector<RgbaImage>& expected) {
    checkSameGeometry(original, back);
    checkSameMaterials(original, back, expected);
    checkSameCameras(original, back);
    checkSameLights(original, back);
}

std::vector<RgbaImage> imagesAsStored(const scene::Scene& scene) {
    std::vector<RgbaImage> images;
    for (const scene::Image& image : scene.images) images.push_back({image.width, image.height, image.pixels});
    return images;
}

// A square of two triangles in the XY plane, `side` long, with UVs.
scene::Primitive square(float side, uint32_t material) {
    scene::Primitive primitive;
    for (glm::vec2 corner : {glm::vec2(0, 0), glm::vec2(1, 0), glm::vec2(1, 1), glm::vec2(0, 1)}) {
        scene::Vertex vertex;
        vertex.position = glm::vec3(corner * side, 0.0f);
        vertex.uv0 = corner;
        vertex.uv1 = corner * 0.5f;
        primitive.vertices.push_back(vertex);
    }
    primitive.indices = {0, 1, 2, 0, 2, 3};
    primitive.material = material;
    for (const scene::Vertex& vertex : primitive.vertices) primitive.bounds.extend(vertex.position);
    return primitive;
}

void addInstance(scene::Scene& scene, uint32_t mesh, uint32_t node, const glm::mat4& world) {
    scene::MeshInstance instance;
    instance.mesh = mesh;
    instance.node = node;
    instance.world = world;
    for (const scene::Primitive& primitive : scene.meshes[mesh].primitives)
        instance.worldBounds.extend(primitive.bounds.transformed(world));
    scene.bounds.extend(instance.worldBounds);
    scene.instances.push_back(instance);
}

// A 20x12 one-channel image: not a multiple of the 4x4 block on either side.
scene::Image gradient() {
    scene::Image image;
    image.name = "occlusion gradient";
    image.width = 20;
    image.height = 12;
    for (uint32_t y = 0; y < image.height; ++y)
        for (uint32_t x = 0; x < image.width; ++x)
            for (uint8_t value : {uint8_t(x * 12), uint8_t(y * 20), uint8_t(128), uint8_t(255)})
                image.pixels.push_back(value);
    return image;
}

// What a packer might hand over that no glTF import makes: two instances on
// one node (one placed apart from it), a camera with no far plane, a spot
// light, emissive strength, unlit, masks, TEXCOORD_1, a Bc4 texture.
scene::Scene sceneMadeInCode() {
    scene::Scene scene;
    scene.name = "made in code";
    scene::Material glowing;
    glowing.name = "glowing";
    glowing.emissiveFactor = glm::vec3(1.0f, 0.5f, 0.25f);
    glowing.emissiveStrength = 4.0f;
    glowing.occlusion = {0, 1, {}};
    glowing.occlusionStrength = 0.75f;
    scene::Material flat;
    flat.name = "flat";
    flat.unlit = true;
    flat.alphaMode = scene::AlphaMode::Mask;
    flat.alphaCutoff = 0.3f;
    flat.doubleSided = true;
    flat.baseColorFactor = glm::vec4(0.2f, 0.4f, 0.6f, 0.8f);
    scene.materials = {glowing, flat};
    scene.images = {gradient()};
    scene.textures = {{0, scene::kNone, false}};
    scene.meshes.push_back({"two squares", {square(1.0f, 0), square(0.5f, 1)}});

    scene::Node root{"root", scene::kNone, glm::translate(glm::mat4(1.0f), glm::vec3(1, 2, 3)) *
                                               glm::scale(glm::mat4(1.0f), glm::vec3(2.0f))};
    scene::Node child{"child", 0, root.world * glm::rotate(glm::mat4(1.0f), 0.5f, glm::vec3(0, 1, 0))};
    scene::Node viewpoint{"viewpoint", scene::kNone, glm::translate(glm::mat4(1.0f), glm::vec3(0, 1.6f, 4))};
    scene.nodes = {root, child, viewpoint};
    addInstance(scene, 0, 1, child.world);
    addInstance(scene, 0, 1, child.world * glm::translate(glm::mat4(1.0f), glm::vec3(3, 0, 0)));

    // Camera 0 sits on a later node than camera 1: importers number cameras
    // in the order they walk the tree, which the export must keep.
    scene::Camera camera;
    camera.name = "entrance";
    camera.zfar = 0.0f;
    camera.world = viewpoint.world;
    scene::Camera overview;
    overview.name = "overview";
    overview.world = root.world;
    scene.cameras = {camera, overview};
    scene.nodes[2].camera = 0;
    scene.nodes[0].camera = 1;

    scene::Light spot;
    spot.name = "ceiling spot";
    spot.type = scene::Light::Type::Spot;
    spot.intensity = 120.0f;
    spot.range = 8.0f;
    spot.innerConeAngle = 0.2f;
    spot.outerConeAngle = 0.6f;
    spot.position = glm::vec3(1, 2.5f, 1);
    spot.direction = glm::vec3(0, -1, 0);
    scene.lights = {spot};
    return scene;
}

std::map<std::string, std::vector<uint8_t>> filesIn(const fs::path& folder) {
    std::map<std::string, std::vector<uint8_t>> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.is_regular_file())
            files[fs::relative(entry.path(), folder).generic_string()] = readFile(entry.path()).value();
    return files;
}

}  // namespace

TEST_CASE("the stained-glass lamp comes back with its triangles, materials, bounds and texture pixels") {
    scene::Scene scene = importAsset("StainedGlassLamp/glTF/StainedGlassLamp.gltf");
    std::vector<RgbaImage> expected = compressImages(scene);
    size_t bc7 = 0, bc5 = 0;
    for (const scene::Image& image : scene.images) {
        bc7 += image.format == scene::PixelFormat::Bc7;
        bc5 += image.format == scene::PixelFormat::Bc5;
    }
    REQUIRE(bc7 > 0);  // colour and data textures and normal maps all take the block-decoding path
    REQUIRE(bc5 > 0);
    TempDir dir;
    scene::Scene back = exportAndImport(scene, dir.path);
    checkSameScene(scene, back, expected);
    for (size_t i = 0; i < scene.images.size(); ++i)
        CHECK(fs::exists(dir.path / "textures" / ("image-" + std::to_string(i) + ".png")));
    bool masks = false;  // the grill and the glass are alpha-tested
    for (const scene::Material& material : back.materials) masks |= material.alphaMode == scene::AlphaMode::Mask;
    CHECK(masks);
}

TEST_CASE("a webxr interior comes back the same and declares no extension it does not use") {
    scene::Scene scene = importAsset("webxr-home-theater/home-theater.gltf");
    TempDir dir;
    scene::Scene back = exportAndImport(scene, dir.path);
    checkSameScene(scene, back, imagesAsStored(scene));
    REQUIRE(back.nodes.size() >= scene.nodes.size());
    for (size_t n = 0; n < scene.nodes.size(); ++n) {
        CAPTURE(n);
        CHECK(back.nodes[n].name == scene.nodes[n].name);
        for (int column = 0; column < 4; ++column)
            checkNear(glm::vec3(back.nodes[n].world[column]), glm::vec3(scene.nodes[n].world[column]));
    }
    Json doc = readJson(dir.path / "scene.gltf");
    CHECK_FALSE(doc.contains("extensionsUsed"));
    CHECK(doc["asset"]["version"] == "2.0");
    for (const Json& accessor : doc["accessors"])
        CHECK(accessor["bufferView"].get<size_t>() < doc["bufferViews"].size());
    for (const Json& view : doc["bufferViews"]) CHECK(view["byteOffset"].get<size_t>() % 4 == 0);
}

TEST_CASE("the demo apartment packed into a tour file comes back from it with its lights and compressed textures") {
    gltf::ImportOptions options;
    options.maxImageDimension = 128;
    auto imported = gltf::importFile(OH_BINARY_DIR "/scenes/demo-apartment.glb", options);
    REQUIRE_MESSAGE(imported.has_value(), imported.error().message);
    scene::Scene scene = std::move(imported.value().scene);
    REQUIRE_FALSE(scene.lights.empty());
    std::vector<RgbaImage> expected = compressImages(scene);
    TempDir dir;
    fs::create_directories(dir.path);
    fs::path tour = dir.path / "demo.tour";
    REQUIRE(bundle::writeBundle(tour, bundle::encodeScene(bundled(scene))).has_value());
    auto reader = bundle::BundleReader::open(tour);
    REQUIRE_MESSAGE(reader.has_value(), reader.error().message);
    auto decoded = bundle::decodeScene(reader.value());
    REQUIRE_MESSAGE(decoded.has_value(), decoded.error().message);
    // The bundle holds the packed vertices only; each lies on its mesh's grid.
    for (size_t m = 0; m < scene.meshes.size(); ++m) {
        glm::vec3 tolerance = scene::positionGrid(scene.meshes[m]).size() / 131070.0f + 1e-6f;
        for (size_t p = 0; p < scene.meshes[m].primitives.size(); ++p) {
            const scene::Primitive& original = scene.meshes[m].primitives[p];
            const scene::Primitive& stored = decoded->scene.meshes[m].primitives[p];
            CHECK(stored.vertices.empty());
            REQUIRE(stored.packed.size() == original.vertices.size());
            std::vector<scene::Vertex> unpacked = scene::unpackedVertices(stored);
            for (size_t v = 0; v < unpacked.size(); ++v)
                REQUIRE(glm::all(glm::lessThanEqual(glm::abs(unpacked[v].position - original.vertices[v].position),
                                                    tolerance)));
        }
    }

    Status exported = pack::exportGltf(decoded.value(), dir.path / "export");
    REQUIRE_MESSAGE(exported.has_value(), exported.error().message);
    auto back = gltf::importFile(dir.path / "export" / "scene.gltf");
    REQUIRE_MESSAGE(back.has_value(), back.error().message);
    checkSameScene(scene, back->scene, expected);
}

TEST_CASE("perspective and orthographic cameras come back with their projections and poses") {
    scene::Scene scene = importAsset("Cameras/glTF/Cameras.gltf");
    REQUIRE(scene.cameras.size() == 2);
    TempDir dir;
    scene::Scene back = exportAndImport(scene, dir.path);
    checkSameScene(scene, back, imagesAsStored(scene));
}

TEST_CASE("punctual lights come back with their type, intensity, place and direction") {
    scene::Scene scene = importAsset("LightsPunctualLamp/glTF/LightsPunctualLamp.gltf");
    REQUIRE_FALSE(scene.lights.empty());
    TempDir dir;
    scene::Scene back = exportAndImport(scene, dir.path);
    checkSameScene(scene, back, imagesAsStored(scene));
    Json doc = readJson(dir.path / "scene.gltf");
    CHECK(doc["extensionsUsed"] == Json::array({"KHR_lights_punctual"}));
}

TEST_CASE("texture transforms are written with KHR_texture_transform and read back unchanged") {
    scene::Scene scene = importAsset("TextureTransformTest/glTF/TextureTransformTest.gltf");
    TempDir dir;
    scene::Scene back = exportAndImport(scene, dir.path);
    checkSameScene(scene, back, imagesAsStored(scene));
    Json doc = readJson(dir.path / "scene.gltf");
    CHECK(doc["extensionsUsed"] == Json::array({"KHR_texture_transform"}));
}

TEST_CASE("opaque, masked and blended materials come back with their alpha modes and cutoffs") {
    scene::Scene scene = importAsset("AlphaBlendModeTest/glTF/AlphaBlendModeTest.gltf");
    std::set<scene::AlphaMode> modes;
    for (const scene::Material& material : scene.materials) modes.insert(material.alphaMode);
    REQUIRE(modes.size() == 3);
    TempDir dir;
    scene::Scene back = exportAndImport(scene, dir.path);
    checkSameScene(scene, back, imagesAsStored(scene));
}

TEST_CASE("samplers come back with their filters and wrap modes") {
    scene::Scene scene = importAsset("TextureSettingsTest/glTF/TextureSettingsTest.gltf");
    std::set<scene::Wrap> wraps;
    for (const scene::Sampler& sampler : scene.samplers) wraps.insert(sampler.wrapS);
    REQUIRE(wraps.size() == 3);
    TempDir dir;
    scene::Scene back = exportAndImport(scene, dir.path);
    checkSameScene(scene, back, imagesAsStored(scene));
}

TEST_CASE("a scene made in code keeps its extra instance, camera order, infinite far plane, spot light and materials") {
    scene::Scene scene = sceneMadeInCode();
    std::vector<RgbaImage> expected = {compress(scene.images[0], texture::TextureUsage::Single)};
    REQUIRE(scene::checkScene(scene).empty());
    TempDir dir;
    scene::Scene back = exportAndImport(scene, dir.path);
    checkSameScene(scene, back, expected);
    CHECK(back.cameras[0].zfar == 0.0f);
    Json doc = readJson(dir.path / "scene.gltf");
    CHECK(doc["extensionsUsed"] == Json::array({"KHR_lights_punctual", "KHR_materials_emissive_strength",
                                                "KHR_materials_unlit"}));
    CHECK_FALSE(doc["cameras"][0]["perspective"].contains("zfar"));
    // The occlusion map reads TEXCOORD_1, so the glowing square carries it; the flat one does not.
    CHECK(doc["meshes"][0]["primitives"][0]["attributes"].contains("TEXCOORD_1"));
    CHECK_FALSE(doc["meshes"][0]["primitives"][1]["attributes"].contains("TEXCOORD_1"));
}

TEST_CASE("meshes of up to 65535 vertices get 16-bit indices and larger ones 32-bit") {
    scene::Scene scene;
    scene.meshes.push_back({"small", {square(1.0f, scene::kNone)}});
    scene::Primitive large = square(1.0f, scene::kNone);
    large.vertices.resize(70000, large.vertices[0]);
    large.indices.push_back(69999);
    large.indices.push_back(1);
    large.indices.push_back(2);
    scene.meshes.push_back({"large", {large}});
    scene.nodes = {{"small", scene::kNone, glm::mat4(1.0f)}, {"large", scene::kNone, glm::mat4(1.0f)}};
    addInstance(scene, 0, 0, glm::mat4(1.0f));
    addInstance(scene, 1, 1, glm::mat4(1.0f));
    TempDir dir;
    scene::Scene back = exportAndImport(scene, dir.path);
    CHECK(back.triangleCount() == 5);
    Json doc = readJson(dir.path / "scene.gltf");
    auto indexType = [&](size_t mesh) {
        size_t accessor = doc["meshes"][mesh]["primitives"][0]["indices"];
        return doc["accessors"][accessor]["componentType"].get<int>();
    };
    CHECK(indexType(0) == 5123);
    CHECK(indexType(1) == 5125);
}

TEST_CASE("exporting the same scene twice gives the same bytes") {
    scene::Scene scene = sceneMadeInCode();
    compress(scene.images[0], texture::TextureUsage::Single);
    TempDir first, second;
    REQUIRE(pack::exportGltf(bundled(scene), first.path).has_value());
    REQUIRE(pack::exportGltf(bundled(scene), second.path).has_value());
    auto a = filesIn(first.path);
    CHECK(a.size() == 3);  // scene.gltf, scene.bin, textures/image-0.png
    CHECK(a == filesIn(second.path));
}

TEST_CASE("a folder that already holds files is refused unless overwriting is allowed") {
    scene::Scene scene = sceneMadeInCode();
    TempDir dir;
    fs::create_directories(dir.path);
    std::string note = "someone's notes";
    REQUIRE(writeFileAtomic(dir.path / "notes.txt", {reinterpret_cast<const uint8_t*>(note.data()), note.size()}));

    Status refused = pack::exportGltf(bundled(scene), dir.path);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().exitCode == kExitIo);
    CHECK(refused.error().message.find(displayPath(dir.path)) != std::string::npos);
    CHECK(refused.error().message.find("not empty") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path / "scene.gltf"));

    pack::ExportOptions overwrite;
    overwrite.overwrite = true;
    REQUIRE(pack::exportGltf(bundled(scene), dir.path, overwrite).has_value());
    CHECK(fs::exists(dir.path / "scene.gltf"));
    CHECK(readFile(dir.path / "notes.txt").value().size() == note.size());  // left as it was
}

TEST_CASE("a path that is a file and a malformed scene are refused before anything is written") {
    TempDir dir;
    fs::create_directories(dir.path);
    fs::path file = dir.path / "taken";
    REQUIRE(writeFileAtomic(file, std::vector<uint8_t>{1, 2, 3}));
    Status onFile = pack::exportGltf(bundled(sceneMadeInCode()), file);
    REQUIRE_FALSE(onFile.has_value());
    CHECK(onFile.error().exitCode == kExitIo);
    CHECK(onFile.error().message.find("not a folder") != std::string::npos);

    scene::Scene broken = sceneMadeInCode();
    broken.materials[0].occlusion.texture = 7;  // no such texture
    fs::path target = dir.path / "out";
    Status refused = pack::exportGltf(bundled(broken), target);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().exitCode == kExitBadInput);
    CHECK(refused.error().message.find("texture 7 does not exist") != std::string::npos);
    CHECK_FALSE(fs::exists(target));

    scene::Scene truncated = sceneMadeInCode();
    truncated.images[0].pixels.resize(10);  // fewer bytes than its size needs
    Status truncatedResult = pack::exportGltf(bundled(truncated), target);
    REQUIRE_FALSE(truncatedResult.has_value());
    CHECK(truncatedResult.error().message.find("image 0") != std::string::npos);
    CHECK_FALSE(fs::exists(target));
}
