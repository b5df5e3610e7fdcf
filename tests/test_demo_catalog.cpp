// The demo catalog the build makes (build/demo-catalog/, scenes/demo_catalog.cmake):
// what the branch table will show a customer. Every bundle opens trusting the
// demo key alone; the listings spread over Helsinki's districts and the four
// plans, each panorama with a hotspot on to the next; each price is the area's Statistics Finland €/m² times the living
// area, give or take 15 %; each location lies inside its postal code's
// polygon in the shared Paavo map.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "areas/area_statistics.h"
#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "bundle/signing.h"

namespace fs = std::filesystem;
using namespace oh;

namespace {

const fs::path kCatalog = fs::path(OH_BINARY_DIR) / "demo-catalog";

struct CatalogListing {
    fs::path bundle;
    listing::Listing listing;
    std::vector<bundle::PanoramaEntry> panoramas;  // as packed, with their hotspots
};

// Every bundle of the catalog, opened trusting the demo key only.
const std::vector<CatalogListing>& catalog() {
    static const std::vector<CatalogListing> listings = [] {
        auto key = bundle::readPublicKey(kCatalog / "demo-key.pub");
        REQUIRE_MESSAGE(key.has_value(), (key ? "" : key.error().message));
        std::vector<CatalogListing> out;
        for (const fs::directory_entry& entry : fs::directory_iterator(kCatalog)) {
            if (entry.path().extension() != ".tour") continue;
            auto reader = bundle::BundleReader::open(entry.path(), {{*key}});
            REQUIRE_MESSAGE(reader.has_value(), (reader ? "" : reader.error().message));
            auto manifest = bundle::decodeManifest(*reader);
            REQUIRE_MESSAGE(manifest.has_value(), (manifest ? "" : manifest.error().message));
            REQUIRE(manifest->listing.has_value());
            out.push_back({entry.path(), *manifest->listing, manifest->panoramas});
        }
        return out;
    }();
    return listings;
}

using Ring = std::vector<std::pair<double, double>>;  // longitude, latitude

// Even-odd rule: a ray to the east crosses the ring's edges an odd number of
// times from inside.
bool insideRing(const Ring& ring, double longitude, double latitude) {
    bool inside = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        auto [x1, y1] = ring[i];
        auto [x2, y2] = ring[j];
        if ((y1 > latitude) != (y2 > latitude) && longitude < (x2 - x1) * (latitude - y1) / (y2 - y1) + x1)
            inside = !inside;
    }
    return inside;
}

// The postal code whose polygon (outer ring, less its holes) holds the point.
std::string postcodeAt(const nlohmann::json& areas, double latitude, double longitude) {
    for (const nlohmann::json& feature : areas["features"]) {
        const nlohmann::json& geometry = feature["geometry"];
        std::vector<nlohmann::json> polygons;
        if (geometry["type"] == "Polygon") polygons.push_back(geometry["coordinates"]);
        else
            for (const nlohmann::json& polygon : geometry["coordinates"]) polygons.push_back(polygon);
        for (const nlohmann::json& polygon : polygons) {
            bool inside = false;
            for (size_t ring = 0; ring < polygon.size(); ++ring) {
                bool inRing = insideRing(polygon[ring].get<Ring>(), longitude, latitude);
                inside = ring == 0 ? inRing : inside && !inRing;
            }
            if (inside) return feature["properties"]["postal_code"].get<std::string>();
        }
    }
    return "none";
}

}  // namespace

TEST_CASE("the demo catalog has at least 12 bundles, each signed by the demo key") {
    CHECK(catalog().size() >= 12);
    std::set<std::string> ids;
    for (const CatalogListing& entry : catalog()) ids.insert(entry.listing.id);
    CHECK(ids.size() == catalog().size());
}

TEST_CASE("a demo bundle is refused when another key is trusted instead of the demo key") {
    REQUIRE_FALSE(catalog().empty());
    bundle::KeyPair stranger = bundle::generateKeyPair();
    auto reader = bundle::BundleReader::open(catalog().front().bundle, {{stranger.publicKey}});
    REQUIRE_FALSE(reader.has_value());
    CHECK(reader.error().exitCode == kExitUntrusted);
}

TEST_CASE("the demo listings use the four plans and spread over at least eight districts") {
    std::map<std::string, int> byPlan;  // the plan's model, listings using it
    std::set<std::string> districts, postcodes;
    std::set<int> roomCounts;
    for (const CatalogListing& entry : catalog()) {
        REQUIRE(entry.listing.model.has_value());
        ++byPlan[*entry.listing.model];
        REQUIRE(entry.listing.address.district.has_value());
        districts.insert(*entry.listing.address.district);
        postcodes.insert(entry.listing.address.postalCode);
        roomCounts.insert(entry.listing.rooms.count);
        CHECK(entry.listing.photos.size() >= 4);
        CHECK(entry.listing.panoramas.size() >= 2);
    }
    CHECK(byPlan.size() >= 4);
    for (const auto& [model, count] : byPlan) CHECK_MESSAGE(count >= 2, model);
    CHECK(roomCounts == std::set<int>{1, 2, 3, 4});
    CHECK(districts.size() >= 8);
    CHECK(postcodes.size() >= 8);
}

TEST_CASE("every panorama of a demo listing leads on to another, so a visitor can walk the tour") {
    for (const CatalogListing& entry : catalog()) {
        CAPTURE(entry.listing.id);
        for (size_t i = 0; i < entry.panoramas.size(); ++i) {
            CAPTURE(entry.listing.panoramas[i].name);
            CHECK_FALSE(entry.panoramas[i].place.links.empty());
        }
    }
}

TEST_CASE("each demo price is the area's price per m2 times the living area, within 15 %") {
    auto statistics = areas::AreaStatistics::load(OH_HELSINKI_DATA_DIR);
    REQUIRE_MESSAGE(statistics.has_value(), (statistics ? "" : statistics.error().message));
    for (const CatalogListing& entry : catalog()) {
        const listing::Listing& l = entry.listing;
        CAPTURE(l.id);
        REQUIRE(statistics->area(l.address.postalCode) != nullptr);
        double reference = statistics->price(l.address.postalCode, l.rooms.count).eurPerM2 * l.area.living;
        CHECK(l.price.asking >= 0.85 * reference);
        CHECK(l.price.asking <= 1.15 * reference);
        CHECK(std::fmod(l.price.asking, 1000.0) == 0.0);
        REQUIRE(l.price.debtFree.has_value());
        CHECK(*l.price.debtFree > l.price.asking);
        CHECK(l.price.currency == "EUR");
    }
}

TEST_CASE("each demo listing lies inside its postal code's area, and the family plans have a sauna") {
    std::ifstream file(fs::path(OH_HELSINKI_DATA_DIR) / areas::kPostalAreasFile);
    REQUIRE(file);
    nlohmann::json postalAreas = nlohmann::json::parse(file);
    for (const CatalogListing& entry : catalog()) {
        const listing::Listing& l = entry.listing;
        CAPTURE(l.id);
        CHECK(postcodeAt(postalAreas, l.location.latitude, l.location.longitude) == l.address.postalCode);
        bool sauna = std::find(l.features.begin(), l.features.end(), "sauna") != l.features.end();
        CHECK(sauna == (l.rooms.count >= 4));
    }
}
