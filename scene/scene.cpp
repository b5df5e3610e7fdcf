#include "scene/scene.h"

#include <cmath>

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
