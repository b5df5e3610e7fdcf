// Statistics Finland figures per Helsinki postal code, for setting a listing's
// price against its area: the €/m² of old flats sold (by size class, latest
// year with data) and the Paavo average dwelling floor area. Read from the
// shared open data (../shared/maps/helsinki, SOURCES.md there). No UI, no GPU;
// the map's polygons are not read here (the table draws them itself).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace oh::areas {

// The files load() reads from its folder.
inline constexpr const char* kPricesFile = "prices-eur-m2-by-postcode-2023-2025.csv";
inline constexpr const char* kPostalAreasFile = "postal-areas-2023.geojson";

// Statistics Finland's size classes for flats (table 13mu): studios, two
// rooms, three rooms or more. A listing's rooms count picks one.
enum class SizeClass : uint8_t { Studio, TwoRooms, ThreeOrMore };
inline constexpr size_t kSizeClassCount = 3;
SizeClass sizeClassFor(int rooms);  // 1 or fewer: Studio, 2: TwoRooms, more: ThreeOrMore
const char* sizeClassName(SizeClass sizeClass);  // "studios", "two rooms", "three rooms or more"

// Where a reference price came from, best first. price() tries them in this
// order and takes the first with data:
//   Area           this postal code, this size class, its latest year with a figure;
//   AreaOtherSize  this postal code, the nearest other size class with a figure
//                  (studio: two rooms, then three+; two rooms: three+, then studio;
//                  three+: two rooms, then studio);
//   Neighbourhood  the median of the Area figures of this size class over the postal
//                  codes that share this one's first three digits (Posti numbers
//                  neighbouring areas together: 005x0 is Kallio, Vallila, Pasila and
//                  Kalasatama), when at least one of them has one;
//   City           the median of the Area figures of this size class over the city.
// Medians are of postal codes, unweighted: the file has no sales counts.
enum class PriceSource : uint8_t { Area, AreaOtherSize, Neighbourhood, City };
const char* priceSourceName(PriceSource source);  // "area", "area, other size", ...

struct PriceReference {
    float eurPerM2 = 0.0f;
    int year = 0;  // of the figure; for a median, the latest year among its figures
    PriceSource source = PriceSource::City;
};

struct PostalArea {
    std::string postcode;  // five digits, "00510"
    std::string name;      // Finnish, as Statistics Finland names it: "Alppila - Vallila"
    // Paavo's average floor area per dwelling; absent where the area has no
    // dwellings (00230, the postal centre, reports 0).
    std::optional<float> averageDwellingM2;
    std::array<PriceReference, kSizeClassCount> prices;  // by SizeClass, fallbacks resolved at load
};

class AreaStatistics {
public:
    // Reads kPricesFile and kPostalAreasFile from `folder`. Errors (kExitBadInput)
    // name the file and the problem, and for the CSV the line:
    // "prices.csv:14: price_eur_per_m2 'n/a' is not a number".
    static Result<AreaStatistics> load(const std::filesystem::path& folder);
    // The same from the files' text; the names are used in messages only.
    static Result<AreaStatistics> parse(std::string_view pricesCsv, std::string_view pricesName,
                                        std::string_view postalAreasJson, std::string_view postalAreasName);

    // The postal area, or nullptr when neither file knows the code.
    const PostalArea* area(std::string_view postcode) const;
    // The reference €/m² for a flat of `rooms` rooms in `postcode`, in the
    // order PriceSource gives. An unknown postal code gets the city's figure.
    // A lookup by binary search over ~90 areas: cheap enough per pin per frame.
    PriceReference price(std::string_view postcode, int rooms) const;
    // pricePerM2 over price(postcode, rooms): 1 is the area's level, 1.2 is
    // 20 % above it. What the table colours a listing's pin by.
    float relativePrice(std::string_view postcode, int rooms, float pricePerM2) const;

    // The city-wide reference: the median €/m² of the size class over all postal codes.
    const PriceReference& cityPrice(int rooms) const { return m_city[size_t(sizeClassFor(rooms))]; }
    // The city's average dwelling floor area: Paavo's area averages weighted
    // by their dwellings.
    float cityAverageDwellingM2() const { return m_cityAverageDwellingM2; }

    std::span<const PostalArea> areas() const { return m_areas; }  // by postal code

private:
    std::vector<PostalArea> m_areas;  // sorted by postcode
    std::array<PriceReference, kSizeClassCount> m_city{};
    float m_cityAverageDwellingM2 = 0.0f;
};

}  // namespace oh::areas
