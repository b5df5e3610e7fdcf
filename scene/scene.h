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

// The full-precision vertex that import, tangent generation and the packer
// work on. Missing attributes get defaults: normal (0,0,1) until generated,
// tangent generated when a normal map needs it, color white. The GPU reads
// the 32-byte quantised form of it (PackedVertex below, packed_vertex.h).
struct Vertex {
    glm::vec3 position{0.0f};
    glm::vec3 normal{0.0f, 0.0f, 1.0f};
    glm::vec4 tangent{1.0f, 0.0f, 0.0f, 1.0f};  // xyz + handedness sign in w
    glm::vec2 uv0{0.0f};
    glm::vec2 uv1{0.0f};
    glm::vec4 color{1.0f};
};

// What the GPU reads: 32 bytes instead of 72, with errors below what anyone
// sees at room scale. Positions on a 16-bit grid over the mesh's bounds (one
// grid per mesh, so primitives that share an edge stay watertight), normals
// octahedral in two 16-bit numbers, tangents 8-bit, UVs 16-bit over the
// primitive's range, colours 16-bit. The vertex input of the scene pipeline
// (renderer.cpp) and shaders/pbr.vert mirror this layout.
struct PackedVertex {
    uint16_t position[4];  // unorm over the grid; [3] unused (0)
    int16_t normal[2];     // octahedral, snorm
    int8_t tangent[4];     // snorm xyz, w: handedness ±127
    uint16_t uv0[2];       // unorm over VertexDequantization::uv0
    uint16_t uv1[2];
    uint16_t color[4];  // unorm, linear RGBA
};
static_assert(sizeof(PackedVertex) == 32, "shaders/pbr.vert and the pipeline's vertex input assume 32 bytes");

// From packed numbers in [0, 1] back to model units: value = offset + scale * q.
struct VertexDequantization {
    glm::vec4 positionOffset{0.0f};  // xyz; w unused
    glm::vec4 positionScale{0.0f};
    glm::vec4 uv0{0.0f};  // xy: offset, zw: scale
    glm::vec4 uv1{0.0f};
};


// Triangle list, always: strips and fans are converted on import. Points and
// lines are skipped with a note (there is no sensible way to light them in a tour).
// A primitive has full-precision `vertices` (after import), `packed` ones
// (a tour bundle carries only those: packed_vertex.h makes and reads them), or
// both of the same count.
struct Primitive {
    std::vector<Vertex> vertices;
    std::vector<PackedVertex> packed;
    VertexDequantization dequantization;  // of `packed`
    std::vector<uint32_t> indices;  // triangle list, each < vertexCount()
    uint32_t material = kNone;      // kNone: the default material
    Aabb bounds;                    // object space

    size_t vertexCount() const { return vertices.empty() ? packed.size() : vertices.size(); }
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

// How an image's pixels are held. glTF import decodes to RGBA8 (the GPU
// upload makes the mip chain); a tour bundle carries GPU block-compressed
// images with every mip level made, which go to the GPU as they are.
enum class PixelFormat : uint8_t {
    Rgba8,
    Bc7,  // RGBA, 16 bytes per 4x4 block; colour (sRGB) or data
    Bc5,  // two channels (a normal map's X and Y), 16 bytes per block
    Bc4,  // one channel (R), 8 bytes per block
};

// An image, top row first.
struct Image {
    std::string name;  // for messages: URI or "image 3"
    uint32_t width = 0;
    uint32_t height = 0;
    PixelFormat format = PixelFormat::Rgba8;
    // Rgba8: the base level only, width * height * 4 bytes.
    // Block-compressed: `mipLevels` levels down to 1x1, level 0 first, each
    // level's 4x4 blocks row by row with no padding between levels.
    std::vector<uint8_t> pixels;
    uint32_t mipLevels = 1;
};

// Levels in a full mip chain down to 1x1.
uint32_t fullMipCount(uint32_t width, uint32_t height);

// Bytes of one mip level of a `format` image of `width` x `height`.
uint64_t mipLevelBytes(PixelFormat format, uint32_t width, uint32_t height);

// Bytes of `levels` mip levels from the base down, each half the one before.
uint64_t mipChainBytes(PixelFormat format, uint32_t width, uint32_t height, uint32_t levels);

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

// Whether every index in `scene` points at something that exists, every
// enum is in range, every image holds the bytes its size and format need,
// the node tree has no cycles, and vertices and transforms are finite: what
// a scene read from a file it did not make (a tour bundle) must pass before
// the renderer or navigation use it.
// Empty when consistent, else the first problem ("material 3: normal texture 9 does not exist").
std::string checkScene(const Scene& scene);

}  // namespace oh::scene
