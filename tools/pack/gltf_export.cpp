// A bundle's scene written back out as glTF 2.0 (gltf_export.h). One pass per
// part of the document: the binary buffer (attributes and indices), meshes,
// materials with their textures and samplers, cameras and lights, the node
// tree, then the files. Everything goes in index order into an ordered JSON
// document, so the same scene always gives the same bytes.
#include "tools/pack/gltf_export.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "core/image.h"
#include "scene/packed_vertex.h"
#include "texture/texture_encode.h"

namespace oh::pack {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// [SECTION] glTF 2.0 enums and names (spec §5: accessor, bufferView, sampler)

constexpr int kUnsignedShort = 5123;
constexpr int kUnsignedInt = 5125;
constexpr int kFloat = 5126;
constexpr int kArrayBuffer = 34962;
constexpr int kElementArrayBuffer = 34963;
constexpr int kNearest = 9728;
constexpr int kLinear = 9729;
constexpr int kNearestMipmapNearest = 9984;
constexpr int kLinearMipmapNearest = 9985;
constexpr int kNearestMipmapLinear = 9986;
constexpr int kLinearMipmapLinear = 9987;
constexpr int kClampToEdge = 33071;
constexpr int kMirroredRepeat = 33648;
constexpr int kRepeat = 10497;

constexpr const char* kTextureTransform = "KHR_texture_transform";
constexpr const char* kEmissiveStrength = "KHR_materials_emissive_strength";
constexpr const char* kUnlit = "KHR_materials_unlit";
constexpr const char* kLightsPunctual = "KHR_lights_punctual";

constexpr const char* kSceneFile = "scene.gltf";
constexpr const char* kBufferFile = "scene.bin";
constexpr const char* kTextureFolder = "textures";

// glTF's orthographic camera needs a far plane (spec §5.13); the scene keeps
// 0 for "none", so a kilometre stands in: more than any home.
constexpr float kOrthographicFar = 1000.0f;

// The largest index an UNSIGNED_SHORT index accessor may hold: 65535 is the
// primitive-restart value, which glTF forbids in indices (spec §3.7.2.1).
constexpr size_t kMaxShortIndexedVertices = 65535;

// Extensions the document uses, sorted, so extensionsUsed is deterministic.
using Extensions = std::set<std::string>;

// [SECTION] Numbers

// The shortest decimal that reads back as the same float: 0.8f is written as
// 0.8, not 0.800000011920929, and a float reader gets 0.8f back exactly.
double tidy(float value) {
    if (!std::isfinite(value)) return double(value);
    char text[32];
    auto written = std::to_chars(text, text + sizeof(text), value);
    double result = double(value);
    std::from_chars(text, written.ptr, result);
    return result;
}

template <glm::length_t N>
Json tidyArray(const glm::vec<N, float>& v) {
    Json array = Json::array();
    for (glm::length_t i = 0; i < N; ++i) array.push_back(tidy(v[i]));
    return array;
}

// Matrices and poses compared with a tolerance that grows with their size
// (float rounding of a composed matrix is relative).
bool nearlyEqual(const glm::mat4& a, const glm::mat4& b) {
    float largest = 0.0f;
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) largest = std::max({largest, std::abs(a[c][r]), std::abs(b[c][r])});
    float tolerance = 1e-5f * (1.0f + largest);
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r)
            if (!(std::abs(a[c][r] - b[c][r]) <= tolerance)) return false;
    return true;
}

// The inverse, when there is a usable one (no zero scale, nothing non-finite).
std::optional<glm::mat4> inverseOf(const glm::mat4& m) {
    if (!(std::abs(glm::determinant(m)) > 1e-30f)) return std::nullopt;
    glm::mat4 inverse = glm::inverse(m);
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r)
            if (!std::isfinite(inverse[c][r])) return std::nullopt;
    return inverse;
}

// [SECTION] Node transforms

struct Trs {
    glm::vec3 translation{0.0f};
    glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
    glm::vec3 scale{1.0f};
    glm::mat4 matrix() const {
        return glm::translate(glm::mat4(1.0f), translation) * glm::mat4_cast(rotation) *
               glm::scale(glm::mat4(1.0f), scale);
    }
};

// T * R * S for `m`, or none when `m` has shear, projection or a zero scale
// (glTF requires node.matrix to be decomposable, spec §5.25, so such a matrix
// could not be written faithfully either way).
std::optional<Trs> decompose(const glm::mat4& m) {
    if (m[0][3] != 0.0f || m[1][3] != 0.0f || m[2][3] != 0.0f || m[3][3] != 1.0f) return std::nullopt;
    Trs trs;
    trs.translation = glm::vec3(m[3]);
    glm::mat3 basis(m);
    trs.scale = glm::vec3(glm::length(basis[0]), glm::length(basis[1]), glm::length(basis[2]));
    if (!(trs.scale.x > 0.0f && trs.scale.y > 0.0f && trs.scale.z > 0.0f)) return std::nullopt;
    // A mirror: one negative scale leaves a proper rotation to extract.
    if (glm::determinant(basis) < 0.0f) trs.scale.x = -trs.scale.x;
    glm::mat3 rotation(basis[0] / trs.scale.x, basis[1] / trs.scale.y, basis[2] / trs.scale.z);
    trs.rotation = glm::normalize(glm::quat_cast(rotation));
    if (trs.rotation.w < 0.0f) trs.rotation = -trs.rotation;  // one of the two equal quaternions, always the same
    if (!nearlyEqual(trs.matrix(), m)) return std::nullopt;
    return trs;
}

// Sets a node's transform from its local matrix: translation, rotation and
// scale where it decomposes (the form every tool edits), else the matrix;
// nothing at all for the identity.
void writeTransform(Json& node, const glm::mat4& local) {
    if (nearlyEqual(local, glm::mat4(1.0f))) return;  // float dust from undoing the parent
    std::optional<Trs> trs = decompose(local);
    if (!trs) {
        Json matrix = Json::array();
        for (int c = 0; c < 4; ++c)
            for (int r = 0; r < 4; ++r) matrix.push_back(tidy(local[c][r]));  // column-major, as glTF stores it
        node["matrix"] = std::move(matrix);
        return;
    }
    if (trs->translation != glm::vec3(0.0f)) node["translation"] = tidyArray(trs->translation);
    if (trs->rotation != glm::quat(1.0f, 0.0f, 0.0f, 0.0f))
        node["rotation"] = Json::array({tidy(trs->rotation.x), tidy(trs->rotation.y), tidy(trs->rotation.z),
                                        tidy(trs->rotation.w)});
    if (trs->scale != glm::vec3(1.0f)) node["scale"] = tidyArray(trs->scale);
}

// [SECTION] The binary buffer: one bufferView per accessor, each 4-byte aligned

struct BinaryBuffer {
    std::vector<uint8_t> bytes;
    Json bufferViews = Json::array();
    Json accessors = Json::array();

    // Appends `values` (tightly packed elements of `type`) and returns the new
    // accessor's index.
    template <typename T>
    uint32_t addAccessor(std::span<const T> values, int componentType, const char* type, int target) {
        size_t offset = bytes.size();
        bytes.resize(offset + values.size_bytes());
        std::memcpy(bytes.data() + offset, values.data(), values.size_bytes());
        bytes.resize((bytes.size() + 3) & ~size_t(3), 0);  // spec §3.6.2.4: keep every view aligned
        bufferViews.push_back(
            {{"buffer", 0}, {"byteOffset", offset}, {"byteLength", values.size_bytes()}, {"target", target}});
        accessors.push_back({{"bufferView", bufferViews.size() - 1},
                             {"componentType", componentType},
                             {"count", values.size()},
                             {"type", type}});
        return uint32_t(accessors.size() - 1);
    }
};

// [SECTION] Meshes

// Which texture coordinate sets a material reads.
bool readsTexCoord(const scene::Material& material, uint32_t set) {
    for (const scene::TextureSlot* slot : {&material.baseColor, &material.metallicRoughness, &material.normal,
                                           &material.occlusion, &material.emissive})
        if (slot->present() && slot->texCoord == set) return true;
    return false;
}

template <typename T, typename Get>
std::vector<T> gather(const std::vector<scene::Vertex>& vertices, Get get) {
    std::vector<T> out;
    out.reserve(vertices.size());
    for (const scene::Vertex& vertex : vertices) out.push_back(get(vertex));
    return out;
}

// POSITION with the min and max the spec requires (§3.7.2.1), as the exact
// float values: validators compare them with the data bit for bit.
uint32_t writePositions(BinaryBuffer& buffer, const std::vector<scene::Vertex>& vertices) {
    auto positions = gather<glm::vec3>(vertices, [](const scene::Vertex& v) { return v.position; });
    scene::Aabb bounds;
    for (const glm::vec3& p : positions) bounds.extend(p);
    uint32_t accessor = buffer.addAccessor<glm::vec3>(positions, kFloat, "VEC3", kArrayBuffer);
    buffer.accessors[accessor]["min"] = {double(bounds.min.x), double(bounds.min.y), double(bounds.min.z)};
    buffer.accessors[accessor]["max"] = {double(bounds.max.x), double(bounds.max.y), double(bounds.max.z)};
    return accessor;
}

// glTF wants unit normals and tangents with w exactly ±1 (§3.7.2.1); a
// degenerate one (zero length) gets an arbitrary unit vector rather than NaN.
glm::vec3 unitOr(const glm::vec3& v, const glm::vec3& fallback) {
    float length = glm::length(v);
    return length > 0.0f && std::isfinite(length) ? v / length : fallback;
}

Json writeAttributes(BinaryBuffer& buffer, const scene::Primitive& primitive, const scene::Material* material) {
    // A bundle's vertices are packed; the export writes them back as floats.
    const std::vector<scene::Vertex> vertices = scene::unpackedVertices(primitive);
    Json attributes = Json::object();
    attributes["POSITION"] = writePositions(buffer, vertices);
    attributes["NORMAL"] = buffer.addAccessor<glm::vec3>(
        gather<glm::vec3>(vertices, [](const scene::Vertex& v) { return unitOr(v.normal, {0.0f, 0.0f, 1.0f}); }),
        kFloat, "VEC3", kArrayBuffer);
    if (material && material->normal.present())
        attributes["TANGENT"] = buffer.addAccessor<glm::vec4>(gather<glm::vec4>(vertices, [](const scene::Vertex& v) {
            return glm::vec4(unitOr(glm::vec3(v.tangent), {1.0f, 0.0f, 0.0f}), v.tangent.w < 0.0f ? -1.0f : 1.0f);
        }), kFloat, "VEC4", kArrayBuffer);
    // UVs a texture reads must be there; TEXCOORD_0 is kept even untextured
    // (for whoever textures the model next) unless the file never had one.
    bool anyUv0 = false;
    for (const scene::Vertex& v : vertices) anyUv0 |= v.uv0 != glm::vec2(0.0f);
    if (anyUv0 || (material && readsTexCoord(*material, 0)))
        attributes["TEXCOORD_0"] = buffer.addAccessor<glm::vec2>(
            gather<glm::vec2>(vertices, [](const scene::Vertex& v) { return v.uv0; }), kFloat, "VEC2", kArrayBuffer);
    if (material && readsTexCoord(*material, 1))
        attributes["TEXCOORD_1"] = buffer.addAccessor<glm::vec2>(
            gather<glm::vec2>(vertices, [](const scene::Vertex& v) { return v.uv1; }), kFloat, "VEC2", kArrayBuffer);
    bool anyColor = false;
    for (const scene::Vertex& v : vertices) anyColor |= v.color != glm::vec4(1.0f);
    if (anyColor)
        attributes["COLOR_0"] = buffer.addAccessor<glm::vec4>(
            gather<glm::vec4>(vertices, [](const scene::Vertex& v) { return v.color; }), kFloat, "VEC4", kArrayBuffer);
    return attributes;
}

uint32_t writeIndices(BinaryBuffer& buffer, const scene::Primitive& primitive) {
    if (primitive.vertexCount() <= kMaxShortIndexedVertices) {
        std::vector<uint16_t> shortIndices(primitive.indices.begin(), primitive.indices.end());
        return buffer.addAccessor<uint16_t>(shortIndices, kUnsignedShort, "SCALAR", kElementArrayBuffer);
    }
    return buffer.addAccessor<uint32_t>(primitive.indices, kUnsignedInt, "SCALAR", kElementArrayBuffer);
}

// Every mesh with at least one primitive (glTF allows no empty mesh);
// `meshIndex` maps scene meshes to glTF ones, kNone for those left out.
Json writeMeshes(BinaryBuffer& buffer, const scene::Scene& scene, std::vector<uint32_t>& meshIndex) {
    Json meshes = Json::array();
    meshIndex.assign(scene.meshes.size(), scene::kNone);
    for (size_t m = 0; m < scene.meshes.size(); ++m) {
        const scene::Mesh& mesh = scene.meshes[m];
        if (mesh.primitives.empty()) continue;
        Json primitives = Json::array();
        for (const scene::Primitive& primitive : mesh.primitives) {
            const scene::Material* material =
                primitive.material != scene::kNone ? &scene.materials[primitive.material] : nullptr;
            Json out = {{"attributes", writeAttributes(buffer, primitive, material)},
                        {"indices", writeIndices(buffer, primitive)}};
            if (material) out["material"] = primitive.material;
            primitives.push_back(std::move(out));
        }
        Json out = Json::object();
        if (!mesh.name.empty()) out["name"] = mesh.name;
        out["primitives"] = std::move(primitives);
        meshIndex[m] = uint32_t(meshes.size());
        meshes.push_back(std::move(out));
    }
    return meshes;
}

// [SECTION] Materials, textures, samplers, images

// glTF textures pair an image with a sampler; the scene also splits them by
// colour space, which glTF leaves to the slot. Scene textures that differ
// only in that share one glTF texture. `textureIndex` maps scene textures to glTF ones.
Json writeTextures(const scene::Scene& scene, std::vector<uint32_t>& textureIndex) {
    Json textures = Json::array();
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> made;  // (image, sampler) -> glTF texture
    for (const scene::Texture& texture : scene.textures) {
        auto [it, added] = made.try_emplace({texture.image, texture.sampler}, uint32_t(textures.size()));
        if (added) {
            Json out = Json::object();
            if (texture.sampler != scene::kNone) out["sampler"] = texture.sampler;
            out["source"] = texture.image;
            textures.push_back(std::move(out));
        }
        textureIndex.push_back(it->second);
    }
    return textures;
}

int wrapEnum(scene::Wrap wrap) {
    switch (wrap) {
        case scene::Wrap::ClampToEdge: return kClampToEdge;
        case scene::Wrap::MirroredRepeat: return kMirroredRepeat;
        case scene::Wrap::Repeat: break;
    }
    return kRepeat;
}

int minFilterEnum(const scene::Sampler& sampler) {
    bool nearest = sampler.minFilter == scene::Filter::Nearest;
    if (!sampler.useMipmaps) return nearest ? kNearest : kLinear;
    if (sampler.mipFilter == scene::Filter::Nearest) return nearest ? kNearestMipmapNearest : kLinearMipmapNearest;
    return nearest ? kNearestMipmapLinear : kLinearMipmapLinear;
}

Json writeSamplers(const scene::Scene& scene) {
    Json samplers = Json::array();
    for (const scene::Sampler& sampler : scene.samplers)
        samplers.push_back({{"magFilter", sampler.magFilter == scene::Filter::Nearest ? kNearest : kLinear},
                            {"minFilter", minFilterEnum(sampler)},
                            {"wrapS", wrapEnum(sampler.wrapS)},
                            {"wrapT", wrapEnum(sampler.wrapT)}});
    return samplers;
}

std::string imageFileName(size_t image) { return "image-" + std::to_string(image) + ".png"; }

Json writeImages(const scene::Scene& scene) {
    Json images = Json::array();
    for (size_t i = 0; i < scene.images.size(); ++i) {
        Json out = {{"uri", std::string(kTextureFolder) + "/" + imageFileName(i)}};
        if (!scene.images[i].name.empty()) out["name"] = scene.images[i].name;  // where it came from
        images.push_back(std::move(out));
    }
    return images;
}

// A textureInfo (§5.22), with KHR_texture_transform when the slot has one.
// The slot's texCoord is already the one the transform chose, so it goes in
// textureInfo itself and the extension needs no override.
Json textureInfo(const scene::TextureSlot& slot, const std::vector<uint32_t>& textureIndex, Extensions& used) {
    Json info = {{"index", textureIndex[slot.texture]}};
    if (slot.texCoord != 0) info["texCoord"] = slot.texCoord;
    if (!slot.transform.isIdentity()) {
        Json transform = Json::object();
        if (slot.transform.offset != glm::vec2(0.0f)) transform["offset"] = tidyArray(slot.transform.offset);
        if (slot.transform.rotation != 0.0f) transform["rotation"] = tidy(slot.transform.rotation);
        if (slot.transform.scale != glm::vec2(1.0f)) transform["scale"] = tidyArray(slot.transform.scale);
        info["extensions"][kTextureTransform] = std::move(transform);
        used.insert(kTextureTransform);
    }
    return info;
}

Json pbrMetallicRoughness(const scene::Material& material, const std::vector<uint32_t>& textureIndex,
                          Extensions& used) {
    Json pbr = Json::object();
    if (material.baseColorFactor != glm::vec4(1.0f)) pbr["baseColorFactor"] = tidyArray(material.baseColorFactor);
    if (material.baseColor.present()) pbr["baseColorTexture"] = textureInfo(material.baseColor, textureIndex, used);
    if (material.metallicFactor != 1.0f) pbr["metallicFactor"] = tidy(material.metallicFactor);
    if (material.roughnessFactor != 1.0f) pbr["roughnessFactor"] = tidy(material.roughnessFactor);
    if (material.metallicRoughness.present())
        pbr["metallicRoughnessTexture"] = textureInfo(material.metallicRoughness, textureIndex, used);
    return pbr;
}

// Material extensions: emissive strength only when it is not 1, unlit when set.
Json materialExtensions(const scene::Material& material, Extensions& used) {
    Json extensions = Json::object();
    if (material.emissiveStrength != 1.0f) {
        extensions[kEmissiveStrength] = {{"emissiveStrength", tidy(material.emissiveStrength)}};
        used.insert(kEmissiveStrength);
    }
    if (material.unlit) {
        extensions[kUnlit] = Json::object();
        used.insert(kUnlit);
    }
    return extensions;
}

// Values equal to the spec's defaults are left out, as glTF exporters do.
Json writeMaterial(const scene::Material& material, const std::vector<uint32_t>& textureIndex, Extensions& used) {
    Json out = Json::object();
    if (!material.name.empty()) out["name"] = material.name;
    if (Json pbr = pbrMetallicRoughness(material, textureIndex, used); !pbr.empty())
        out["pbrMetallicRoughness"] = std::move(pbr);
    if (material.normal.present()) {
        out["normalTexture"] = textureInfo(material.normal, textureIndex, used);
        if (material.normalScale != 1.0f) out["normalTexture"]["scale"] = tidy(material.normalScale);
    }
    if (material.occlusion.present()) {
        out["occlusionTexture"] = textureInfo(material.occlusion, textureIndex, used);
        if (material.occlusionStrength != 1.0f) out["occlusionTexture"]["strength"] = tidy(material.occlusionStrength);
    }
    if (material.emissive.present()) out["emissiveTexture"] = textureInfo(material.emissive, textureIndex, used);
    if (material.emissiveFactor != glm::vec3(0.0f)) out["emissiveFactor"] = tidyArray(material.emissiveFactor);
    if (material.alphaMode == scene::AlphaMode::Mask) {
        out["alphaMode"] = "MASK";
        if (material.alphaCutoff != 0.5f) out["alphaCutoff"] = tidy(material.alphaCutoff);
    } else if (material.alphaMode == scene::AlphaMode::Blend) {
        out["alphaMode"] = "BLEND";
    }
    if (material.doubleSided) out["doubleSided"] = true;
    if (Json extensions = materialExtensions(material, used); !extensions.empty())
        out["extensions"] = std::move(extensions);
    return out;
}

// [SECTION] Cameras and lights

Json writeCamera(const scene::Camera& camera) {
    Json out = Json::object();
    if (!camera.name.empty()) out["name"] = camera.name;
    if (camera.type == scene::Camera::Type::Orthographic) {
        out["type"] = "orthographic";
        out["orthographic"] = {{"xmag", tidy(camera.xmag)},
                               {"ymag", tidy(camera.ymag)},
                               {"znear", tidy(camera.znear)},
                               {"zfar", tidy(camera.zfar > 0.0f ? camera.zfar : kOrthographicFar)}};
        return out;
    }
    out["type"] = "perspective";
    Json perspective = Json::object();
    if (camera.aspectRatio > 0.0f) perspective["aspectRatio"] = tidy(camera.aspectRatio);
    perspective["yfov"] = tidy(camera.yfov);
    if (camera.zfar > 0.0f) perspective["zfar"] = tidy(camera.zfar);  // none: an infinite projection
    perspective["znear"] = tidy(camera.znear);
    out["perspective"] = std::move(perspective);
    return out;
}

const char* lightType(scene::Light::Type type) {
    switch (type) {
        case scene::Light::Type::Directional: return "directional";
        case scene::Light::Type::Spot: return "spot";
        case scene::Light::Type::Point: break;
    }
    return "point";
}

// KHR_lights_punctual: intensity in candela (point, spot) or lux
// (directional), as the scene keeps it; range 0 (infinite) is left out.
Json writeLight(const scene::Light& light) {
    Json out = Json::object();
    if (!light.name.empty()) out["name"] = light.name;
    out["type"] = lightType(light.type);
    if (light.color != glm::vec3(1.0f)) out["color"] = tidyArray(light.color);
    if (light.intensity != 1.0f) out["intensity"] = tidy(light.intensity);
    if (light.range > 0.0f) out["range"] = tidy(light.range);
    if (light.type == scene::Light::Type::Spot)
        out["spot"] = {{"innerConeAngle", tidy(light.innerConeAngle)}, {"outerConeAngle", tidy(light.outerConeAngle)}};
    return out;
}

// Where a light stands and points, as a node transform: KHR_lights_punctual
// lights shine down their node's -Z.
glm::mat4 lightPose(const scene::Light& light) {
    glm::quat turn(glm::vec3(0.0f, 0.0f, -1.0f), unitOr(light.direction, {0.0f, 0.0f, -1.0f}));  // -Z onto it
    return glm::translate(glm::mat4(1.0f), light.position) * glm::mat4_cast(turn);
}

bool nodeCarriesLight(const glm::mat4& world, const scene::Light& light) {
    glm::vec3 direction = unitOr(glm::mat3(world) * glm::vec3(0.0f, 0.0f, -1.0f), {0.0f, 0.0f, -1.0f});
    float size = 1.0f + glm::length(light.position);
    return glm::length(glm::vec3(world[3]) - light.position) <= 1e-5f * size &&
           glm::length(direction - unitOr(light.direction, {0.0f, 0.0f, -1.0f})) <= 1e-4f;
}

// [SECTION] The node tree

// The scene keeps world matrices; glTF wants each node relative to its
// parent. Scene nodes keep their indices, so a node named in a bundle is
// the same node in the export; what does not sit on its scene node (a second
// instance of a node, a camera or light placed elsewhere) gets a node of its
// own after them, as a child of that node.
struct NodeTree {
    Json nodes = Json::array();
    std::vector<glm::mat4> world;  // per glTF node
    std::vector<uint32_t> parent;  // per glTF node, kNone for roots
    std::vector<uint32_t> camera;  // per glTF node, kNone for none
    std::vector<bool> hasMesh, hasLight;

    // Fills in node `index`, whose world is already in `world`: its name and
    // its transform relative to `parentNode`. A parent that cannot be undone
    // (zero scale) is dropped and the node placed from the root instead.
    void place(uint32_t index, const std::string& name, uint32_t parentNode) {
        std::optional<glm::mat4> undoParent =
            parentNode != scene::kNone ? inverseOf(world[parentNode]) : std::optional<glm::mat4>(glm::mat4(1.0f));
        if (!undoParent) parentNode = scene::kNone;
        Json node = Json::object();
        if (!name.empty()) node["name"] = name;
        writeTransform(node, undoParent.value_or(glm::mat4(1.0f)) * world[index]);
        nodes[index] = std::move(node);
        parent[index] = parentNode;
    }

    uint32_t add(const std::string& name, uint32_t parentNode, const glm::mat4& nodeWorld) {
        uint32_t index = uint32_t(nodes.size());
        resize(index + 1);
        world[index] = nodeWorld;
        place(index, name, parentNode);
        return index;
    }

    void resize(size_t count) {
        nodes.get_ref<Json::array_t&>().resize(count);
        world.resize(count, glm::mat4(1.0f));
        parent.resize(count, scene::kNone);
        camera.resize(count, scene::kNone);
        hasMesh.resize(count, false);
        hasLight.resize(count, false);
    }
};

// The scene's nodes, in its order. Every world is known before any local is
// made, since a parent may come after its children.
NodeTree buildNodes(const scene::Scene& scene) {
    NodeTree tree;
    tree.resize(scene.nodes.size());
    for (size_t n = 0; n < scene.nodes.size(); ++n) tree.world[n] = scene.nodes[n].world;
    for (size_t n = 0; n < scene.nodes.size(); ++n) tree.place(uint32_t(n), scene.nodes[n].name, scene.nodes[n].parent);
    return tree;
}

void placeInstances(NodeTree& tree, const scene::Scene& scene, const std::vector<uint32_t>& meshIndex) {
    for (const scene::MeshInstance& instance : scene.instances) {
        uint32_t mesh = meshIndex[instance.mesh];
        if (mesh == scene::kNone) continue;  // nothing to draw
        uint32_t node = instance.node;
        if (tree.hasMesh[node] || !nearlyEqual(tree.world[node], instance.world))
            node = tree.add(scene.meshes[instance.mesh].name, node, instance.world);
        tree.nodes[node]["mesh"] = mesh;
        tree.hasMesh[node] = true;
    }
}

// The scene node that names each camera or light (kNone: none does).
std::vector<uint32_t> nodesNaming(const scene::Scene& scene, size_t count, uint32_t scene::Node::*member) {
    std::vector<uint32_t> named(count, scene::kNone);
    for (size_t n = 0; n < scene.nodes.size(); ++n) {
        uint32_t item = scene.nodes[n].*member;
        if (item != scene::kNone && named[item] == scene::kNone) named[item] = uint32_t(n);
    }
    return named;
}

void placeCameras(NodeTree& tree, const scene::Scene& scene) {
    std::vector<uint32_t> named = nodesNaming(scene, scene.cameras.size(), &scene::Node::camera);
    for (size_t c = 0; c < scene.cameras.size(); ++c) {
        uint32_t node = named[c];
        const glm::mat4& world = scene.cameras[c].world;
        if (node == scene::kNone || tree.camera[node] != scene::kNone || !nearlyEqual(tree.world[node], world))
            node = tree.add(scene.cameras[c].name, node, world);
        tree.nodes[node]["camera"] = c;
        tree.camera[node] = uint32_t(c);
    }
}

void placeLights(NodeTree& tree, const scene::Scene& scene) {
    std::vector<uint32_t> named = nodesNaming(scene, scene.lights.size(), &scene::Node::light);
    for (size_t l = 0; l < scene.lights.size(); ++l) {
        uint32_t node = named[l];
        const scene::Light& light = scene.lights[l];
        if (node == scene::kNone || tree.hasLight[node] || !nodeCarriesLight(tree.world[node], light))
            node = tree.add(light.name, node, lightPose(light));
        tree.nodes[node]["extensions"][kLightsPunctual] = {{"light", l}};
        tree.hasLight[node] = true;
    }
}

// The lowest camera index in each node's subtree (kNone: no camera below).
std::vector<uint32_t> firstCameraBelow(const NodeTree& tree) {
    std::vector<uint32_t> first(tree.nodes.size(), scene::kNone);
    for (uint32_t n = 0; n < tree.nodes.size(); ++n)
        if (tree.camera[n] != scene::kNone)
            for (uint32_t up = n; up != scene::kNone; up = tree.parent[up])
                first[up] = std::min(first[up], tree.camera[n]);
    return first;
}

// Children lists from the parent links, and the roots for the one glTF scene.
// Importers number cameras in the order they walk the tree (depth first, in
// list order), and the viewer offers cameras in that order: siblings are
// listed by the first camera below them, so the cameras come back in the
// scene's order. Otherwise nodes keep their index order.
Json linkChildren(NodeTree& tree) {
    std::vector<std::vector<uint32_t>> children(tree.nodes.size());
    std::vector<uint32_t> roots;
    for (uint32_t n = 0; n < tree.nodes.size(); ++n)
        (tree.parent[n] == scene::kNone ? roots : children[tree.parent[n]]).push_back(n);
    std::vector<uint32_t> first = firstCameraBelow(tree);
    auto byCamera = [&first](uint32_t a, uint32_t b) { return first[a] < first[b]; };
    for (size_t n = 0; n < tree.nodes.size(); ++n) {
        if (children[n].empty()) continue;
        std::stable_sort(children[n].begin(), children[n].end(), byCamera);
        tree.nodes[n]["children"] = children[n];
    }
    std::stable_sort(roots.begin(), roots.end(), byCamera);
    return roots;
}

// [SECTION] The document

struct Document {
    Json json;
    std::vector<uint8_t> buffer;
};

Document buildDocument(const scene::Scene& scene) {
    Extensions used;
    BinaryBuffer buffer;
    std::vector<uint32_t> meshIndex, textureIndex;
    Json meshes = writeMeshes(buffer, scene, meshIndex);
    Json textures = writeTextures(scene, textureIndex);
    Json materials = Json::array();
    for (const scene::Material& material : scene.materials)
        materials.push_back(writeMaterial(material, textureIndex, used));
    Json cameras = Json::array(), lights = Json::array();
    for (const scene::Camera& camera : scene.cameras) cameras.push_back(writeCamera(camera));
    for (const scene::Light& light : scene.lights) lights.push_back(writeLight(light));
    if (!lights.empty()) used.insert(kLightsPunctual);

    NodeTree tree = buildNodes(scene);
    placeInstances(tree, scene, meshIndex);
    placeCameras(tree, scene);
    placeLights(tree, scene);
    Json roots = linkChildren(tree);

    // Key order as the spec lists them; empty arrays are left out (the schema
    // wants at least one item in each).
    Json doc = {{"asset", {{"version", "2.0"}, {"generator", "OpenHouse openhouse-pack export"}}}};
    if (!used.empty()) doc["extensionsUsed"] = Json(std::vector<std::string>(used.begin(), used.end()));
    if (!lights.empty()) doc["extensions"][kLightsPunctual] = {{"lights", std::move(lights)}};
    doc["scene"] = 0;
    Json sceneJson = Json::object();
    if (!scene.name.empty()) sceneJson["name"] = scene.name;
    if (!roots.empty()) sceneJson["nodes"] = std::move(roots);
    doc["scenes"] = Json::array({std::move(sceneJson)});
    auto put = [&doc](const char* key, Json value) {
        if (!value.empty()) doc[key] = std::move(value);
    };
    put("nodes", std::move(tree.nodes));
    put("meshes", std::move(meshes));
    put("materials", std::move(materials));
    put("textures", std::move(textures));
    put("samplers", writeSamplers(scene));
    put("images", writeImages(scene));
    put("cameras", std::move(cameras));
    put("accessors", std::move(buffer.accessors));
    put("bufferViews", std::move(buffer.bufferViews));
    if (!buffer.bytes.empty())
        doc["buffers"] = Json::array({{{"uri", kBufferFile}, {"byteLength", buffer.bytes.size()}}});
    return {std::move(doc), std::move(buffer.bytes)};
}

// [SECTION] Files

texture::BlockFormat blockFormat(scene::PixelFormat format) {
    switch (format) {
        case scene::PixelFormat::Bc7: return texture::BlockFormat::Bc7;
        case scene::PixelFormat::Bc5: return texture::BlockFormat::Bc5;
        case scene::PixelFormat::Bc4: return texture::BlockFormat::Bc4;
        case scene::PixelFormat::Rgba8: break;
    }
    return texture::BlockFormat::Rgba8;
}

// Level 0 as RGBA8: as stored, or decoded from its blocks (a Bc5 normal map
// gets Z rebuilt, a Bc4 channel comes back grey, as decodeBlocks documents).
Result<RgbaImage> baseLevel(const scene::Image& image) {
    size_t bytes = scene::mipLevelBytes(image.format, image.width, image.height);
    if (image.format == scene::PixelFormat::Rgba8)
        return RgbaImage{image.width, image.height, {image.pixels.begin(), image.pixels.begin() + bytes}};
    return texture::decodeBlocks(blockFormat(image.format), image.width, image.height,
                                 std::span<const uint8_t>(image.pixels.data(), bytes));
}

Status writeImage(const scene::Image& image, size_t index, const fs::path& folder) {
    fs::path path = folder / kTextureFolder / imageFileName(index);
    auto decoded = baseLevel(image);
    if (!decoded) return makeError(displayPath(path) + ": image " + std::to_string(index) + " cannot be decoded: " +
                                   decoded.error().message);
    return writePng(path, decoded.value());
}

// Decoding and PNG compression dominate the export: one worker per core, each
// taking the next image. Every file's bytes depend only on its image.
Status writeImages(const scene::Scene& scene, const fs::path& folder) {
    std::vector<Status> results(scene.images.size(), ok());
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < scene.images.size(); i = next++)
            results[i] = writeImage(scene.images[i], i, folder);
    };
    size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), scene.images.size());
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& thread : pool) thread.join();
    for (const Status& result : results) OH_TRY(result);
    return ok();
}

// Creates the folder (and textures/ when there are images), refusing one
// that already holds something unless overwriting is allowed.
Status prepareFolder(const fs::path& folder, bool needsTextures, bool overwrite) {
    std::error_code error;
    fs::file_status status = fs::status(folder, error);
    if (fs::exists(status)) {
        if (!fs::is_directory(status))
            return makeError(displayPath(folder) + ": exists and is not a folder; choose a folder to export into",
                             kExitIo);
        bool empty = fs::is_empty(folder, error);
        if (error) return makeError(displayPath(folder) + ": cannot be read (" + error.message() + ")", kExitIo);
        if (!empty && !overwrite)
            return makeError(displayPath(folder) +
                                 ": the folder is not empty; export into a new or empty folder, or allow overwriting",
                             kExitIo);
    }
    fs::create_directories(needsTextures ? folder / kTextureFolder : folder, error);
    if (error) return makeError(displayPath(folder) + ": cannot create the folder (" + error.message() + ")", kExitIo);
    return ok();
}

std::span<const uint8_t> bytesOf(const std::string& text) {
    return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

}  // namespace

Status exportGltf(const bundle::BundledScene& bundled, const fs::path& folder, const ExportOptions& options) {
    const scene::Scene& scene = bundled.scene;
    if (std::string problem = scene::checkScene(scene); !problem.empty())
        return makeError(displayPath(folder) + ": the scene to export is malformed: " + problem);
    OH_TRY(prepareFolder(folder, !scene.images.empty(), options.overwrite));
    Document document = buildDocument(scene);
    OH_TRY(writeImages(scene, folder));
    if (!document.buffer.empty()) OH_TRY(writeFileAtomic(folder / kBufferFile, document.buffer));
    // Names may hold bytes that are not UTF-8 (a bundle from elsewhere): replaced, as glTF requires UTF-8.
    std::string text = document.json.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
    return writeFileAtomic(folder / kSceneFile, bytesOf(text));
}

}  // namespace oh::pack
