// OpenStreetMap extracts (.osm.pbf) through libosmium: streets and railways
// from ways, buildings, parks and water as areas, assembled by osmium's area
// assembler from closed ways and multipolygon relations alike (an extract
// without relations, like the Kallio strip, simply has no multipolygons).
// Nodes missing at an extract's edge end a street there and drop the area.
#pragma once

#include <filesystem>

#include "core/result.h"
#include "tools/mapgen/map_features.h"

namespace oh::mapgen {

// Appends the extract's features to `features` and its covered box to
// features.detailCoverage. Errors name the file (missing, not a PBF, damaged).
Status readOsmExtract(const std::filesystem::path& path, MapFeatures& features);

}  // namespace oh::mapgen
