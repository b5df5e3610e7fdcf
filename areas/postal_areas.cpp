// Paavo GeoJSON -> PaavoArea, properties only. nlohmann::json throws on
// malformed text; nothing thrown leaves this file.
#include <cmath>

#include <nlohmann/json.hpp>

#include "areas/postal_areas.h"

namespace oh::areas {

namespace {

using nlohmann::json;

// Paavo's property names, as the file spells them.
constexpr const char* kPostcodeKey = "postal_code";
constexpr const char* kNameKey = "name";
constexpr const char* kAverageAreaKey = "Average floor area per dwelling (RA)";
constexpr const char* kDwellingsKey = "Dwellings (RA)";

// A Paavo figure: a number, or null where Statistics Finland withholds it.
// nullopt when the member is missing or not a number, with `problem` set
// unless an earlier figure already set it.
std::optional<float> figure(const json& properties, const char* key, std::string& problem) {
    auto it = properties.find(key);
    const char* wrong = it == properties.end() ? "missing"
                        : it->is_null() || it->is_number() ? nullptr
                                                           : "expected a number or null";
    if (wrong && problem.empty()) problem = std::string("/") + key + ": " + wrong;
    if (wrong || it->is_null()) return std::nullopt;
    return it->get<float>();
}

}  // namespace

bool isPostcode(std::string_view text) {
    if (text.size() != 5) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

Result<std::vector<PaavoArea>> readPostalAreas(std::string_view text, std::string_view displayName) {
    const std::string name(displayName);
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        return makeError(name + ": not valid JSON: " + e.what());
    }
    if (!root.is_object() || !root.contains("features") || !root["features"].is_array())
        return makeError(name + ": /features: expected a GeoJSON FeatureCollection with a features array");
    std::vector<PaavoArea> areas;
    const json& features = root["features"];
    for (size_t i = 0; i < features.size(); ++i) {
        const std::string pointer = name + ": /features/" + std::to_string(i) + "/properties";
        const json& feature = features[i];
        if (!feature.is_object() || !feature.contains("properties") || !feature["properties"].is_object())
            return makeError(pointer + ": expected an object");
        const json& properties = feature["properties"];
        PaavoArea area;
        auto postcode = properties.find(kPostcodeKey);
        if (postcode == properties.end() || !postcode->is_string() || !isPostcode(postcode->get<std::string>()))
            return makeError(pointer + "/" + kPostcodeKey + ": expected a five-digit postal code");
        area.postcode = postcode->get<std::string>();
        auto areaName = properties.find(kNameKey);
        if (areaName == properties.end() || !areaName->is_string() || areaName->get<std::string>().empty())
            return makeError(pointer + "/" + kNameKey + ": expected the area's name");
        area.name = areaName->get<std::string>();
        std::string problem;
        std::optional<float> average = figure(properties, kAverageAreaKey, problem);
        std::optional<float> dwellings = figure(properties, kDwellingsKey, problem);
        if (!problem.empty()) return makeError(pointer + problem);
        // 0 m² is how Paavo reports an area with no dwellings, not a size.
        if (average && *average > 0.0f) area.averageDwellingM2 = average;
        area.dwellings = dwellings && *dwellings > 0.0f ? *dwellings : 0.0f;
        for (const PaavoArea& earlier : areas)
            if (earlier.postcode == area.postcode)
                return makeError(pointer + "/" + kPostcodeKey + ": postal code " + area.postcode + " appears twice");
        areas.push_back(std::move(area));
    }
    return areas;
}

}  // namespace oh::areas
