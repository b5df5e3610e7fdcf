// The CPU-side scene: plain structs that glTF import fills and the GPU upload
// (gpu_scene.h) reads. No Vulkan here, so tests and tools use it without a GPU.
// Geometry is already decoded (Draco, meshopt, quantization, sparse) into one
// float vertex layout; images are already decoded to RGBA8.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace oh::scene {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

struct Aabb {
    glm::vec3 min{std::numeric_limits<float>::max()};
    glm::vec3 max{std::numeric_limits<float>::lowest()};

    bool empty() const { return min.x > max.x; }
    void extend(const glm::vec3& p) { min = glm::min(min, p); max = glm::max(max, p); }
    void extend(const Aabb& other) {
        if (!other.empty()) { extend(other.min); extend(other.max); }
    }
    glm::vec3 center() const { return (min + max) * 0.5f; }
    glm::vec3 size() const { return max - min; }
    // Bounds of this box after an affine transform.
    Aabb transformed(const glm::mat4& m) const;
};

// One interleaved vertex layout for everything; the GPU vertex buffer is this
// array verbatim (72 bytes). Missing attributes get defaults: normal (0,0,1)
// until generated, tangent generated when a normal map needs it, color white.
struct Vertex {
    glm::vec3 position{0.0f};
    glm::vec3 normal{0.0f, 0.0f, 1.0f};
    glm::vec4 tangent{1.0f, 0.0f, 0.0f, 1.0f};  // xyz + handedness sign in w
    glm::vec2 uv0{0.0f};
    glm::vec2 uv1{0.0f};
    glm::vec4 color{1.0f};
};
static_assert(sizeof(Vertex) == 72, "Vertex is uploaded verbatim; shaders assume 72 bytes");

// Triangle list, always: strips and fans are converted on import. Points and
// lines are skipped with a note (there is no sensible way to light them in a tour).
struct Primitive {
    std::vector<Vertex> vertices;
    std::vector<uint32_t> indices;  // triangle list, each < vertices.size()
    uint32_t material = kNone;      // kNone: the default material
    Aabb bounds;                    // object space
};

struct Mesh {
    std::string name;
    std::vector<Primitive> primitives;
};

// KHR_texture_transform, already folded into a 3x2 matrix applied to the UV:
// uv' = mat3(offset, rotation, scale) * vec3(uv, 1).
struct TextureTransform {
    glm::vec2 offset{0.0f};
    float rotation = 0.0f;
    glm::vec2 scale{1.0f};
    bool isIdentity() const { return offset == glm::vec2(0.0f) && rotation == 0.0f && scale == glm::vec2(1.0f); }
    glm::mat3 matrix() const;
};

struct TextureSlot {
    uint32_t texture = kNone;  // index into Scene::textures; kNone: no texture
    uint32_t texCoord = 0;     // 0 or 1 (after KHR_texture_transform's texCoord override)
    TextureTransform transform;
    bool present() const { return texture != kNone; }
};

enum class AlphaMode : uint8_t { Opaque, Mask, Blend };

struct Material {
    std::string name;
    glm::vec4 baseColorFactor{1.0f};
    TextureSlot baseColor;           // sRGB
    float metallicFactor = 1.0f;
    float roughnessFactor = 1.0f;
    TextureSlot metallicRoughness;   // linear, B = metal, G = rough
    TextureSlot normal;              // linear
    float normalScale = 1.0f;
    TextureSlot occlusion;           // linear, R
    float occlusionStrength = 1.0f;
    TextureSlot emissive;            // sRGB
    glm::vec3 emissiveFactor{0.0f};
    float emissiveStrength = 1.0f;   // KHR_materials_emissive_strength
    AlphaMode alphaMode = AlphaMode::Opaque;
    float alphaCutoff = 0.5f;
    bool doubleSided = false;
    bool unlit = false;              // KHR_materials_unlit
};

enum class Filter : uint8_t { Nearest, Linear };
enum class Wrap : uint8_t { Repeat, ClampToEdge, MirroredRepeat };

struct Sampler {
    Filter magFilter = Filter::Linear;
    Filter minFilter = Filter::Linear;
    Filter mipFilter = Filter::Linear;
    bool useMipmaps = true;  // false for glTF NEAREST/LINEAR minFilter without mip mode
    Wrap wrapS = Wrap::Repeat;
    Wrap wrapT = Wrap::Repeat;
};

// Decoded image, RGBA8, top row first, base level only (mips are made on upload).
struct Image {
    std::string name;  // for messages: URI or "image 3"
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> rgba;  // width * height * 4
};

// A texture is an image seen through a sampler in one colour space. The same
// glTF texture used as base colour (sRGB) and as, say, occlusion (linear)
// becomes two entries here sharing one Image.
struct Texture {
    uint32_t image = 0;
    uint32_t sampler = kNone;  // kNone: default sampler (linear, repeat, mipmapped)
    bool srgb = false;
};

struct Node {
    std::string name;
    uint32_t parent = kNone;
    glm::mat4 world{1.0f};  // resolved for the chosen scene
    uint32_t mesh = kNone;
    uint32_t camera = kNone;
    uint32_t light = kNone;
};

// A mesh placed in the world. Negative-determinant transforms flip triangle
// winding; `mirrored` tells the renderer to swap its front face.
struct MeshInstance {
    uint32_t mesh = 0;
    uint32_t node = 0;
    glm::mat4 world{1.0f};
    bool mirrored = false;
    Aabb worldBounds;
};

struct Camera {
    enum class Type : uint8_t { Perspective, Orthographic };
    std::string name;   // the camera's name, else its node's, else "camera N" (N from 1)
    Type type = Type::Perspective;
    float yfov = 0.8f;  // radians
    float aspectRatio = 0.0f;  // 0: use the target's
    float znear = 0.05f;
    float zfar = 0.0f;  // 0: infinite
    float xmag = 1.0f, ymag = 1.0f;
    glm::mat4 world{1.0f};  // camera looks down its local -Z, +Y up
};

struct Light {
    enum class Type : uint8_t { Directional, Point, Spot };
    std::string name;
    Type type = Type::Point;
    glm::vec3 color{1.0f};
    float intensity = 1.0f;  // candela (point/spot) or lux (directional)
    float range = 0.0f;      // 0: infinite
    float innerConeAngle = 0.0f;
    float outerConeAngle = 0.7853982f;
    glm::vec3 position{0.0f};
    glm::vec3 direction{0.0f, 0.0f, -1.0f};  // world space, where the light points
};

struct Scene {
    std::string name;  // the scene's or file's name, for the UI
    std::vector<Mesh> meshes;
    std::vector<Material> materials;
    std::vector<Image> images;
    std::vector<Sampler> samplers;
    std::vector<Texture> textures;
    std::vector<Node> nodes;
    std::vector<MeshInstance> instances;
    std::vector<Camera> cameras;
    std::vector<Light> lights;
    Aabb bounds;  // world bounds of all instances

    // Totals for UI/bench.
    uint64_t triangleCount() const;
};

// World bounds of node `index`'s meshes and all its descendants'.
Aabb nodeBounds(const Scene& scene, uint32_t index);

}  // namespace oh::scene
