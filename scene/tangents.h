// Generated vertex attributes for glTF import: flat normals when a primitive
// has none, and per-vertex tangents when a normal map needs them and the file
// has no TANGENT. Our own accumulation in the spirit of MikkTSpace (area- and
// angle-agnostic sum of per-triangle tangents, Gram-Schmidt, handedness from
// the bitangent), not a port of it.
#pragma once

#include <cstdint>

#include "scene/scene.h"

namespace oh::gltf {

// glTF 2.0 §3.7.2.1: "When normals are not specified, client implementations
// MUST calculate flat normals". Unwelds the primitive (three vertices per
// triangle) and gives each triangle its face normal.
void generateFlatNormals(scene::Primitive& primitive);

// Fills Vertex::tangent from positions, normals and the UV set `texCoord`
// (0 or 1). Vertices whose UVs are degenerate get any unit vector
// perpendicular to the normal.
void generateTangents(scene::Primitive& primitive, uint32_t texCoord);

}  // namespace oh::gltf
