#include "tools/mapgen/osm_read.h"

#include <cstring>
#include <optional>

#include <osmium/area/assembler.hpp>
#include <osmium/area/multipolygon_manager.hpp>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/relations/relations_manager.hpp>
#include <osmium/visitor.hpp>

#include "core/file_io.h"

namespace oh::mapgen {

namespace {

bool is(const osmium::TagList& tags, const char* key, const char* value) {
    const char* found = tags.get_value_by_key(key);
    return found && std::strcmp(found, value) == 0;
}

bool isAnyOf(const char* value, std::initializer_list<const char*> values) {
    if (!value) return false;
    for (const char* candidate : values)
        if (std::strcmp(value, candidate) == 0) return true;
    return false;
}

std::optional<LineKind> lineKind(const osmium::TagList& tags) {
    // Tunnels are under something else; drawing them would cross buildings and parks.
    if (is(tags, "tunnel", "yes") || is(tags, "area", "yes")) return std::nullopt;
    const char* highway = tags.get_value_by_key("highway");
    if (isAnyOf(highway, {"motorway", "trunk", "primary", "motorway_link", "trunk_link", "primary_link"}))
        return LineKind::Major;
    if (isAnyOf(highway, {"secondary", "tertiary", "secondary_link", "tertiary_link"})) return LineKind::Secondary;
    if (isAnyOf(highway, {"residential", "unclassified", "living_street", "pedestrian", "road"}))
        return LineKind::Street;
    if (isAnyOf(highway, {"service"})) return LineKind::Service;
    if (isAnyOf(highway, {"footway", "cycleway", "path", "steps", "track", "bridleway"})) return LineKind::Path;
    if (isAnyOf(tags.get_value_by_key("railway"), {"rail", "tram", "light_rail", "subway"})) return LineKind::Rail;
    return std::nullopt;
}

std::optional<AreaKind> areaKind(const osmium::TagList& tags) {
    const char* building = tags.get_value_by_key("building");
    if (building && std::strcmp(building, "no") != 0) return AreaKind::Building;
    if (is(tags, "natural", "water") || is(tags, "waterway", "riverbank") ||
        isAnyOf(tags.get_value_by_key("landuse"), {"basin", "reservoir"}))
        return AreaKind::Water;
    if (isAnyOf(tags.get_value_by_key("leisure"), {"park", "garden", "pitch", "playground", "common", "dog_park"}) ||
        isAnyOf(tags.get_value_by_key("landuse"),
                {"grass", "forest", "meadow", "recreation_ground", "cemetery", "village_green", "allotments"}) ||
        isAnyOf(tags.get_value_by_key("natural"), {"wood", "scrub", "grassland", "heath"}))
        return AreaKind::Green;
    return std::nullopt;
}

// Collects lines from ways (their node locations filled in by the location
// handler before this runs) and areas from the assembler's output.
class Collector : public osmium::handler::Handler {
public:
    explicit Collector(MapFeatures& features) : m_features(features) {}

    void way(const osmium::Way& way) {
        auto kind = lineKind(way.tags());
        if (!kind) return;
        std::vector<WorldPoint> points;
        auto flush = [&] {
            if (points.size() >= 2) m_features.lines.push_back({*kind, points, map::boundsOf(points)});
            points.clear();
        };
        for (const osmium::NodeRef& node : way.nodes()) {
            if (!node.location().valid()) {
                flush();  // a node outside the extract: the street stops at its edge
                continue;
            }
            points.push_back(add(node.location()));
        }
        flush();
    }

    void area(const osmium::Area& area) {
        auto kind = areaKind(area.tags());
        if (!kind) return;
        Polygon polygon;
        for (const osmium::OuterRing& outer : area.outer_rings()) {
            polygon.rings.push_back(ring(outer));
            for (const osmium::InnerRing& inner : area.inner_rings(outer)) polygon.rings.push_back(ring(inner));
        }
        if (polygon.rings.empty()) return;
        m_features.areas.push_back({*kind, polygon, map::boundsOf(polygon)});
    }

    WorldRect covered() const { return m_covered; }

private:
    WorldPoint add(const osmium::Location& location) {
        WorldPoint p = map::toWorld({location.lat(), location.lon()});
        m_covered.include(p);
        return p;
    }
    template <typename TRing>
    map::Ring ring(const TRing& nodes) {
        map::Ring ring;
        for (const osmium::NodeRef& node : nodes) ring.push_back(add(node.location()));
        if (ring.size() > 1) ring.pop_back();  // osmium repeats the first node at the end
        return ring;
    }

    MapFeatures& m_features;
    WorldRect m_covered = WorldRect::none();
};

}  // namespace

Status readOsmExtract(const std::filesystem::path& path, MapFeatures& features) {
    std::string name = displayPath(path);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return makeError(name + ": OpenStreetMap extract not found");
    try {
        osmium::io::File file{path.string(), "pbf"};

        // Pass 1: which multipolygon relations to assemble, and their member ways.
        osmium::area::Assembler::config_type config;
        config.ignore_invalid_locations = true;  // the edge of an extract
        osmium::TagsFilter filter{false};
        for (const char* key : {"building", "leisure", "landuse", "natural", "waterway"})
            filter.add_rule(true, osmium::TagMatcher{key});
        osmium::area::MultipolygonManager<osmium::area::Assembler> multipolygons{config, filter};
        osmium::relations::read_relations(file, multipolygons);

        // Pass 2: node locations (a second index for ids below zero, which
        // pre-processed extracts like the Kallio strip use), ways, areas.
        using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
        Index positive, negative;
        osmium::handler::NodeLocationsForWays<Index, Index> locations{positive, negative};
        locations.ignore_errors();  // nodes cut off at the edge
        Collector collector{features};
        osmium::io::Reader reader{file};
        osmium::apply(reader, locations, collector, multipolygons.handler([&](osmium::memory::Buffer&& buffer) {
            osmium::apply(buffer, collector);
        }));
        reader.close();
        if (collector.covered().isNone())
            return makeError(name + ": no streets, buildings, parks or water in the extract");
        features.detailCoverage.push_back(collector.covered());
    } catch (const std::exception& error) {  // osmium reports a bad or damaged file by throwing
        return makeError(name + ": cannot read the OpenStreetMap extract: " + error.what());
    }
    return ok();
}

}  // namespace oh::mapgen
