#include "tools/pack/mesh_stage.h"

#include <meshoptimizer.h>

#include "navigation/start_spot.h"

namespace oh::pack {
namespace {

constexpr unsigned kCacheSize = 32;  // a typical post-transform cache, for the statistic only

double cacheMissRatio(const scene::Primitive& primitive) {
    if (primitive.indices.empty()) return 0.0;
    return meshopt_analyzeVertexCache(primitive.indices.data(), primitive.indices.size(), primitive.vertices.size(),
                                      kCacheSize, 0, 0)
        .acmr;
}

void optimizePrimitive(scene::Primitive& primitive) {
    if (primitive.indices.empty() || primitive.vertices.empty()) return;
    const size_t indexCount = primitive.indices.size();
    // Merge bit-identical vertices: imports often split them per face.
    std::vector<unsigned> remap(primitive.vertices.size());
    size_t unique = meshopt_generateVertexRemap(remap.data(), primitive.indices.data(), indexCount,
                                                primitive.vertices.data(), primitive.vertices.size(),
                                                sizeof(scene::Vertex));
    std::vector<scene::Vertex> vertices(unique);
    meshopt_remapVertexBuffer(vertices.data(), primitive.vertices.data(), primitive.vertices.size(),
                              sizeof(scene::Vertex), remap.data());
    std::vector<uint32_t> indices(indexCount);
    meshopt_remapIndexBuffer(indices.data(), primitive.indices.data(), indexCount, remap.data());
    // Triangles in vertex-cache order, then vertices in the order they are first used.
    meshopt_optimizeVertexCache(indices.data(), indices.data(), indexCount, unique);
    meshopt_optimizeVertexFetch(vertices.data(), indices.data(), indexCount, vertices.data(), unique,
                                sizeof(scene::Vertex));
    primitive.vertices = std::move(vertices);
    primitive.indices = std::move(indices);
}

}  // namespace

MeshStats optimizeMeshes(scene::Scene& scene) {
    MeshStats stats;
    uint64_t triangles = 0;
    double missesBefore = 0.0, missesAfter = 0.0;
    for (scene::Mesh& mesh : scene.meshes)
        for (scene::Primitive& primitive : mesh.primitives) {
            uint64_t primitiveTriangles = primitive.indices.size() / 3;
            stats.verticesBefore += primitive.vertices.size();
            missesBefore += cacheMissRatio(primitive) * double(primitiveTriangles);
            optimizePrimitive(primitive);
            stats.verticesAfter += primitive.vertices.size();
            missesAfter += cacheMissRatio(primitive) * double(primitiveTriangles);
            triangles += primitiveTriangles;
        }
    if (triangles > 0) {
        stats.acmrBefore = missesBefore / double(triangles);
        stats.acmrAfter = missesAfter / double(triangles);
    }
    return stats;
}

bundle::BundledScene prepareWalk(scene::Scene scene) {
    bundle::BundledScene bundled{std::move(scene), std::nullopt, std::nullopt};
    auto world = nav::buildCollisionWorld(bundled.scene);
    if (!world) return bundled;
    auto start = nav::findStartSpot(*world, nav::WalkerParams{});
    if (start) bundled.start = *start;
    bundled.world = std::move(world.value());
    return bundled;
}

}  // namespace oh::pack
