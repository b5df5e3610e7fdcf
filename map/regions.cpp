#include "map/regions.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "core/file_io.h"

namespace oh::map {

std::string titleCase(const std::string& upper) {
    std::string text;
    bool wordStart = true;
    for (size_t i = 0; i < upper.size(); ++i) {
        unsigned char c = upper[i];
        if (c >= 'A' && c <= 'Z') {
            text += wordStart ? char(c) : char(c - 'A' + 'a');
        } else if (c == 0xC3 && i + 1 < upper.size() &&
                   (uint8_t(upper[i + 1]) == 0x84 || uint8_t(upper[i + 1]) == 0x85 || uint8_t(upper[i + 1]) == 0x96)) {
            // UTF-8 Ä, Å, Ö; their lower-case forms are 0x20 further on.
            text += char(c);
            text += char(wordStart ? upper[i + 1] : char(uint8_t(upper[i + 1]) + 0x20));
            ++i;
        } else {
            text += char(c);
        }
        wordStart = c == ' ' || c == '-';
    }
    return text;
}

namespace {

using Json = nlohmann::json;

// GeoJSON rings are [lon, lat] positions; the closing repeat of the first
// position is dropped (Ring closes itself).
Ring readRing(const Json& positions, const std::string& where) {
    if (!positions.is_array() || positions.size() < 4) throw std::runtime_error(where + ": a ring needs 4 or more positions");
    Ring ring;
    ring.reserve(positions.size());
    for (const Json& position : positions) {
        if (!position.is_array() || position.size() < 2 || !position[0].is_number() || !position[1].is_number())
            throw std::runtime_error(where + ": a position is not [longitude, latitude]");
        ring.push_back(toWorld({position[1].get<double>(), position[0].get<double>()}));
    }
    ring.pop_back();
    return ring;
}

// Precision of the label search: about a metre in Helsinki (1 world unit ≈ 20,000 km there).
constexpr double kLabelPrecision = 5e-8;

}  // namespace

Result<Districts> Districts::load(const std::filesystem::path& path) {
    auto bytes = readFile(path, uint64_t(64) << 20);
    if (!bytes) return bytes.error();
    std::string name = displayPath(path);
    Json document = Json::parse(bytes->begin(), bytes->end(), nullptr, false);
    if (document.is_discarded()) return makeError(name + ": not valid JSON");
    if (!document.is_object() || document.value("type", "") != "FeatureCollection" ||
        !document.contains("features") || !document["features"].is_array())
        return makeError(name + ": not a GeoJSON FeatureCollection");

    Districts districts;
    size_t index = 0;
    try {
        for (const Json& feature : document["features"]) {
            std::string where = name + ": feature " + std::to_string(index++);
            if (!feature.is_object() || !feature.contains("properties") || !feature["properties"].is_object())
                return makeError(where + ": no properties");
            const Json& properties = feature["properties"];
            for (const char* key : {"tunnus", "nimi", "nimi_se"})
                if (!properties.contains(key) || !properties[key].is_string())
                    return makeError(where + ": no '" + key + "' text");
            std::string code = properties["tunnus"].get<std::string>();
            if (code.empty() || !std::all_of(code.begin(), code.end(), [](char c) { return std::isdigit(uint8_t(c)); }))
                continue;  // the territorial sea

            const Json* geometry = feature.contains("geometry") ? &feature["geometry"] : nullptr;
            if (!geometry || !geometry->is_object() || !geometry->contains("coordinates"))
                return makeError(where + ": no geometry");
            std::string type = geometry->value("type", "");
            const Json& coordinates = (*geometry)["coordinates"];
            std::vector<const Json*> polygons;
            if (type == "Polygon" && coordinates.is_array()) {
                polygons.push_back(&coordinates);
            } else if (type == "MultiPolygon" && coordinates.is_array()) {
                for (const Json& polygon : coordinates) polygons.push_back(&polygon);
            } else {
                return makeError(where + ": geometry is " + (type.empty() ? "missing" : "a " + type) +
                                 ", expected a Polygon or MultiPolygon");
            }

            District district;
            district.code = code;
            district.nameFi = titleCase(properties["nimi"].get<std::string>());
            district.nameSv = titleCase(properties["nimi_se"].get<std::string>());
            // The label goes in the largest part (the mainland, not an island).
            Polygon largest;
            for (const Json* rings : polygons) {
                if (!rings->is_array() || rings->empty()) return makeError(where + ": a polygon without rings");
                Polygon part;
                for (const Json& ring : *rings) part.rings.push_back(readRing(ring, where));
                if (area(part) > area(largest)) largest = part;
                for (Ring& ring : part.rings) district.outline.rings.push_back(std::move(ring));
            }
            district.bounds = boundsOf(district.outline);
            district.label = toLatLon(visualCentre(largest, kLabelPrecision));
            districts.m_districts.push_back(std::move(district));
        }
    } catch (const std::exception& error) {  // a ring's own message, or nlohmann's on a wrong type
        std::string what = error.what();
        return makeError(what.starts_with(name) ? what : name + ": " + what);
    }
    if (districts.m_districts.empty()) return makeError(name + ": no districts in the file");
    return districts;
}

std::optional<size_t> Districts::districtAt(LatLon point) const {
    WorldPoint p = toWorld(point);
    for (size_t i = 0; i < m_districts.size(); ++i)
        if (m_districts[i].bounds.contains(p) && contains(m_districts[i].outline, p)) return i;
    return std::nullopt;
}

}  // namespace oh::map
