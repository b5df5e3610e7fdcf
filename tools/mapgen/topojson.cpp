#include "tools/mapgen/topojson.h"

#include <nlohmann/json.hpp>

#include "core/file_io.h"

namespace oh::mapgen {

namespace {

using Json = nlohmann::json;

struct Decoder {
    std::vector<std::vector<map::LatLon>> arcs;  // absolute positions

    // A ring from arc indexes; ~i walks arc i backwards (TopoJSON §2.1.4).
    // Consecutive arcs share their joining position, kept once.
    map::Ring ring(const Json& indexes) const {
        map::Ring ring;
        for (const Json& item : indexes) {
            int64_t index = item.get<int64_t>();
            bool reversed = index < 0;
            size_t arc = size_t(reversed ? ~index : index);
            if (arc >= arcs.size()) throw std::runtime_error("arc " + std::to_string(index) + " does not exist");
            const auto& points = arcs[arc];
            for (size_t i = 0; i < points.size(); ++i) {
                if (i == 0 && !ring.empty()) continue;
                const map::LatLon& p = reversed ? points[points.size() - 1 - i] : points[i];
                ring.push_back(map::toWorld(p));
            }
        }
        if (ring.size() > 1) ring.pop_back();  // the closing repeat
        return ring;
    }

    map::Polygon polygon(const Json& rings) const {
        map::Polygon polygon;
        for (const Json& indexes : rings) {
            map::Ring r = ring(indexes);
            if (r.size() >= 3) polygon.rings.push_back(std::move(r));
        }
        return polygon;
    }
};

}  // namespace

Result<std::vector<map::Polygon>> readTopoJsonPolygons(const std::filesystem::path& path) {
    auto bytes = readFile(path, uint64_t(64) << 20);
    if (!bytes) return bytes.error();
    std::string name = displayPath(path);
    Json topology = Json::parse(bytes->begin(), bytes->end(), nullptr, false);
    if (topology.is_discarded()) return makeError(name + ": not valid JSON");
    if (!topology.is_object() || topology.value("type", "") != "Topology" || !topology.contains("arcs") ||
        !topology.contains("objects"))
        return makeError(name + ": not a TopoJSON Topology (no 'arcs' or 'objects')");

    std::vector<map::Polygon> polygons;
    try {
        // Quantised files store each arc's first position and then deltas (§2.1.2).
        bool quantised = topology.contains("transform");
        double scale[2] = {1, 1}, translate[2] = {0, 0};
        if (quantised)
            for (int i = 0; i < 2; ++i) {
                scale[i] = topology.at("transform").at("scale").at(i).get<double>();
                translate[i] = topology.at("transform").at("translate").at(i).get<double>();
            }
        Decoder decoder;
        for (const Json& arc : topology.at("arcs")) {
            std::vector<map::LatLon> points;
            double x = 0, y = 0;
            for (const Json& position : arc) {
                double px = position.at(0).get<double>(), py = position.at(1).get<double>();
                if (quantised) {
                    x += px;
                    y += py;
                    points.push_back({y * scale[1] + translate[1], x * scale[0] + translate[0]});
                } else {
                    points.push_back({py, px});
                }
            }
            decoder.arcs.push_back(std::move(points));
        }

        for (const auto& [objectName, object] : topology.at("objects").items()) {
            std::vector<const Json*> geometries;
            if (object.value("type", "") == "GeometryCollection")
                for (const Json& geometry : object.at("geometries")) geometries.push_back(&geometry);
            else
                geometries.push_back(&object);
            for (const Json* geometry : geometries) {
                std::string type = geometry->value("type", "");
                if (type == "Polygon") {
                    polygons.push_back(decoder.polygon(geometry->at("arcs")));
                } else if (type == "MultiPolygon") {
                    for (const Json& rings : geometry->at("arcs")) polygons.push_back(decoder.polygon(rings));
                }  // points and lines: nothing to fill
            }
        }
    } catch (const std::exception& error) {  // nlohmann's type errors, a bad arc index
        return makeError(name + ": " + error.what());
    }
    return polygons;
}

}  // namespace oh::mapgen
