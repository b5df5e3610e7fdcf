// Vertices quantised for the GPU (scene::PackedVertex) and read back. The
// packer stores them in tour bundles; the GPU upload packs a glTF's vertices
// the same way, so both draw through one vertex layout.
//
// Not for: mesh optimisation (tools/pack/mesh_stage.h), the vertex input of
// the pipeline (renderer.cpp mirrors PackedVertex).
#pragma once

#include <span>
#include <vector>

#include "scene/scene.h"

namespace oh::scene {

struct PackedVertices {
    std::vector<PackedVertex> vertices;
    VertexDequantization dequantization;
};

// The grid a mesh's positions are packed on: all its primitives' bounds, so
// a vertex two primitives share lands on the same point in both.
Aabb positionGrid(const Mesh& mesh);

// `vertices` packed with positions on `grid` (which must hold them all) and
// UVs over their own range. The largest error: a position 1/131070 of the
// grid's size per axis (0.1 mm on a 15 m flat), a normal 0.01°, a tangent
// 0.5°, a UV 1/131070 of its range.
PackedVertices packVertices(std::span<const Vertex> vertices, const Aabb& grid);

// Packs every primitive of `scene` that has vertices and no packed ones yet.
void packScene(Scene& scene);

Vertex unpackVertex(const PackedVertex& packed, const VertexDequantization& dequantization);

// The primitive's full-precision vertices, or its packed ones read back.
std::vector<Vertex> unpackedVertices(const Primitive& primitive);

}  // namespace oh::scene
