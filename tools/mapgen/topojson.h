// TopoJSON (the sea and water layers of the shared Helsinki data): the
// topology's shared arcs decoded (delta-encoded and quantised when the file
// has a `transform`) and stitched into the polygons of its Polygon and
// MultiPolygon geometries. Only what those layers use: no points or lines.
#pragma once

#include <filesystem>
#include <vector>

#include "core/result.h"
#include "map/geo_polygon.h"

namespace oh::mapgen {

// Every polygon of every object in the file, in world coordinates. Errors
// name the file and what is wrong (not JSON, an arc index out of range...).
Result<std::vector<map::Polygon>> readTopoJsonPolygons(const std::filesystem::path& path);

}  // namespace oh::mapgen
