// The packed vertex layout the GPU reads (scene/packed_vertex.h): every
// attribute comes back within the error the header promises, shared
// vertices stay shared, and checkScene refuses inconsistent packed data.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include <glm/gtc/constants.hpp>

#include "scene/packed_vertex.h"

using namespace oh;

namespace {

// In double and through atan2: acos of a float cosine cannot resolve
// angles below about 0.02°.
float angleDegrees(glm::vec3 a, glm::vec3 b) {
    glm::dvec3 x(a), y(b);
    return float(glm::degrees(std::atan2(glm::length(glm::cross(x, y)), glm::dot(x, y))));
}

glm::vec3 randomUnit(std::mt19937& random) {
    std::normal_distribution<float> normal;
    glm::vec3 v(normal(random), normal(random), normal(random));
    return glm::normalize(v);
}

// Vertices of a 15 m flat with tiled UVs, random normals and colours.
std::vector<scene::Vertex> randomVertices(std::mt19937& random, size_t count) {
    std::uniform_real_distribution<float> x(-2.0f, 13.0f), y(0.0f, 2.7f), z(-1.0f, 9.0f), uv(-3.0f, 12.0f),
        unit(0.0f, 1.0f);
    std::vector<scene::Vertex> vertices(count);
    for (scene::Vertex& v : vertices) {
        v.position = {x(random), y(random), z(random)};
        v.normal = randomUnit(random);
        v.tangent = glm::vec4(randomUnit(random), unit(random) < 0.5f ? -1.0f : 1.0f);
        v.uv0 = {uv(random), uv(random)};
        v.uv1 = {unit(random), unit(random)};
        v.color = {unit(random), unit(random), unit(random), unit(random)};
    }
    return vertices;
}

scene::Aabb boundsOf(const std::vector<scene::Vertex>& vertices) {
    scene::Aabb box;
    for (const scene::Vertex& v : vertices) box.extend(v.position);
    return box;
}

}  // namespace

TEST_CASE("packed vertices come back within the promised error") {
    std::mt19937 random(7);
    std::vector<scene::Vertex> vertices = randomVertices(random, 20000);
    scene::Aabb grid = boundsOf(vertices);
    scene::PackedVertices packed = scene::packVertices(vertices, grid);
    REQUIRE(packed.vertices.size() == vertices.size());

    glm::vec3 positionBound = grid.size() / 131070.0f * 1.01f;
    float worstNormal = 0.0f, worstTangent = 0.0f, worstColor = 0.0f;
    glm::vec2 worstUv0(0.0f);
    for (size_t i = 0; i < vertices.size(); ++i) {
        scene::Vertex back = scene::unpackVertex(packed.vertices[i], packed.dequantization);
        const scene::Vertex& v = vertices[i];
        for (int axis = 0; axis < 3; ++axis)
            REQUIRE(std::abs(back.position[axis] - v.position[axis]) <= positionBound[axis]);
        worstNormal = std::max(worstNormal, angleDegrees(back.normal, v.normal));
        worstTangent = std::max(worstTangent, angleDegrees(glm::vec3(back.tangent), glm::vec3(v.tangent)));
        CHECK(back.tangent.w == v.tangent.w);
        worstUv0 = glm::max(worstUv0, glm::abs(back.uv0 - v.uv0));
        worstColor = std::max(worstColor, glm::length(back.color - v.color));
    }
    // 0.01° of a normal is far below a highlight's width; 0.5° of a tangent
    // is below what a normal map's 8-bit texels resolve.
    CHECK(worstNormal < 0.01f);
    CHECK(worstTangent < 0.5f);
    CHECK(worstUv0.x <= 15.0f / 131070.0f * 1.01f);
    CHECK(worstUv0.y <= 15.0f / 131070.0f * 1.01f);
    CHECK(worstColor < 2.0f / 65535.0f);
}

TEST_CASE("axis normals, including the folded lower hemisphere, are exact") {
    const glm::vec3 axes[] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    std::vector<scene::Vertex> vertices;
    for (glm::vec3 axis : axes) vertices.push_back(scene::Vertex{.normal = axis});
    scene::PackedVertices packed = scene::packVertices(vertices, boundsOf(vertices));
    for (size_t i = 0; i < vertices.size(); ++i)
        CHECK(angleDegrees(scene::unpackVertex(packed.vertices[i], packed.dequantization).normal, axes[i]) ==
              doctest::Approx(0.0f).epsilon(1e-3));
}

TEST_CASE("a vertex two primitives of a mesh share lands on the same point in both") {
    // Two walls of different materials meeting at an edge: on one grid per
    // mesh their common corner packs to the same numbers, so no crack opens.
    scene::Mesh mesh;
    mesh.primitives.resize(2);
    scene::Primitive& plaster = mesh.primitives[0];
    plaster.vertices = {scene::Vertex{.position = {0.0f, 0.0f, 0.0f}}, scene::Vertex{.position = {4.0f, 0.0f, 0.0f}},
                        scene::Vertex{.position = {4.123456f, 2.6f, 0.0f}}};
    scene::Primitive& tiles = mesh.primitives[1];
    tiles.vertices = {scene::Vertex{.position = {4.123456f, 2.6f, 0.0f}}, scene::Vertex{.position = {9.0f, 2.6f, 3.0f}},
                      scene::Vertex{.position = {9.0f, 0.0f, 3.0f}}};
    scene::Aabb grid = scene::positionGrid(mesh);
    CHECK(grid.max.x == 9.0f);
    scene::PackedVertices a = scene::packVertices(plaster.vertices, grid);
    scene::PackedVertices b = scene::packVertices(tiles.vertices, grid);
    scene::Vertex cornerA = scene::unpackVertex(a.vertices[2], a.dequantization);
    scene::Vertex cornerB = scene::unpackVertex(b.vertices[0], b.dequantization);
    CHECK(cornerA.position == cornerB.position);
}

TEST_CASE("a flat mesh and an unused UV set pack without dividing by zero") {
    std::vector<scene::Vertex> floor = {scene::Vertex{.position = {0.0f, 0.0f, 0.0f}},
                                        scene::Vertex{.position = {5.0f, 0.0f, 0.0f}},
                                        scene::Vertex{.position = {5.0f, 0.0f, 4.0f}}};
    scene::PackedVertices packed = scene::packVertices(floor, boundsOf(floor));
    for (size_t i = 0; i < floor.size(); ++i) {
        scene::Vertex back = scene::unpackVertex(packed.vertices[i], packed.dequantization);
        CHECK(back.position.y == 0.0f);
        CHECK(back.uv1 == glm::vec2(0.0f));
        CHECK(std::isfinite(back.position.x));
    }
}

TEST_CASE("packScene packs once and unpackedVertices prefers full precision") {
    std::mt19937 random(3);
    scene::Scene scene;
    scene.meshes.emplace_back().primitives.emplace_back().vertices = randomVertices(random, 30);
    scene::Primitive& primitive = scene.meshes[0].primitives[0];
    primitive.indices = {0, 1, 2};
    scene::packScene(scene);
    REQUIRE(primitive.packed.size() == 30);
    CHECK(scene::unpackedVertices(primitive)[5].position == primitive.vertices[5].position);
    CHECK(scene::checkScene(scene).empty());

    primitive.vertices.clear();  // as a bundle has it
    CHECK(primitive.vertexCount() == 30);
    CHECK(scene::unpackedVertices(primitive).size() == 30);
    CHECK(scene::checkScene(scene).empty());
}

TEST_CASE("checkScene refuses inconsistent packed vertices") {
    std::mt19937 random(5);
    scene::Scene scene;
    scene::Primitive& primitive = scene.meshes.emplace_back().primitives.emplace_back();
    primitive.vertices = randomVertices(random, 6);
    primitive.indices = {0, 1, 5};
    scene::packScene(scene);

    SUBCASE("counts that differ") {
        primitive.packed.pop_back();
        CHECK(scene::checkScene(scene).find("packed") != std::string::npos);
    }
    SUBCASE("an index past the packed vertices") {
        primitive.vertices.clear();
        primitive.packed.pop_back();
        CHECK(scene::checkScene(scene).find("index 5 past its vertices") != std::string::npos);
    }
    SUBCASE("a non-finite scale") {
        primitive.dequantization.positionScale.x = std::nanf("");
        CHECK(scene::checkScene(scene).find("dequantisation") != std::string::npos);
    }
}
