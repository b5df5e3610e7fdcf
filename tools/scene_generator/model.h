// The generated scene before it is written as glTF: meshes with
// material-grouped primitives, a node tree, materials and lights. Plain
// structs; build_*.cpp fill them, gltf_write.cpp writes them.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "tools/scene_generator/plan.h"

namespace oh::scenegen {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

struct Vertex {
    glm::vec3 position{0.0f};
    glm::vec3 normal{0.0f, 1.0f, 0.0f};
    glm::vec4 tangent{1.0f, 0.0f, 0.0f, 1.0f};  // glTF: bitangent = cross(normal, tangent.xyz) * w
    glm::vec2 uv{0.0f};                         // metres; materials scale them to their tile size
};

struct Primitive {
    uint32_t material = 0;  // index into Model::materials
    std::vector<Vertex> vertices;
    std::vector<uint32_t> indices;  // triangle list, counter-clockwise = front
};

struct Mesh {
    std::string name;
    std::vector<Primitive> primitives;
};

struct Light {
    enum class Type { Directional, Point, Spot };
    std::string name;
    Type type = Type::Point;
    glm::vec3 color{1.0f};
    float intensity = 1.0f;  // candela (point, spot) or lux (directional)
    float range = 0.0f;      // 0: infinite
    float outerConeRadians = 0.7853982f;
};

struct Node {
    std::string name;
    glm::vec3 translation{0.0f};
    glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
    glm::vec3 scale{1.0f};
    uint32_t mesh = kNone;
    uint32_t light = kNone;  // points down the node's -Z (glTF)
    std::vector<uint32_t> children;
};

struct Model {
    std::string name;
    std::vector<MaterialDef> materials;
    std::vector<Mesh> meshes;
    std::vector<Node> nodes;
    std::vector<uint32_t> roots;
    std::vector<Light> lights;

    uint32_t addNode(Node node) {
        nodes.push_back(std::move(node));
        return uint32_t(nodes.size() - 1);
    }
    uint32_t addMesh(Mesh mesh) {
        meshes.push_back(std::move(mesh));
        return uint32_t(meshes.size() - 1);
    }
    uint64_t triangleCount() const;  // over all nodes, counting every reference to a mesh
};

}  // namespace oh::scenegen
