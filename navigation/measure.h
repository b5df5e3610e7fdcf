// The tape measure's geometry: point at one surface, then at another, and read
// the distance. Picks a point from a ray (a mouse ray or a controller laser)
// with snapping to the model's real edges and corners, measures between two
// picks under a constraint (free, level, plumb) with the rule that makes
// wall-to-wall and floor-to-ceiling read true from a slanted click, and formats
// the length for a label. CPU only, on the collision world's triangles.
// Not for drawing the tape, the snap marker or the label (the UI does that
// from the points given here), and not for areas or room outlines.
//
// +Y is up (scene convention): "horizontal" and "vertical" refer to it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "navigation/collision_world.h"

namespace oh::nav {

// What a pick landed on, in the order snapping prefers them.
enum class SnapKind : uint8_t {
    Surface,  // the ray's hit, not snapped
    Edge,     // the nearest point of a feature edge (a crease or a boundary)
    Corner,   // a point where feature edges meet or one ends
};

struct PickOptions {
    // Metres from the ray's hit within which an edge or corner captures the
    // pick. The caller scales it with distance (snapRadiusAt); 0: no snapping.
    float snapRadius = 0.03f;
    float maxRayDistance = 30.0f;  // metres
};

// The snap radius a pointer at `rayLength` metres should use: 1.5 % of the
// distance, at least 1 cm (precise work up close) and at most 8 cm (so a far
// click does not jump to an edge the user did not aim at).
float snapRadiusAt(float rayLength);

struct MeasurePoint {
    glm::vec3 point{0.0f};
    glm::vec3 normal{0.0f, 1.0f, 0.0f};  // unit normal of the surface hit, facing the ray's origin
    SnapKind snap = SnapKind::Surface;
    // snap == Edge: the triangle edge snapped to, for highlighting (the feature
    // line may continue past it in neighbouring triangles).
    glm::vec3 edgeFrom{0.0f}, edgeTo{0.0f};
};

// The point the ray picks: its first hit (glass counts: a window pane is a
// surface one may measure to), moved to the nearest corner within
// options.snapRadius, else to the nearest point of a feature edge within it.
// Only edges and corners visible from the ray's origin capture the pick.
// A feature edge is a boundary of the surface or a crease whose faces meet at
// more than 20 degrees; the diagonal of a flat quad, or the seam between two
// coplanar pieces of wall, is not one. Triangles are matched by position
// (1 mm), not by index, so triangle soups and T-junctions work. Faces hidden
// from the ray's origin along a line (the end faces of wall pieces built as
// boxes, inside the wall) do not make it an edge. Surfaces that merely pass
// through each other (a box sunk into a floor) make no edge there.
// None: the ray meets nothing within range. Costs one ray plus a few dozen
// triangle tests near the hit.
std::optional<MeasurePoint> pickMeasurePoint(const CollisionWorld& world, const glm::vec3& rayOrigin,
                                             const glm::vec3& rayDirection, const PickOptions& options = {});

enum class MeasureConstraint : uint8_t {
    Free,        // the straight line between the picks
    Horizontal,  // only the level part: the tape runs level at the first point's height
    Vertical,    // only the plumb part: the tape runs straight up or down from the first point
};

// Which rule produced a measurement (for the UI to say, e.g. a "⟂" badge).
enum class MeasureRule : uint8_t {
    Straight,         // point to point (Free)
    Level,            // horizontal component (Horizontal)
    Plumb,            // vertical component (Vertical)
    SquareToSurface,  // the perpendicular distance between two facing, parallel surfaces
};

struct Measurement {
    glm::vec3 from{0.0f};  // the tape's ends, for drawing; `from` is always the first point
    glm::vec3 to{0.0f};
    float metres = 0.0f;   // == distance(from, to)
    MeasureRule rule = MeasureRule::Straight;
    MeasureConstraint constraint = MeasureConstraint::Free;
};

// The distance from `first` to `second` under `constraint`.
//
// Square to the surface: when the second pick is on a surface (not snapped)
// that faces the first one across open space — normals opposite within 5
// degrees, each point in front of the other's surface — a wall-to-wall or
// floor-to-ceiling measurement means the distance between the two planes, not
// between two clicks that are never exactly opposite. The tape then ends at
// the foot of the perpendicular from the first point on the second plane, and
// a slightly slanted second click still reads 380 cm. Under Horizontal it
// applies to facing walls (normals within 5 degrees of level), under Vertical
// to facing floors and ceilings; otherwise the constraint's component is used.
// A snapped second point was chosen deliberately, so it is measured to as it is.
Measurement measureBetween(const MeasurePoint& first, const MeasurePoint& second,
                           MeasureConstraint constraint = MeasureConstraint::Free);

// A length for a label: whole centimetres below 10 m ("87 cm", "380 cm": how
// buyers read room and furniture sizes, with no decimal to misread), metres
// with two decimals from 10 m on ("12.45 m": centimetres stop being easy to
// read). Rounded to the centimetre first, so 9.996 m reads "10.00 m".
// `decimalPoint` ',' gives the Finnish "12,45 m".
std::string formatLength(float metres, char decimalPoint = '.');

// The measurements shown at once, oldest first, until cleared. Plain value type.
class MeasurementList {
public:
    void add(const Measurement& measurement) { m_items.push_back(measurement); }
    void removeLast() {
        if (!m_items.empty()) m_items.pop_back();
    }
    void clear() { m_items.clear(); }
    bool empty() const { return m_items.empty(); }
    size_t size() const { return m_items.size(); }
    std::span<const Measurement> items() const { return m_items; }

private:
    std::vector<Measurement> m_items;
};

}  // namespace oh::nav
