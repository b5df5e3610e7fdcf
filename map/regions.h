// Helsinki's districts (kaupunginosat) from the city's district layer
// (districts.geojson in the shared map data): their outlines, names in
// Finnish and Swedish, a point inside each for its label, and which district
// a point lies in. Postal areas and their prices are areas/'s, not this.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "map/geo_polygon.h"

namespace oh::map {

struct District {
    std::string code;    // `tunnus`, the city's district number ("22")
    std::string nameFi;  // `nimi`, shown as the city writes it in text: "Taka-Töölö"
    std::string nameSv;  // `nimi_se`: "Bortre Tölö"
    Polygon outline;     // world coordinates
    WorldRect bounds;
    LatLon label;        // the outline's visual centre: always inside it
};

class Districts {
public:
    // Reads a GeoJSON FeatureCollection of Polygon/MultiPolygon features with
    // `tunnus`, `nimi` and `nimi_se` properties. The layer's territorial sea
    // (a feature whose `tunnus` is not a number) is not a district and is left
    // out. Errors name the file and the feature.
    static Result<Districts> load(const std::filesystem::path& path);

    const std::vector<District>& all() const { return m_districts; }
    // The district containing the point, as an index into all(); none at sea
    // or outside the city.
    std::optional<size_t> districtAt(LatLon point) const;

private:
    std::vector<District> m_districts;
};

// "TAKA-TÖÖLÖ" → "Taka-Töölö": the layer's upper-case names as running text
// writes them (a capital after a space or hyphen; Finnish and Swedish letters).
std::string titleCase(const std::string& upper);

}  // namespace oh::map
