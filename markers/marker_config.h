// markers.json: which fiducial stands for which search criterion, and how
// turning it changes the value (docs/markers.md). Read and checked whole;
// nothing of nlohmann::json leaks out of this header.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace oh::markers {

enum class Criterion {
    MaxPrice,          // asking price at most, €
    MinPrice,          // asking price at least, €
    MaxDebtFreePrice,  // debt-free price at most, €
    MinRooms,
    MinLivingArea,     // m²
    MinFloor,
    MinYearBuilt,
    District,          // one of `values`, turned to choose
    Feature,           // `values[0]` required while the marker lies on the table
    Location,          // within a radius (m) of where the marker stands on the map
};

// The name markers.json uses ("maxPrice").
std::string_view criterionName(Criterion criterion);

// A dial (every criterion but District and Feature): the value starts at
// `start`, a full turn clockwise adds `perTurn`, it moves in `step`s and
// stays within [min, max]. For District, a full turn moves `perTurn` places
// along `values`, round and round, from index `start`.
struct MarkerSpec {
    int32_t fiducial = 0;
    Criterion criterion = Criterion::MaxPrice;
    double min = 0.0;
    double max = 0.0;
    double step = 1.0;
    double perTurn = 1.0;
    double start = 0.0;               // District: the index of the starting value
    std::vector<std::string> values;  // District: the choices; Feature: the one feature
    std::string label;                // Feature: what the ring says ("Sauna"); else empty
};

struct MarkerConfig {
    std::vector<MarkerSpec> markers;
    const MarkerSpec* find(int32_t fiducial) const;
};

// Every problem is found; the error names the file, the first problem's JSON
// pointer and what is wrong with it, and how many more there are.
Result<MarkerConfig> parseMarkerConfig(std::string_view text, const std::string& fileName);
Result<MarkerConfig> loadMarkerConfig(const std::filesystem::path& path);

}  // namespace oh::markers
