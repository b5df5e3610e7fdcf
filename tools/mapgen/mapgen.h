// openhouse-map's whole run: read the shared Helsinki data (districts, sea
// and water, OpenStreetMap extracts), choose the tiles worth making, draw
// them (tile_render.h) and write the MBTiles set (map/mbtiles.h) in one piece.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace oh::mapgen {

struct MapgenOptions {
    std::filesystem::path output;   // the .mbtiles to write
    std::filesystem::path dataDir;  // districts.geojson, sea.topojson, water.topojson and the extracts
    // Extracts to draw streets and buildings from, relative to dataDir.
    std::vector<std::string> extracts = {"centre-peninsula.osm.pbf", "kallio-alppiharju-segmented.osm.pbf"};
    int minZoom = 10;
    int maxZoom = 16;
};

// Zooms up to this one cover the whole city; past it, only where an extract
// has street-level data.
constexpr int kCityWideMaxZoom = 14;

struct MapgenReport {
    uint32_t tiles = 0;         // written
    uint32_t skipped = 0;       // one colour throughout, left to the parent tile
    uint64_t bytes = 0;         // of all tiles' PNGs
};

// Errors name the data file at fault, or the output that cannot be written;
// on any error nothing is left at options.output.
Result<MapgenReport> generateTileSet(const MapgenOptions& options);

// The credit lines of the data a tile set drawn from these sources uses
// (SOURCES.md), joined by "; ".
std::string attributionText(bool withOpenStreetMap);

}  // namespace oh::mapgen
