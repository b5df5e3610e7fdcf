#include "tools/mapgen/mapgen.h"

#include <algorithm>

#include "map/mbtiles.h"
#include "map/regions.h"
#include "tools/mapgen/map_features.h"
#include "tools/mapgen/osm_read.h"
#include "tools/mapgen/tile_render.h"
#include "tools/mapgen/topojson.h"

namespace oh::mapgen {

std::string attributionText(bool withOpenStreetMap) {
    // SOURCES.md's lines for the files drawn; the postal areas and prices
    // (Statistics Finland) are not in the tiles.
    std::string text = "© Helsingin kaupunki, Helsinki Region Infoshare, CC BY 4.0; "
                       "Helsingin seudun kunnat / HSY, CC BY 4.0";
    if (withOpenStreetMap) text += "; © OpenStreetMap contributors, ODbL 1.0";
    return text;
}

namespace {

// Districts, sea, water and the extracts, as features; `cityBounds` gets the districts' box.
Result<MapFeatures> readFeatures(const MapgenOptions& options, WorldRect& cityBounds) {
    MapFeatures features;
    auto districts = map::Districts::load(options.dataDir / "districts.geojson");
    if (!districts) return districts.error();
    cityBounds = WorldRect::none();
    for (const map::District& district : districts->all()) {
        for (const map::Ring& ring : district.outline.rings) {
            std::vector<WorldPoint> border = ring;
            border.push_back(ring.front());
            features.lines.push_back({LineKind::DistrictBorder, border, map::boundsOf(border)});
        }
        cityBounds.include(district.bounds);
    }
    for (auto [file, kind] : {std::pair{"sea.topojson", AreaKind::Sea}, std::pair{"water.topojson", AreaKind::Water}}) {
        auto polygons = readTopoJsonPolygons(options.dataDir / file);
        if (!polygons) return polygons.error();
        for (Polygon& polygon : *polygons) {
            if (polygon.rings.empty()) continue;
            WorldRect bounds = map::boundsOf(polygon);
            features.areas.push_back({kind, std::move(polygon), bounds});
        }
    }
    for (const std::string& extract : options.extracts) OH_TRY(readOsmExtract(options.dataDir / extract, features));
    return features;
}

}  // namespace

Result<MapgenReport> generateTileSet(const MapgenOptions& options) {
    if (options.minZoom < 0 || options.minZoom > options.maxZoom || options.maxZoom > 20)
        return makeError("zooms " + std::to_string(options.minZoom) + ".." + std::to_string(options.maxZoom) +
                         ": expected 0 <= min-zoom <= max-zoom <= 20");
    WorldRect city;
    auto features = readFeatures(options, city);
    if (!features) return features.error();

    map::TileSetInfo info;
    info.name = "Helsinki";
    info.format = map::TileFormat::Png;
    map::LatLon northWest = map::toLatLon({city.minX, city.minY});
    map::LatLon southEast = map::toLatLon({city.maxX, city.maxY});
    info.southWest = {southEast.lat, northWest.lon};
    info.northEast = {northWest.lat, southEast.lon};
    // The table opens on the city centre: the first extract's middle, else the city's.
    WorldRect focus = features->detailCoverage.empty() ? city : features->detailCoverage.front();
    info.center = map::toLatLon({(focus.minX + focus.maxX) / 2, (focus.minY + focus.maxY) / 2});
    info.centerZoom = std::clamp(13, options.minZoom, options.maxZoom);
    info.minZoom = options.minZoom;
    info.maxZoom = options.maxZoom;
    info.attribution = attributionText(!options.extracts.empty());

    auto writer = map::MbTilesWriter::create(options.output, info);
    if (!writer) return writer.error();
    MapgenReport report;
    for (int z = options.minZoom; z <= options.maxZoom; ++z) {
        map::TileId first = map::tileAt({city.minX, city.minY}, z), last = map::tileAt({city.maxX, city.maxY}, z);
        for (uint32_t y = first.y; y <= last.y; ++y)
            for (uint32_t x = first.x; x <= last.x; ++x) {
                map::TileId tile{z, x, y};
                if (z > kCityWideMaxZoom &&
                    std::none_of(features->detailCoverage.begin(), features->detailCoverage.end(),
                                 [&](const WorldRect& box) { return box.intersects(map::tileRect(tile)); }))
                    continue;
                auto rendered = renderTile(*features, tile);
                if (!rendered) return rendered.error();
                // The lowest zoom is complete, so the table always has an ancestor to fall back to.
                if (rendered->uniform && z > options.minZoom) {
                    ++report.skipped;
                    continue;
                }
                OH_TRY(writer->addTile(tile, rendered->png));
                ++report.tiles;
                report.bytes += rendered->png.size();
            }
    }
    OH_TRY(writer->commit());
    return report;
}

}  // namespace oh::mapgen
