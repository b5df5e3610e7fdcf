// Tests for viewer/ui/listing_card.cpp's text: the demo listing's card as a
// customer reads it, money and areas formatted one way throughout, and rows
// only for what the listing gives. (Its drawing: test_world_panel.cpp.)
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "listing/listing.h"
#include "viewer/ui/listing_card.h"

namespace oh::test {
namespace {

const std::string kDemoListing = std::string(OH_TESTS_DIR) + "/../scenes/demo-listing/listing.json";

std::vector<std::string> lines(const std::vector<viewer::ListingCardRow>& rows) {
    std::vector<std::string> result;
    for (const auto& row : rows) result.push_back(row.label + ": " + row.value);
    return result;
}

}  // namespace

TEST_CASE("the demo listing's card reads as the branch would tell a customer") {
    auto listing = listing::loadListing(kDemoListing);
    REQUIRE(listing.has_value());
    CHECK(lines(viewer::listingCardRows(*listing)) ==
          std::vector<std::string>{
              "Price: \xE2\x82\xAC" "379,000",
              "Debt-free price: \xE2\x82\xAC" "396,000",
              "Maintenance charge: \xE2\x82\xAC" "309.60 / month",
              "Living area: 72 m\xC2\xB2",
              "Rooms: 2 (2h+k+kh)",
              "Floor: 4 of 6",
              "Year built: 1954",
              "Energy class: E2018",
              "Features: Lift, shared sauna, bathtub, dishwasher, cellar storage, district heating",
              "Agent: Aino Virtanen",
              "Phone: +358 40 555 0123",
              "Email: aino.virtanen@example.com",
          });
}

TEST_CASE("amounts are grouped by thousands, with cents only when there are any, the euro before them") {
    CHECK(viewer::formatMoney(379000.0, "EUR") == "\xE2\x82\xAC" "379,000");
    CHECK(viewer::formatMoney(1250000.0, "EUR") == "\xE2\x82\xAC" "1,250,000");
    CHECK(viewer::formatMoney(309.6, "EUR") == "\xE2\x82\xAC" "309.60");
    CHECK(viewer::formatMoney(999.999, "EUR") == "\xE2\x82\xAC" "1,000");
    CHECK(viewer::formatMoney(0.0, "EUR") == "\xE2\x82\xAC" "0");
    CHECK(viewer::formatMoney(2450000.0, "SEK") == "SEK 2,450,000");
}

TEST_CASE("a listing without the optional members has no rows for them, and features read as words") {
    listing::Listing minimal;
    minimal.price.asking = 150000.0;
    minimal.price.currency = "EUR";
    minimal.area.living = 31.5;
    minimal.area.total = 40.0;
    minimal.rooms.count = 1;
    minimal.yearBuilt = 2021;
    minimal.features = {"ev-charging", "walk-in-closet", "glazed-balcony"};
    minimal.agent.name = "Mikko Nieminen";
    minimal.agent.email = "mikko@example.com";
    CHECK(lines(viewer::listingCardRows(minimal)) ==
          std::vector<std::string>{
              "Price: \xE2\x82\xAC" "150,000",
              "Living area: 31.5 m\xC2\xB2",
              "Total area: 40 m\xC2\xB2",
              "Rooms: 1",
              "Year built: 2021",
              "Features: EV charging, walk-in closet, glazed balcony",
              "Agent: Mikko Nieminen",
              "Email: mikko@example.com",
          });
}

}  // namespace oh::test
