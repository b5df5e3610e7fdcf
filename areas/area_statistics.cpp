// Joins the price table and the Paavo areas into one sorted list of postal
// areas, each with its reference price per size class resolved once here
// (PriceSource gives the order), so a lookup is a binary search and a copy.
#include <algorithm>
#include <map>

#include "areas/area_statistics.h"
#include "areas/postal_areas.h"
#include "areas/price_csv.h"
#include "core/file_io.h"

namespace oh::areas {

namespace {

// Neither file is large; a bigger one is not the file we know.
constexpr uint64_t kMaxFileBytes = uint64_t(64) << 20;

// The other size classes, nearest first (PriceSource::AreaOtherSize).
constexpr SizeClass kFallbackOrder[kSizeClassCount][kSizeClassCount - 1] = {
    {SizeClass::TwoRooms, SizeClass::ThreeOrMore},
    {SizeClass::ThreeOrMore, SizeClass::Studio},
    {SizeClass::TwoRooms, SizeClass::Studio},
};

// The latest year's figure per size class of one postal code.
using LatestPrices = std::array<std::optional<PriceRow>, kSizeClassCount>;

std::optional<PriceReference> median(std::vector<PriceReference> figures, PriceSource source) {
    if (figures.empty()) return std::nullopt;
    std::sort(figures.begin(), figures.end(),
              [](const PriceReference& a, const PriceReference& b) { return a.eurPerM2 < b.eurPerM2; });
    size_t middle = figures.size() / 2;
    float value = figures.size() % 2 ? figures[middle].eurPerM2
                                     : 0.5f * (figures[middle - 1].eurPerM2 + figures[middle].eurPerM2);
    int year = 0;
    for (const PriceReference& figure : figures) year = std::max(year, figure.year);
    return PriceReference{value, year, source};
}

Result<std::string> readText(const std::filesystem::path& path) {
    auto bytes = readFile(path, kMaxFileBytes);
    if (!bytes) return bytes.error();
    return std::string(bytes->begin(), bytes->end());
}

}  // namespace

SizeClass sizeClassFor(int rooms) {
    return rooms <= 1 ? SizeClass::Studio : rooms == 2 ? SizeClass::TwoRooms : SizeClass::ThreeOrMore;
}

const char* sizeClassName(SizeClass sizeClass) {
    static const char* const kNames[] = {"studios", "two rooms", "three rooms or more"};
    return kNames[size_t(sizeClass)];
}

const char* priceSourceName(PriceSource source) {
    switch (source) {
        case PriceSource::Area: return "area";
        case PriceSource::AreaOtherSize: return "area, other size";
        case PriceSource::Neighbourhood: return "neighbourhood median";
        case PriceSource::City: return "city median";
    }
    return "?";
}

Result<AreaStatistics> AreaStatistics::load(const std::filesystem::path& folder) {
    auto prices = readText(folder / kPricesFile);
    if (!prices) return prices.error();
    auto postalAreas = readText(folder / kPostalAreasFile);
    if (!postalAreas) return postalAreas.error();
    return parse(*prices, displayPath(folder / kPricesFile), *postalAreas, displayPath(folder / kPostalAreasFile));
}

Result<AreaStatistics> AreaStatistics::parse(std::string_view pricesCsv, std::string_view pricesName,
                                             std::string_view postalAreasJson, std::string_view postalAreasName) {
    auto rows = readPriceCsv(pricesCsv, pricesName);
    if (!rows) return rows.error();
    auto paavo = readPostalAreas(postalAreasJson, postalAreasName);
    if (!paavo) return paavo.error();

    // Every postal code either file knows, with the latest figure per size class.
    std::map<std::string, PostalArea> byCode;
    std::map<std::string, LatestPrices> latest;
    for (const PaavoArea& area : *paavo)
        byCode[area.postcode] = PostalArea{area.postcode, area.name, area.averageDwellingM2, {}};
    for (const PriceRow& row : *rows) {
        PostalArea& area = byCode[row.postcode];
        area.postcode = row.postcode;
        if (area.name.empty()) area.name = row.areaName;
        std::optional<PriceRow>& slot = latest[row.postcode][size_t(row.sizeClass)];
        if (!slot || slot->year < row.year) slot = row;
    }

    AreaStatistics statistics;
    // The medians the fallbacks end in, from Area figures only.
    std::map<std::string, std::array<std::vector<PriceReference>, kSizeClassCount>> neighbourhoods;
    std::array<std::vector<PriceReference>, kSizeClassCount> city;
    for (const auto& [code, prices] : latest)
        for (size_t k = 0; k < kSizeClassCount; ++k)
            if (prices[k]) {
                PriceReference figure{prices[k]->eurPerM2, prices[k]->year, PriceSource::Area};
                neighbourhoods[code.substr(0, 3)][k].push_back(figure);
                city[k].push_back(figure);
            }
    for (size_t k = 0; k < kSizeClassCount; ++k) {
        std::optional<PriceReference> median = areas::median(city[k], PriceSource::City);
        if (!median)
            return makeError(std::string(pricesName) + ": no prices for flats of " + sizeClassName(SizeClass(k)) +
                             " at all");
        statistics.m_city[k] = *median;
    }

    for (auto& [code, area] : byCode) {
        const LatestPrices& own = latest[code];
        for (size_t k = 0; k < kSizeClassCount; ++k) {
            std::optional<PriceReference> chosen;
            if (own[k]) chosen = PriceReference{own[k]->eurPerM2, own[k]->year, PriceSource::Area};
            for (SizeClass other : kFallbackOrder[k])
                if (!chosen && own[size_t(other)])
                    chosen = PriceReference{own[size_t(other)]->eurPerM2, own[size_t(other)]->year,
                                            PriceSource::AreaOtherSize};
            if (!chosen) chosen = median(neighbourhoods[code.substr(0, 3)][k], PriceSource::Neighbourhood);
            area.prices[k] = chosen ? *chosen : statistics.m_city[k];
        }
        statistics.m_areas.push_back(std::move(area));  // std::map: already sorted by postcode
    }

    double weightedArea = 0.0, dwellings = 0.0;
    for (const PaavoArea& area : *paavo)
        if (area.averageDwellingM2 && area.dwellings > 0.0f) {
            weightedArea += double(*area.averageDwellingM2) * area.dwellings;
            dwellings += area.dwellings;
        }
    if (dwellings <= 0.0)
        return makeError(std::string(postalAreasName) + ": no area has both an average dwelling floor area and dwellings");
    statistics.m_cityAverageDwellingM2 = float(weightedArea / dwellings);
    return statistics;
}

const PostalArea* AreaStatistics::area(std::string_view postcode) const {
    auto it = std::lower_bound(m_areas.begin(), m_areas.end(), postcode,
                               [](const PostalArea& area, std::string_view code) { return area.postcode < code; });
    return it != m_areas.end() && it->postcode == postcode ? &*it : nullptr;
}

PriceReference AreaStatistics::price(std::string_view postcode, int rooms) const {
    const PostalArea* found = area(postcode);
    return found ? found->prices[size_t(sizeClassFor(rooms))] : cityPrice(rooms);
}

float AreaStatistics::relativePrice(std::string_view postcode, int rooms, float pricePerM2) const {
    return pricePerM2 / price(postcode, rooms).eurPerM2;
}

}  // namespace oh::areas
