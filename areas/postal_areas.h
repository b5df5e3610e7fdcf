// The Paavo postal-area file (areas::kPostalAreasFile, GeoJSON) read for its
// properties only: postal code, name, average dwelling floor area and the
// number of dwellings. The polygons are skipped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace oh::areas {

struct PaavoArea {
    std::string postcode;
    std::string name;
    std::optional<float> averageDwellingM2;  // absent when Paavo gives none (null or 0: no dwellings)
    float dwellings = 0.0f;
};

// Errors name `displayName`, the JSON pointer and the problem:
// "postal-areas.geojson: /features/3/properties/postal_code: expected a five-digit postal code".
Result<std::vector<PaavoArea>> readPostalAreas(std::string_view text, std::string_view displayName);

// True for five ASCII digits: the Finnish postal code both files use.
bool isPostcode(std::string_view text);

}  // namespace oh::areas
