// What openhouse-map draws, as plain structs in world coordinates
// (map/web_mercator.h): filled areas (sea, lakes, parks, buildings) and lines
// (streets by class, railways, district borders), each with its bounding box
// so a tile skips what it cannot touch. The readers (topojson.h, osm_read.h)
// fill them; tile_render.h draws them.
#pragma once

#include <vector>

#include "map/geo_polygon.h"

namespace oh::mapgen {

using map::Polygon;
using map::WorldPoint;
using map::WorldRect;

// Drawn in this order, so later kinds cover earlier ones.
enum class AreaKind { Sea, Water, Green, Building };

// Streets by how much traffic they carry; each has its width and first zoom (tile_render.cpp).
enum class LineKind { DistrictBorder, Major, Secondary, Street, Service, Path, Rail };

struct Area {
    AreaKind kind;
    Polygon polygon;
    WorldRect bounds;
};

struct Line {
    LineKind kind;
    std::vector<WorldPoint> points;
    WorldRect bounds;
};

struct MapFeatures {
    std::vector<Area> areas;
    std::vector<Line> lines;
    // Where street-level data exists (one box per OSM extract): the zooms past
    // the city-wide ones are made only there.
    std::vector<WorldRect> detailCoverage;
};

}  // namespace oh::mapgen
