// Builds meshes from boxes, cylinders, rounded boxes and quads, with UVs in
// metres (textures tile at real scale), normals and tangents. Geometry goes
// through the current transform, so a part can be modelled upright and tilted
// into place (a chair back). UVs are taken before the transform: a tilted
// board keeps its grain along its own length.
#pragma once

#include <map>
#include <string>

#include "tools/scene_generator/model.h"

namespace oh::scenegen {

class MeshBuilder {
public:
    void setTransform(const glm::mat4& transform);
    void resetTransform() { setTransform(glm::mat4(1.0f)); }

    // Flat triangles facing `normal` (winding is fixed up to match), e.g. a
    // triangulated floor polygon.
    void flat(uint32_t material, const std::vector<glm::vec3>& positions, const std::vector<glm::vec2>& uvs,
              const std::vector<uint32_t>& indices, glm::vec3 normal);
    // An axis-aligned box (before the transform). `faces` skips sides: bit
    // order -X, +X, -Y, +Y, -Z, +Z.
    static constexpr unsigned kAllFaces = 0x3f;
    void box(uint32_t material, glm::vec3 min, glm::vec3 max, unsigned faces = kAllFaces);
    // Vertical cylinder or cone frustum from y0 to y1 around (x, z), smooth sides.
    // `inside` adds inward-facing sides too (lamp shades seen from below).
    void cylinder(uint32_t material, glm::vec2 centre, float y0, float y1, float r0, float r1, int segments,
                  bool capBottom = true, bool capTop = true, bool inside = false);
    // A box with rounded edges and corners (cushions, mattresses, tubs):
    // `radius` no more than half the smallest side; `segments` per rounded edge.
    void roundedBox(uint32_t material, glm::vec3 min, glm::vec3 max, float radius, int segments);
    // A sphere (bulbs, knobs).
    void sphere(uint32_t material, glm::vec3 centre, float radius, int segments);

    bool empty() const { return m_primitives.empty(); }
    // The mesh so far with tangents computed; the builder is left empty.
    Mesh finish(std::string name);

private:
    Primitive& primitive(uint32_t material) { return m_primitives[material]; }
    uint32_t vertex(Primitive& p, glm::vec3 position, glm::vec3 normal, glm::vec2 uv);

    std::map<uint32_t, Primitive> m_primitives;  // ordered by material: deterministic output
    glm::mat4 m_transform{1.0f};
    glm::mat3 m_normalTransform{1.0f};
    bool m_flipped = false;
};

}  // namespace oh::scenegen
