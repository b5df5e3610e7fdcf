// Polygons in world coordinates (web_mercator.h) and the few questions the
// map asks of them: is a point inside, where does a label go, how big. Web
// Mercator is conformal, so distances in world units are true to shape at
// city scale, which the label search relies on.
#pragma once

#include <span>
#include <vector>

#include "map/web_mercator.h"

namespace oh::map {

using Ring = std::vector<WorldPoint>;  // closed implicitly: the last point joins the first

// An outer ring and its holes, or several outer rings (a district with
// islands): inside is decided by the even-odd rule over all rings.
struct Polygon {
    std::vector<Ring> rings;
};

bool contains(const Polygon& polygon, WorldPoint point);
WorldRect boundsOf(const Polygon& polygon);
WorldRect boundsOf(std::span<const WorldPoint> points);
// Enclosed area in square world units (holes subtracted under the even-odd rule
// only when they are wound opposite to their outer ring, as GeoJSON asks).
double area(const Polygon& polygon);
// The polygon's visual centre: the inside point farthest from every edge (the
// "pole of inaccessibility"), found to within `precision` world units. Unlike
// the centroid it is inside a concave or C-shaped polygon, so a label placed
// there sits in its district.
WorldPoint visualCentre(const Polygon& polygon, double precision);

}  // namespace oh::map
