// Area statistics (areas/): figures read from the real Statistics Finland
// files in ../shared/maps/helsinki, looked up by hand in the CSV; the
// fallbacks a postal code without a figure takes; malformed files refused
// with the file, line and problem.
#include <doctest/doctest.h>

#include <string>

#include "areas/area_statistics.h"
#include "areas/price_csv.h"

using namespace oh;
using namespace oh::areas;

namespace {

const AreaStatistics& helsinki() {
    static const AreaStatistics statistics = [] {
        auto loaded = AreaStatistics::load(OH_HELSINKI_DATA_DIR);
        REQUIRE_MESSAGE(loaded.has_value(), (loaded ? "" : loaded.error().message));
        return std::move(loaded).value();
    }();
    return statistics;
}

const std::string kHeader = "postcode,area_name,year,talotyyppi_code,talotyyppi,price_eur_per_m2\r\n";
const std::string kGeojson = R"json({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"postal_code": "00100", "name": "Keskusta",
   "Average floor area per dwelling (RA)": 60.0, "Dwellings (RA)": 100.0}, "geometry": null},
  {"type": "Feature", "properties": {"postal_code": "00230", "name": "Postikeskus",
   "Average floor area per dwelling (RA)": 0.0, "Dwellings (RA)": 0.0}, "geometry": null}]})json";

std::string parseError(const std::string& csv, const std::string& geojson = kGeojson) {
    auto statistics = AreaStatistics::parse(csv, "prices.csv", geojson, "areas.geojson");
    REQUIRE_FALSE(statistics.has_value());
    return statistics.error().message;
}

}  // namespace

TEST_CASE("the latest year's price of the size class is read from the real file") {
    // Lines 8-10 of the CSV: 00100, 2025, classes 1-3.
    PriceReference studio = helsinki().price("00100", 1);
    CHECK(studio.eurPerM2 == 7355.0f);
    CHECK(studio.year == 2025);
    CHECK(studio.source == PriceSource::Area);
    CHECK(helsinki().price("00100", 2).eurPerM2 == 7254.0f);
    CHECK(helsinki().price("00100", 3).eurPerM2 == 7424.0f);
    CHECK(helsinki().price("00100", 5).eurPerM2 == 7424.0f);  // five rooms: "three rooms or more"
    // 00510 Alppila - Vallila, two rooms, 2025.
    CHECK(helsinki().price("00510", 2).eurPerM2 == 5325.0f);
}

TEST_CASE("a size class without a figure this year takes its latest earlier year") {
    // 00310 Kivihaka has studios only in 2023, two-room flats last in 2024.
    PriceReference studio = helsinki().price("00310", 1);
    CHECK(studio.eurPerM2 == 5439.0f);
    CHECK(studio.year == 2023);
    CHECK(studio.source == PriceSource::Area);
    CHECK(helsinki().price("00310", 2).eurPerM2 == 4125.0f);
    CHECK(helsinki().price("00310", 2).year == 2024);
}

TEST_CASE("a postal code without the size class falls back to its nearest other size class") {
    // 00340 Kuusisaari - Lehtisaari sold no studios: its two-room figure, 2025.
    PriceReference studio = helsinki().price("00340", 1);
    CHECK(studio.source == PriceSource::AreaOtherSize);
    CHECK(studio.eurPerM2 == 3520.0f);
    CHECK(studio.year == 2025);
    // 00590 Kruunuvuorenranta: no studios either; two rooms come before three+.
    CHECK(helsinki().price("00590", 1).eurPerM2 == 6036.0f);
    CHECK(helsinki().price("00590", 1).source == PriceSource::AreaOtherSize);
}

TEST_CASE("a postal code with no flat prices takes its neighbourhood's median, then the city's") {
    // 00660 Länsi-Pakila has terraced houses only, which no flat is compared
    // with: the median of 006x0's studios (3995, 4140, 4684, 4830, 5955).
    PriceReference pakila = helsinki().price("00660", 1);
    CHECK(pakila.source == PriceSource::Neighbourhood);
    CHECK(pakila.eurPerM2 == 4684.0f);
    // Two rooms in 006x0: six figures, the mean of the middle two (3586, 3717).
    CHECK(helsinki().price("00660", 2).eurPerM2 == doctest::Approx(3651.5f));
    // 00230, the postal centre, is in Paavo with no dwellings and no prices.
    const PostalArea* postCentre = helsinki().area("00230");
    REQUIRE(postCentre);
    CHECK_FALSE(postCentre->averageDwellingM2.has_value());
    CHECK(helsinki().price("00230", 3).source == PriceSource::Neighbourhood);
    CHECK(helsinki().price("00230", 3).eurPerM2 == 6357.0f);
    // The city: the median of the 63 postal codes with studio figures.
    CHECK(helsinki().cityPrice(1).eurPerM2 == 4830.0f);
    CHECK(helsinki().cityPrice(1).source == PriceSource::City);
    CHECK(helsinki().cityPrice(3).eurPerM2 == doctest::Approx(4236.5f));
}

TEST_CASE("an unknown postal code has no area and is compared with the city") {
    CHECK(helsinki().area("99999") == nullptr);
    CHECK(helsinki().area("0051") == nullptr);
    PriceReference reference = helsinki().price("99999", 2);
    CHECK(reference.source == PriceSource::City);
    CHECK(reference.eurPerM2 == helsinki().cityPrice(2).eurPerM2);
    CHECK(helsinki().relativePrice("99999", 2, 2.0f * reference.eurPerM2) == doctest::Approx(2.0f));
}

TEST_CASE("Paavo's names and average dwelling areas are read, and the city's weighted average") {
    const PostalArea* vallila = helsinki().area("00510");
    REQUIRE(vallila);
    CHECK(vallila->name == "Alppila - Vallila");
    REQUIRE(vallila->averageDwellingM2.has_value());
    CHECK(*vallila->averageDwellingM2 == doctest::Approx(41.7f));
    CHECK(helsinki().areas().size() == 84);  // the 84 Paavo areas; every CSV code is among them
    CHECK(helsinki().cityAverageDwellingM2() == doctest::Approx(62.71f).epsilon(0.001));
}

TEST_CASE("a listing's price per m2 is set against its area's reference") {
    CHECK(helsinki().relativePrice("00100", 1, 7355.0f * 1.2f) == doctest::Approx(1.2f));
    CHECK(helsinki().relativePrice("00340", 1, 3520.0f) == doctest::Approx(1.0f));
}

TEST_CASE("prices Statistics Finland marks as missing are skipped, quotes and a byte order mark are read") {
    std::string csv = "\xEF\xBB\xBF" + kHeader +
                      "00100,Keskusta,2024,1,yksiöt,8000.0\r\n"
                      "00100,Keskusta,2025,1,yksiöt,..\r\n"
                      "00100,\"Keskusta, Etu-Töölö\",2025,2,kaksiot,\r\n"
                      "00100,Keskusta,2025,5,rivitalot,4000.0\r\n"
                      "00100,Keskusta,2025,3,kolmiot+,7000.0\r\n"
                      "00120,Punavuori,2025,2,kaksiot,7500.0\r\n";
    auto rows = readPriceCsv(csv, "prices.csv");
    REQUIRE(rows.has_value());
    REQUIRE(rows->size() == 3);
    CHECK((*rows)[0].eurPerM2 == 8000.0f);
    CHECK((*rows)[1].sizeClass == SizeClass::ThreeOrMore);
    auto statistics = AreaStatistics::parse(csv, "prices.csv", kGeojson, "areas.geojson");
    REQUIRE(statistics.has_value());
    CHECK(statistics->price("00100", 1).year == 2024);
    // Two rooms: nothing in 00100; three+ is the nearest other class.
    CHECK(statistics->price("00100", 2).eurPerM2 == 7000.0f);
    CHECK(statistics->area("00120")->name == "Punavuori");  // in the CSV only
    CHECK(statistics->cityAverageDwellingM2() == 60.0f);
}

TEST_CASE("a malformed price file is refused naming the file, the line and the problem") {
    const std::string good = "00100,Keskusta,2025,1,yksiöt,8000.0\r\n"
                             "00100,Keskusta,2025,2,kaksiot,7000.0\r\n"
                             "00100,Keskusta,2025,3,kolmiot+,6000.0\r\n";
    CHECK(parseError(kHeader + good + "00120,Punavuori,2025,1,yksiöt,n/a\r\n") ==
          "prices.csv:5: price_eur_per_m2 'n/a' is not a number");
    CHECK(parseError(kHeader + good + "00120,Punavuori,2025,1,yksiöt,80 00\r\n") ==
          "prices.csv:5: price_eur_per_m2 '80 00' is not a number");
    CHECK(parseError(kHeader + good + "00120,Punavuori,2025,1,yksiöt,-5\r\n") ==
          "prices.csv:5: price_eur_per_m2 -5 is not a plausible €/m² (above 0, at most 1000000)");
    CHECK(parseError(kHeader + "00120,Punavuori,2025,1,8000.0\r\n" + good) ==
          "prices.csv:2: expected 6 fields as in the header, found 5");
    CHECK(parseError(kHeader + good + "0012,Punavuori,2025,1,yksiöt,8000.0\r\n") ==
          "prices.csv:5: postcode '0012' is not a five-digit postal code");
    CHECK(parseError(kHeader + good + "00120,Punavuori,20x5,1,yksiöt,8000.0\r\n") ==
          "prices.csv:5: year '20x5' is not a year");
    CHECK(parseError(kHeader + good + "00120,\"Punavuori,2025,1,yksiöt,8000.0\r\n") ==
          "prices.csv:5: a quoted field is not closed");
    CHECK(parseError(kHeader + good + "00100,Keskusta,2025,2,kaksiot,7100.0\r\n") ==
          "prices.csv:5: a second price for 00100, 2025, two rooms (the first is on line 3)");
    CHECK(parseError("postcode,area_name,year,talotyyppi_code,talotyyppi\r\n" + good) ==
          "prices.csv:1: no column 'price_eur_per_m2' in the header "
          "(postcode, area_name, year, talotyyppi_code, talotyyppi)");
    CHECK(parseError("") == "prices.csv: empty, expected a header row and prices");
    CHECK(parseError(kHeader + "00100,Keskusta,2025,1,yksiöt,8000.0\r\n") ==
          "prices.csv: no prices for flats of two rooms at all");
}

TEST_CASE("a malformed postal-area file is refused naming the file, the member and the problem") {
    const std::string csv = kHeader + "00100,Keskusta,2025,1,yksiöt,8000.0\r\n"
                                      "00100,Keskusta,2025,2,kaksiot,7000.0\r\n"
                                      "00100,Keskusta,2025,3,kolmiot+,6000.0\r\n";
    CHECK(parseError(csv, R"json({"features": [{"properties": {"postal_code": 100, "name": "X"}}]})json") ==
          "areas.geojson: /features/0/properties/postal_code: expected a five-digit postal code");
    CHECK(parseError(csv, R"json({"features": [{"properties": {"postal_code": "00100", "name": "X",
                             "Dwellings (RA)": 5}}]})json") ==
          "areas.geojson: /features/0/properties/Average floor area per dwelling (RA): missing");
    CHECK(parseError(csv, R"json({"features": [{"properties": {"postal_code": "00100", "name": "X",
                             "Average floor area per dwelling (RA)": "big", "Dwellings (RA)": 5}}]})json") ==
          "areas.geojson: /features/0/properties/Average floor area per dwelling (RA): expected a number or null");
    CHECK(parseError(csv, R"json({"type": "FeatureCollection"})json") ==
          "areas.geojson: /features: expected a GeoJSON FeatureCollection with a features array");
    CHECK(parseError(csv, "{\"features\": [").starts_with("areas.geojson: not valid JSON: "));
}

TEST_CASE("a missing statistics folder is refused naming the file") {
    auto loaded = AreaStatistics::load("/nonexistent-folder");
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error().message.find(std::string("/nonexistent-folder/") + kPricesFile) != std::string::npos);
}
