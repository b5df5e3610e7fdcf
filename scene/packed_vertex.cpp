#include "scene/packed_vertex.h"

#include <algorithm>
#include <cmath>

#include <meshoptimizer.h>

namespace oh::scene {
namespace {

constexpr float kUnorm16 = 65535.0f;
constexpr float kSnorm16 = 32767.0f;
constexpr float kSnorm8 = 127.0f;

// Where `value` lies in [offset, offset + scale] as a 16-bit fraction; 0 for a
// range of zero width (a flat mesh's height, a UV set nobody uses).
uint16_t unorm16Within(float value, float offset, float scale) {
    if (!(scale > 0.0f)) return 0;
    return uint16_t(meshopt_quantizeUnorm(std::clamp((value - offset) / scale, 0.0f, 1.0f), 16));
}

float fromUnorm16(uint16_t q) { return float(q) / kUnorm16; }
float fromSnorm16(int16_t q) { return std::max(float(q) / kSnorm16, -1.0f); }

glm::vec2 signNotZero(glm::vec2 v) { return {v.x >= 0.0f ? 1.0f : -1.0f, v.y >= 0.0f ? 1.0f : -1.0f}; }

// Octahedral mapping of a unit vector onto [-1, 1]²: the lower hemisphere
// folds over the diagonals.
glm::vec2 octahedralEncode(glm::vec3 n) {
    glm::vec2 p = glm::vec2(n) / (std::abs(n.x) + std::abs(n.y) + std::abs(n.z));
    if (n.z < 0.0f) p = (1.0f - glm::abs(glm::vec2(p.y, p.x))) * signNotZero(p);
    return p;
}

glm::vec3 octahedralDecode(glm::vec2 p) {
    glm::vec3 n(p, 1.0f - std::abs(p.x) - std::abs(p.y));
    float fold = std::max(-n.z, 0.0f);
    n.x += n.x >= 0.0f ? -fold : fold;
    n.y += n.y >= 0.0f ? -fold : fold;
    return glm::normalize(n);
}

// Of the four 16-bit points around the exact one, the one that decodes
// closest to `n`: rounding each coordinate alone can be ten times worse near
// the folds.
void packNormal(glm::vec3 n, int16_t out[2]) {
    float length = glm::length(n);
    n = length > 0.0f ? n / length : glm::vec3(0.0f, 0.0f, 1.0f);
    glm::vec2 exact = octahedralEncode(n) * kSnorm16;
    float best = -2.0f;
    for (float x : {std::floor(exact.x), std::ceil(exact.x)})
        for (float y : {std::floor(exact.y), std::ceil(exact.y)}) {
            glm::vec2 candidate = glm::clamp(glm::vec2(x, y), -kSnorm16, kSnorm16);
            float agreement = glm::dot(octahedralDecode(candidate / kSnorm16), n);
            if (agreement > best) {
                best = agreement;
                out[0] = int16_t(candidate.x);
                out[1] = int16_t(candidate.y);
            }
        }
}

void packTangent(const glm::vec4& tangent, int8_t out[4]) {
    glm::vec3 t(tangent);
    float length = glm::length(t);
    t = length > 0.0f ? t / length : glm::vec3(1.0f, 0.0f, 0.0f);
    for (int i = 0; i < 3; ++i) out[i] = int8_t(meshopt_quantizeSnorm(t[i], 8));
    out[3] = tangent.w < 0.0f ? -127 : 127;
}

// The smallest box (as offset and scale) around one UV set.
glm::vec4 uvRange(std::span<const Vertex> vertices, glm::vec2 Vertex::*set) {
    if (vertices.empty()) return glm::vec4(0.0f);
    glm::vec2 low = vertices.front().*set, high = low;
    for (const Vertex& v : vertices) {
        low = glm::min(low, v.*set);
        high = glm::max(high, v.*set);
    }
    return {low, high - low};
}

}  // namespace

Aabb positionGrid(const Mesh& mesh) {
    Aabb grid;
    for (const Primitive& primitive : mesh.primitives)
        for (const Vertex& vertex : primitive.vertices) grid.extend(vertex.position);
    return grid;
}

PackedVertices packVertices(std::span<const Vertex> vertices, const Aabb& grid) {
    PackedVertices out;
    VertexDequantization& d = out.dequantization;
    if (!grid.empty()) {
        d.positionOffset = glm::vec4(grid.min, 0.0f);
        d.positionScale = glm::vec4(grid.size(), 0.0f);
    }
    d.uv0 = uvRange(vertices, &Vertex::uv0);
    d.uv1 = uvRange(vertices, &Vertex::uv1);
    out.vertices.resize(vertices.size());
    for (size_t i = 0; i < vertices.size(); ++i) {
        const Vertex& v = vertices[i];
        PackedVertex& p = out.vertices[i];
        for (int axis = 0; axis < 3; ++axis)
            p.position[axis] = unorm16Within(v.position[axis], d.positionOffset[axis], d.positionScale[axis]);
        p.position[3] = 0;
        packNormal(v.normal, p.normal);
        packTangent(v.tangent, p.tangent);
        for (int axis = 0; axis < 2; ++axis) {
            p.uv0[axis] = unorm16Within(v.uv0[axis], d.uv0[axis], d.uv0[axis + 2]);
            p.uv1[axis] = unorm16Within(v.uv1[axis], d.uv1[axis], d.uv1[axis + 2]);
        }
        for (int channel = 0; channel < 4; ++channel)
            p.color[channel] = uint16_t(meshopt_quantizeUnorm(std::clamp(v.color[channel], 0.0f, 1.0f), 16));
    }
    return out;
}

void packScene(Scene& scene) {
    for (Mesh& mesh : scene.meshes) {
        Aabb grid = positionGrid(mesh);
        for (Primitive& primitive : mesh.primitives) {
            if (primitive.vertices.empty() || !primitive.packed.empty()) continue;
            PackedVertices packed = packVertices(primitive.vertices, grid);
            primitive.packed = std::move(packed.vertices);
            primitive.dequantization = packed.dequantization;
        }
    }
}

Vertex unpackVertex(const PackedVertex& p, const VertexDequantization& d) {
    Vertex v;
    for (int axis = 0; axis < 3; ++axis)
        v.position[axis] = d.positionOffset[axis] + d.positionScale[axis] * fromUnorm16(p.position[axis]);
    v.normal = octahedralDecode({fromSnorm16(p.normal[0]), fromSnorm16(p.normal[1])});
    for (int i = 0; i < 4; ++i) v.tangent[i] = std::max(float(p.tangent[i]) / kSnorm8, -1.0f);
    for (int axis = 0; axis < 2; ++axis) {
        v.uv0[axis] = d.uv0[axis] + d.uv0[axis + 2] * fromUnorm16(p.uv0[axis]);
        v.uv1[axis] = d.uv1[axis] + d.uv1[axis + 2] * fromUnorm16(p.uv1[axis]);
    }
    for (int channel = 0; channel < 4; ++channel) v.color[channel] = fromUnorm16(p.color[channel]);
    return v;
}

std::vector<Vertex> unpackedVertices(const Primitive& primitive) {
    if (!primitive.vertices.empty()) return primitive.vertices;
    std::vector<Vertex> out;
    out.reserve(primitive.packed.size());
    for (const PackedVertex& packed : primitive.packed) out.push_back(unpackVertex(packed, primitive.dequantization));
    return out;
}

}  // namespace oh::scene
