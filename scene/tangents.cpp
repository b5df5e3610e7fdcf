#include "scene/tangents.h"

#include <cmath>
#include <vector>

namespace oh::gltf {

void generateFlatNormals(scene::Primitive& primitive) {
    std::vector<scene::Vertex> unwelded;
    unwelded.reserve(primitive.indices.size());
    for (size_t t = 0; t + 2 < primitive.indices.size(); t += 3) {
        scene::Vertex a = primitive.vertices[primitive.indices[t]];
        scene::Vertex b = primitive.vertices[primitive.indices[t + 1]];
        scene::Vertex c = primitive.vertices[primitive.indices[t + 2]];
        glm::vec3 n = glm::cross(b.position - a.position, c.position - a.position);
        float length = glm::length(n);
        n = length > 0.0f && std::isfinite(length) ? n / length : glm::vec3(0.0f, 0.0f, 1.0f);
        a.normal = b.normal = c.normal = n;
        unwelded.push_back(a);
        unwelded.push_back(b);
        unwelded.push_back(c);
    }
    primitive.vertices = std::move(unwelded);
    for (uint32_t i = 0; i < primitive.indices.size(); ++i) primitive.indices[i] = i;
}

namespace {

glm::vec2 uvOf(const scene::Vertex& v, uint32_t texCoord) { return texCoord == 1 ? v.uv1 : v.uv0; }

glm::vec3 anyPerpendicular(const glm::vec3& n) {
    glm::vec3 axis = std::abs(n.x) < 0.9f ? glm::vec3(1.0f, 0.0f, 0.0f) : glm::vec3(0.0f, 1.0f, 0.0f);
    glm::vec3 t = glm::cross(axis, n);
    float length = glm::length(t);
    return length > 1e-12f && std::isfinite(length) ? t / length : glm::vec3(1.0f, 0.0f, 0.0f);
}

}  // namespace

void generateTangents(scene::Primitive& primitive, uint32_t texCoord) {
    std::vector<glm::vec3> tangentSum(primitive.vertices.size(), glm::vec3(0.0f));
    std::vector<glm::vec3> bitangentSum(primitive.vertices.size(), glm::vec3(0.0f));
    for (size_t t = 0; t + 2 < primitive.indices.size(); t += 3) {
        uint32_t i0 = primitive.indices[t], i1 = primitive.indices[t + 1], i2 = primitive.indices[t + 2];
        const scene::Vertex& v0 = primitive.vertices[i0];
        const scene::Vertex& v1 = primitive.vertices[i1];
        const scene::Vertex& v2 = primitive.vertices[i2];
        glm::vec3 e1 = v1.position - v0.position, e2 = v2.position - v0.position;
        glm::vec2 d1 = uvOf(v1, texCoord) - uvOf(v0, texCoord), d2 = uvOf(v2, texCoord) - uvOf(v0, texCoord);
        float det = d1.x * d2.y - d2.x * d1.y;
        if (std::abs(det) < 1e-20f || !std::isfinite(det)) continue;  // degenerate UVs: no information
        float r = 1.0f / det;
        glm::vec3 tangent = (e1 * d2.y - e2 * d1.y) * r;
        glm::vec3 bitangent = (e2 * d1.x - e1 * d2.x) * r;
        if (!std::isfinite(tangent.x + tangent.y + tangent.z + bitangent.x + bitangent.y + bitangent.z)) continue;
        for (uint32_t i : {i0, i1, i2}) {
            tangentSum[i] += tangent;
            bitangentSum[i] += bitangent;
        }
    }
    for (size_t i = 0; i < primitive.vertices.size(); ++i) {
        scene::Vertex& v = primitive.vertices[i];
        glm::vec3 n = v.normal;
        // Gram-Schmidt against the normal; fall back to any perpendicular.
        glm::vec3 t = tangentSum[i] - n * glm::dot(n, tangentSum[i]);
        float length = glm::length(t);
        t = length > 1e-12f && std::isfinite(length) ? t / length : anyPerpendicular(n);
        // glTF: bitangent = cross(normal, tangent.xyz) * tangent.w.
        float w = glm::dot(glm::cross(n, t), bitangentSum[i]) < 0.0f ? -1.0f : 1.0f;
        v.tangent = glm::vec4(t, w);
    }
}

}  // namespace oh::gltf
