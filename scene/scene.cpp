#include "scene/scene.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <utility>

namespace oh::scene {

Aabb Aabb::transformed(const glm::mat4& m) const {
    if (empty()) return *this;
    // Arvo's method: the transformed box's extent is |M| * half-extent.
    glm::vec3 center = glm::vec3(m * glm::vec4(this->center(), 1.0f));
    glm::vec3 half = size() * 0.5f;
    glm::vec3 extent{0.0f};
    for (int row = 0; row < 3; ++row)
        for (int col = 0; col < 3; ++col) extent[row] += std::abs(m[col][row]) * half[col];
    Aabb out;
    out.min = center - extent;
    out.max = center + extent;
    return out;
}

glm::mat3 TextureTransform::matrix() const {
    // KHR_texture_transform: T * R * S, with rotation counter-clockwise in UV space.
    float c = std::cos(rotation), s = std::sin(rotation);
    glm::mat3 translation(1.0f);
    translation[2] = glm::vec3(offset, 1.0f);
    glm::mat3 rotationMatrix(1.0f);
    rotationMatrix[0] = glm::vec3(c, -s, 0.0f);
    rotationMatrix[1] = glm::vec3(s, c, 0.0f);
    glm::mat3 scaleMatrix(1.0f);
    scaleMatrix[0][0] = scale.x;
    scaleMatrix[1][1] = scale.y;
    return translation * rotationMatrix * scaleMatrix;
}

uint64_t Scene::triangleCount() const {
    uint64_t total = 0;
    for (const MeshInstance& instance : instances)
        for (const Primitive& primitive : meshes[instance.mesh].primitives) total += primitive.indices.size() / 3;
    return total;
}

Aabb nodeBounds(const Scene& scene, uint32_t index) {
    Aabb bounds;
    for (const MeshInstance& instance : scene.instances) {
        // Walk up from the instance's node: is `index` one of its ancestors (or itself)?
        for (uint32_t node = instance.node; node != kNone && node < scene.nodes.size();
             node = scene.nodes[node].parent) {
            if (node == index) {
                bounds.extend(instance.worldBounds);
                break;
            }
        }
    }
    return bounds;
}

}  // namespace oh::scene

namespace oh::scene {
namespace {

// [SECTION] checkScene's parts: each returns the first problem, or "".

std::string str(size_t value) { return std::to_string(value); }

bool validOrNone(uint32_t index, size_t count) { return index == kNone || index < count; }

// Every float of a plain struct of floats (a vertex, a matrix) is finite.
template <typename T>
bool allFinite(const T& value) {
    static_assert(sizeof(T) % sizeof(float) == 0);
    const auto* floats = reinterpret_cast<const float*>(&value);
    return std::all_of(floats, floats + sizeof(T) / sizeof(float), [](float f) { return std::isfinite(f); });
}

std::string checkMeshes(const Scene& scene) {
    for (size_t m = 0; m < scene.meshes.size(); ++m)
        for (size_t p = 0; p < scene.meshes[m].primitives.size(); ++p) {
            const Primitive& primitive = scene.meshes[m].primitives[p];
            std::string where = "mesh " + str(m) + " primitive " + str(p) + ": ";
            if (primitive.indices.size() % 3 != 0) return where + "not a triangle list";
            for (const Vertex& vertex : primitive.vertices)
                if (!allFinite(vertex)) return where + "a vertex with a non-finite number";
            if (!primitive.vertices.empty() && !primitive.packed.empty() &&
                primitive.vertices.size() != primitive.packed.size())
                return where + str(primitive.vertices.size()) + " vertices but " + str(primitive.packed.size()) +
                       " packed ones";
            if (!allFinite(primitive.dequantization)) return where + "a non-finite vertex dequantisation";
            for (uint32_t index : primitive.indices)
                if (index >= primitive.vertexCount()) return where + "index " + str(index) + " past its vertices";
            if (!validOrNone(primitive.material, scene.materials.size()))
                return where + "material " + str(primitive.material) + " does not exist";
        }
    return {};
}

std::string checkMaterials(const Scene& scene) {
    for (size_t m = 0; m < scene.materials.size(); ++m) {
        const Material& material = scene.materials[m];
        const std::pair<const TextureSlot*, const char*> slots[] = {{&material.baseColor, "base colour"},
                                                                    {&material.metallicRoughness, "metallic-roughness"},
                                                                    {&material.normal, "normal"},
                                                                    {&material.occlusion, "occlusion"},
                                                                    {&material.emissive, "emissive"}};
        for (const auto& [slot, name] : slots) {
            if (!validOrNone(slot->texture, scene.textures.size()))
                return "material " + str(m) + ": " + name + " texture " + str(slot->texture) + " does not exist";
            if (slot->texCoord > 1) return "material " + str(m) + ": " + name + " reads texture coordinates " +
                                           str(slot->texCoord) + " (0 or 1)";
        }
        if (material.alphaMode > AlphaMode::Blend) return "material " + str(m) + ": unknown alpha mode";
    }
    return {};
}

std::string checkImages(const Scene& scene) {
    constexpr uint32_t kMaxDimension = 16384;  // what every desktop GPU can sample
    for (size_t i = 0; i < scene.images.size(); ++i) {
        const Image& image = scene.images[i];
        std::string where = "image " + str(i) + ": ";
        if (image.width == 0 || image.height == 0 || image.width > kMaxDimension || image.height > kMaxDimension)
            return where + "size " + str(image.width) + "x" + str(image.height) + " out of range";
        if (image.format > PixelFormat::Bc4) return where + "unknown pixel format";
        uint32_t levels = image.format == PixelFormat::Rgba8 ? 1 : fullMipCount(image.width, image.height);
        if (image.mipLevels != levels) return where + str(image.mipLevels) + " mip levels, expected " + str(levels);
        if (image.pixels.size() != mipChainBytes(image.format, image.width, image.height, image.mipLevels))
            return where + str(image.pixels.size()) + " bytes of pixels, expected " +
                   str(mipChainBytes(image.format, image.width, image.height, image.mipLevels));
    }
    return {};
}

std::string checkTextures(const Scene& scene) {
    for (size_t s = 0; s < scene.samplers.size(); ++s) {
        const Sampler& sampler = scene.samplers[s];
        if (sampler.magFilter > Filter::Linear || sampler.minFilter > Filter::Linear ||
            sampler.mipFilter > Filter::Linear || sampler.wrapS > Wrap::MirroredRepeat ||
            sampler.wrapT > Wrap::MirroredRepeat)
            return "sampler " + str(s) + ": unknown filter or wrap mode";
    }
    for (size_t t = 0; t < scene.textures.size(); ++t) {
        const Texture& texture = scene.textures[t];
        if (texture.image >= scene.images.size()) return "texture " + str(t) + ": image " + str(texture.image) + " does not exist";
        if (!validOrNone(texture.sampler, scene.samplers.size()))
            return "texture " + str(t) + ": sampler " + str(texture.sampler) + " does not exist";
    }
    return {};
}

std::string checkNodes(const Scene& scene) {
    for (size_t n = 0; n < scene.nodes.size(); ++n) {
        const Node& node = scene.nodes[n];
        std::string where = "node " + str(n) + ": ";
        if (!allFinite(node.world)) return where + "a non-finite transform";
        if (!validOrNone(node.parent, scene.nodes.size()) || !validOrNone(node.mesh, scene.meshes.size()) ||
            !validOrNone(node.camera, scene.cameras.size()) || !validOrNone(node.light, scene.lights.size()))
            return where + "points at a parent, mesh, camera or light that does not exist";
        // Walking up must reach a root within as many steps as there are nodes.
        uint32_t ancestor = node.parent;
        for (size_t steps = 0; ancestor != kNone; ++steps) {
            if (steps >= scene.nodes.size()) return where + "is its own ancestor";
            ancestor = scene.nodes[ancestor].parent;
        }
    }
    for (size_t i = 0; i < scene.instances.size(); ++i)
        if (scene.instances[i].mesh >= scene.meshes.size() || scene.instances[i].node >= scene.nodes.size() ||
            !allFinite(scene.instances[i].world))
            return "mesh instance " + str(i) + ": its mesh or node does not exist, or its transform is not finite";
    for (size_t c = 0; c < scene.cameras.size(); ++c)
        if (scene.cameras[c].type > Camera::Type::Orthographic) return "camera " + str(c) + ": unknown type";
    for (size_t l = 0; l < scene.lights.size(); ++l)
        if (scene.lights[l].type > Light::Type::Spot) return "light " + str(l) + ": unknown type";
    return {};
}

}  // namespace

uint32_t fullMipCount(uint32_t width, uint32_t height) {
    return uint32_t(std::bit_width(std::max(std::max(width, height), 1u)));
}

uint64_t mipLevelBytes(PixelFormat format, uint32_t width, uint32_t height) {
    uint64_t blocks = uint64_t((width + 3) / 4) * ((height + 3) / 4);
    switch (format) {
    case PixelFormat::Rgba8: return uint64_t(width) * height * 4;
    case PixelFormat::Bc7:
    case PixelFormat::Bc5: return blocks * 16;
    case PixelFormat::Bc4: return blocks * 8;
    }
    return 0;
}

uint64_t mipChainBytes(PixelFormat format, uint32_t width, uint32_t height, uint32_t levels) {
    uint64_t bytes = 0;
    for (uint32_t level = 0; level < levels; ++level)
        bytes += mipLevelBytes(format, level < 32 ? std::max(width >> level, 1u) : 1u,
                               level < 32 ? std::max(height >> level, 1u) : 1u);
    return bytes;
}

std::string checkScene(const Scene& scene) {
    for (auto check : {checkMeshes, checkMaterials, checkImages, checkTextures, checkNodes}) {
        std::string problem = check(scene);
        if (!problem.empty()) return problem;
    }
    return {};
}

}  // namespace oh::scene
