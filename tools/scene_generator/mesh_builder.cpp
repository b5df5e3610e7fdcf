#include "tools/scene_generator/mesh_builder.h"

#include <algorithm>
#include <cmath>

namespace oh::scenegen {

namespace {

constexpr float kPi = 3.14159265358979f;

// (t, b, n) right-handed for a box face, b "up" in the texture: corners
// (-t,-b), (+t,-b), (+t,+b), (-t,+b) run counter-clockwise seen from outside.
struct FaceAxes {
    glm::vec3 n, t, b;
};
constexpr FaceAxes kFaces[6] = {
    {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}},  {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}},
    {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},  {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}},
    {{0, 0, -1}, {-1, 0, 0}, {0, 1, 0}}, {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
};

// glTF UVs grow downwards in the image; texture "up" is -v.
glm::vec2 planarUv(const FaceAxes& f, glm::vec3 p) { return {glm::dot(p, f.t), -glm::dot(p, f.b)}; }

glm::vec3 anyPerpendicular(glm::vec3 n) {
    glm::vec3 axis = std::abs(n.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    return glm::normalize(glm::cross(axis, n));
}

// Appends triangle (a, b, c) turned so its front agrees with the vertex
// normals. Every shape relies on this instead of hand-ordering corners, which
// also keeps mirrored transforms right. Degenerate triangles are dropped.
void triangle(Primitive& p, uint32_t a, uint32_t b, uint32_t c) {
    const Vertex &va = p.vertices[a], &vb = p.vertices[b], &vc = p.vertices[c];
    glm::vec3 face = glm::cross(vb.position - va.position, vc.position - va.position);
    if (glm::dot(face, face) < 1e-14f) return;
    if (glm::dot(face, va.normal + vb.normal + vc.normal) < 0.0f) std::swap(b, c);
    p.indices.insert(p.indices.end(), {a, b, c});
}

void computeTangents(Primitive& p) {
    std::vector<glm::vec3> tangents(p.vertices.size(), glm::vec3(0.0f));
    std::vector<glm::vec3> bitangents(p.vertices.size(), glm::vec3(0.0f));
    for (size_t t = 0; t + 2 < p.indices.size(); t += 3) {
        uint32_t i0 = p.indices[t], i1 = p.indices[t + 1], i2 = p.indices[t + 2];
        glm::vec3 e1 = p.vertices[i1].position - p.vertices[i0].position;
        glm::vec3 e2 = p.vertices[i2].position - p.vertices[i0].position;
        glm::vec2 d1 = p.vertices[i1].uv - p.vertices[i0].uv, d2 = p.vertices[i2].uv - p.vertices[i0].uv;
        float det = d1.x * d2.y - d2.x * d1.y;
        if (std::abs(det) < 1e-12f) continue;
        float r = 1.0f / det;
        glm::vec3 tangent = (e1 * d2.y - e2 * d1.y) * r, bitangent = (e2 * d1.x - e1 * d2.x) * r;
        for (uint32_t i : {i0, i1, i2}) {
            tangents[i] += tangent;
            bitangents[i] += bitangent;
        }
    }
    for (size_t i = 0; i < p.vertices.size(); ++i) {
        Vertex& v = p.vertices[i];
        glm::vec3 t = tangents[i] - v.normal * glm::dot(v.normal, tangents[i]);
        float length = glm::length(t);
        t = length > 1e-8f ? t / length : anyPerpendicular(v.normal);
        float w = glm::dot(glm::cross(v.normal, t), bitangents[i]) < 0.0f ? -1.0f : 1.0f;
        v.tangent = glm::vec4(t, w);
    }
}

}  // namespace

void MeshBuilder::setTransform(const glm::mat4& transform) {
    m_transform = transform;
    m_normalTransform = glm::transpose(glm::inverse(glm::mat3(transform)));
}

uint32_t MeshBuilder::vertex(Primitive& p, glm::vec3 position, glm::vec3 normal, glm::vec2 uv) {
    Vertex v;
    v.position = glm::vec3(m_transform * glm::vec4(position, 1.0f));
    v.normal = glm::normalize(m_normalTransform * normal);
    v.uv = uv;
    p.vertices.push_back(v);
    return uint32_t(p.vertices.size() - 1);
}

void MeshBuilder::flat(uint32_t material, const std::vector<glm::vec3>& positions, const std::vector<glm::vec2>& uvs,
                       const std::vector<uint32_t>& indices, glm::vec3 normal) {
    Primitive& p = primitive(material);
    uint32_t first = uint32_t(p.vertices.size());
    for (size_t k = 0; k < positions.size(); ++k) vertex(p, positions[k], normal, uvs[k]);
    for (size_t t = 0; t + 2 < indices.size(); t += 3)
        triangle(p, first + indices[t], first + indices[t + 1], first + indices[t + 2]);
}

void MeshBuilder::box(uint32_t material, glm::vec3 min, glm::vec3 max, unsigned faces) {
    glm::vec3 centre = (min + max) * 0.5f, half = (max - min) * 0.5f;
    for (int f = 0; f < 6; ++f) {
        if (!(faces & (1u << f))) continue;
        const FaceAxes& axes = kFaces[f];
        glm::vec3 c = centre + axes.n * glm::dot(glm::abs(axes.n), half);
        glm::vec3 t = axes.t * glm::dot(glm::abs(axes.t), half), b = axes.b * glm::dot(glm::abs(axes.b), half);
        std::vector<glm::vec3> corners = {c - t - b, c + t - b, c + t + b, c - t + b};
        std::vector<glm::vec2> uvs;
        for (const glm::vec3& corner : corners) uvs.push_back(planarUv(axes, corner));
        flat(material, corners, uvs, {0, 1, 2, 0, 2, 3}, axes.n);
    }
}

void MeshBuilder::cylinder(uint32_t material, glm::vec2 centre, float y0, float y1, float r0, float r1, int segments,
                           bool capBottom, bool capTop, bool inside) {
    Primitive& p = primitive(material);
    float slope = (r0 - r1) / (y1 - y0);  // outward normal leans up for a cone narrowing upwards
    for (int side = 0; side < (inside ? 2 : 1); ++side) {
        float sign = side == 0 ? 1.0f : -1.0f;
        uint32_t first = uint32_t(p.vertices.size());
        for (int i = 0; i <= segments; ++i) {
            float a = 2.0f * kPi * float(i) / float(segments);
            glm::vec3 radial(std::cos(a), 0.0f, std::sin(a));
            glm::vec3 n = sign * glm::normalize(radial + glm::vec3(0.0f, slope, 0.0f));
            float u = a * std::max(r0, r1);
            vertex(p, glm::vec3(centre.x, y0, centre.y) + radial * r0, n, {u, -y0});
            vertex(p, glm::vec3(centre.x, y1, centre.y) + radial * r1, n, {u, -y1});
        }
        for (int i = 0; i < segments; ++i) {
            uint32_t a = first + 2 * i;
            triangle(p, a, a + 2, a + 3);
            triangle(p, a, a + 3, a + 1);
        }
    }
    for (int cap = 0; cap < 2; ++cap) {
        if ((cap == 0 && !capBottom) || (cap == 1 && !capTop)) continue;
        float y = cap == 0 ? y0 : y1, r = cap == 0 ? r0 : r1;
        if (r <= 0.0f) continue;
        glm::vec3 n(0.0f, cap == 0 ? -1.0f : 1.0f, 0.0f);
        uint32_t middle = vertex(p, {centre.x, y, centre.y}, n, {centre.x, centre.y});
        uint32_t first = uint32_t(p.vertices.size());
        for (int i = 0; i < segments; ++i) {
            float a = 2.0f * kPi * float(i) / float(segments);
            glm::vec3 q(centre.x + r * std::cos(a), y, centre.y + r * std::sin(a));
            vertex(p, q, n, {q.x, q.z});
        }
        for (int i = 0; i < segments; ++i) triangle(p, middle, first + i, first + (i + 1) % segments);
    }
}

void MeshBuilder::roundedBox(uint32_t material, glm::vec3 min, glm::vec3 max, float radius, int segments) {
    glm::vec3 centre = (min + max) * 0.5f, half = (max - min) * 0.5f;
    radius = std::clamp(radius, 0.001f, std::min({half.x, half.y, half.z}));
    glm::vec3 inner = half - glm::vec3(radius);
    // Samples along one axis of a face: the rounded band spaced by angle.
    auto samples = [&](float h) {
        std::vector<float> s;
        for (int k = segments; k >= 0; --k) s.push_back(-(h - radius) - radius * std::sin(0.5f * kPi * float(k) / float(segments)));
        for (int k = 0; k <= segments; ++k) s.push_back((h - radius) + radius * std::sin(0.5f * kPi * float(k) / float(segments)));
        return s;
    };
    Primitive& p = primitive(material);
    for (const FaceAxes& axes : kFaces) {
        glm::vec3 at = glm::abs(axes.t), ab = glm::abs(axes.b);
        std::vector<float> su = samples(glm::dot(at, half)), sv = samples(glm::dot(ab, half));
        uint32_t first = uint32_t(p.vertices.size());
        for (float v : sv)
            for (float u : su) {
                glm::vec3 q = axes.n * glm::dot(glm::abs(axes.n), half) + axes.t * u + axes.b * v;
                glm::vec3 core = glm::clamp(q, -inner, inner);
                glm::vec3 n = glm::normalize(q - core);
                glm::vec3 position = centre + core + n * radius;
                vertex(p, position, n, planarUv(axes, position));
            }
        uint32_t row = uint32_t(su.size());
        for (uint32_t j = 0; j + 1 < sv.size(); ++j)
            for (uint32_t i = 0; i + 1 < row; ++i) {
                uint32_t a = first + j * row + i;
                triangle(p, a, a + 1, a + row + 1);
                triangle(p, a, a + row + 1, a + row);
            }
    }
}

void MeshBuilder::sphere(uint32_t material, glm::vec3 centre, float radius, int segments) {
    Primitive& p = primitive(material);
    int rings = std::max(2, segments / 2);
    uint32_t first = uint32_t(p.vertices.size());
    for (int j = 0; j <= rings; ++j) {
        float phi = kPi * float(j) / float(rings);
        for (int i = 0; i <= segments; ++i) {
            float theta = 2.0f * kPi * float(i) / float(segments);
            glm::vec3 n(std::sin(phi) * std::cos(theta), std::cos(phi), std::sin(phi) * std::sin(theta));
            vertex(p, centre + n * radius, n, {theta * radius, phi * radius});
        }
    }
    uint32_t row = uint32_t(segments + 1);
    for (int j = 0; j < rings; ++j)
        for (int i = 0; i < segments; ++i) {
            uint32_t a = first + uint32_t(j) * row + uint32_t(i);
            triangle(p, a, a + 1, a + row + 1);
            triangle(p, a, a + row + 1, a + row);
        }
}

Mesh MeshBuilder::finish(std::string name) {
    Mesh mesh;
    mesh.name = std::move(name);
    for (auto& [material, primitive] : m_primitives) {
        if (primitive.indices.empty()) continue;
        primitive.material = material;
        computeTangents(primitive);
        mesh.primitives.push_back(std::move(primitive));
    }
    m_primitives.clear();
    resetTransform();
    return mesh;
}

}  // namespace oh::scenegen
