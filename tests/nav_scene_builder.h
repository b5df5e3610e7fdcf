// Builds small scene::Scene fixtures in code for the navigation tests: boxes
// and quads, each its own mesh, node (named) and instance (placed by its
// world matrix, so the import-style object→world path is exercised); and the
// two steps every such test takes next: the collision world of a fixture and
// a walker standing at a point in it (both fail the test when they cannot).
#pragma once

#include <doctest/doctest.h>

#include <string>

#include <glm/gtc/matrix_transform.hpp>

#include "navigation/collision_world.h"
#include "navigation/walker.h"
#include "scene/scene.h"

namespace oh::test {

class SceneBuilder {
public:
    SceneBuilder() {
        m_scene.name = "synthetic";
        m_scene.materials.push_back({.name = "opaque"});
        m_scene.materials.push_back({.name = "glass", .alphaMode = scene::AlphaMode::Blend});
    }

    // Axis-aligned box from `lo` to `hi`, outward winding.
    void box(const std::string& name, const glm::vec3& lo, const glm::vec3& hi, bool glass = false) {
        const glm::vec3 centre = (lo + hi) * 0.5f, h = (hi - lo) * 0.5f;
        scene::Primitive p;
        for (int i = 0; i < 8; ++i) {
            scene::Vertex v;
            v.position = glm::vec3(i & 1 ? h.x : -h.x, i & 2 ? h.y : -h.y, i & 4 ? h.z : -h.z);
            p.vertices.push_back(v);
        }
        p.indices = {0, 2, 1, 1, 2, 3, 4, 5, 6, 5, 7, 6, 0, 1, 4, 1, 5, 4,
                     2, 6, 3, 3, 6, 7, 0, 4, 2, 2, 4, 6, 1, 3, 5, 3, 7, 5};
        add(name, std::move(p), glm::translate(glm::mat4(1.0f), centre), glass);
    }

    // A zero-thickness quad a-b-c-d (a wall with no inside).
    void quad(const std::string& name, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c,
              const glm::vec3& d, bool glass = false) {
        scene::Primitive p;
        for (const glm::vec3& corner : {a, b, c, d}) {
            scene::Vertex v;
            v.position = corner;
            p.vertices.push_back(v);
        }
        p.indices = {0, 1, 2, 0, 2, 3};
        add(name, std::move(p), glm::mat4(1.0f), glass);
    }

    const scene::Scene& scene() const { return m_scene; }

private:
    void add(const std::string& name, scene::Primitive primitive, const glm::mat4& world, bool glass) {
        primitive.material = glass ? 1 : 0;
        for (const scene::Vertex& v : primitive.vertices) primitive.bounds.extend(v.position);
        scene::Mesh mesh;
        mesh.name = name;
        mesh.primitives.push_back(std::move(primitive));
        scene::Node node;
        node.name = name;
        node.world = world;
        node.mesh = uint32_t(m_scene.meshes.size());
        scene::MeshInstance instance;
        instance.mesh = node.mesh;
        instance.node = uint32_t(m_scene.nodes.size());
        instance.world = world;
        instance.worldBounds = mesh.primitives[0].bounds.transformed(world);
        m_scene.bounds.extend(instance.worldBounds);
        m_scene.meshes.push_back(std::move(mesh));
        m_scene.nodes.push_back(node);
        m_scene.instances.push_back(instance);
    }

    scene::Scene m_scene;
};

inline nav::CollisionWorld buildWorld(const scene::Scene& s, const nav::WorldOptions& options = {}) {
    auto world = nav::buildCollisionWorld(s, options);
    REQUIRE_MESSAGE(world.has_value(), (world.has_value() ? "" : world.error().message));
    return std::move(world.value());
}

// A walker standing on whatever is under `point` (searched from 0.5 m above it, 1 m down).
inline nav::WalkerState standAt(const nav::CollisionWorld& world, const nav::WalkerParams& params, glm::vec3 point) {
    const auto state = nav::standOn(world, params, point + glm::vec3(0, 0.5f, 0), 1.0f);
    REQUIRE(state.has_value());
    return *state;
}

}  // namespace oh::test
