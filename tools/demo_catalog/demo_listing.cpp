// Table row + plan listing -> the catalog listing. Prices, maintenance and the
// description follow from the row; everything in the model's frame (spots,
// photos, panoramas) is the plan's, unchanged.
#include <algorithm>
#include <cmath>

#include "tools/demo_catalog/demo_listing.h"

namespace oh::democatalog {

namespace {

double roundTo(double value, double step) { return std::round(value / step) * step; }

void addFeatures(std::vector<std::string>& features, const std::vector<std::string>& more) {
    for (const std::string& feature : more)
        if (std::find(features.begin(), features.end(), feature) == features.end()) features.push_back(feature);
}

}  // namespace

double askingPrice(const areas::AreaStatistics& statistics, const CatalogRow& row, const listing::Listing& plan) {
    double eurPerM2 = statistics.price(row.postalCode, plan.rooms.count).eurPerM2;
    return roundTo(eurPerM2 * plan.area.living * row.priceFactor, 1000.0);
}

Result<listing::Listing> makeDemoListing(const listing::Listing& plan, const PlanEntry& planEntry, const CatalogRow& row,
                                         const listing::Agent& agent, const areas::AreaStatistics& statistics) {
    listing::Listing made = plan;
    made.id = row.id;
    made.address = listing::Address{row.street, row.postalCode, row.district, "Helsinki"};
    made.location = listing::Location{row.latitude, row.longitude};
    double asking = askingPrice(statistics, row, plan);
    // A share of the housing company's loan comes on top: at least 1 000 €.
    double debtFree = asking + std::max(1000.0, roundTo(asking * row.loanShare, 1000.0));
    double maintenance = roundTo(row.maintenancePerM2 * plan.area.living, 0.1);
    made.price = listing::Price{asking, debtFree, "EUR", maintenance};
    made.floor = listing::Floor{row.floor, row.floors};
    made.yearBuilt = row.yearBuilt;
    made.energyClass = row.energyClass;
    made.features.clear();
    addFeatures(made.features, planEntry.features);
    addFeatures(made.features, row.features);
    made.description["fi"] = plan.description.at("fi") + " " + row.noteFi + " Asunto on talon " +
                             std::to_string(row.floor) + ". kerroksessa; " + std::to_string(row.floors) +
                             "-kerroksinen talo on valmistunut vuonna " + std::to_string(row.yearBuilt) + ".";
    made.description["en"] = plan.description.at("en") + " " + row.noteEn + " The apartment is on floor " +
                             std::to_string(row.floor) + " of " + std::to_string(row.floors) +
                             " in a building completed in " + std::to_string(row.yearBuilt) + ".";
    made.agent = agent;
    // The reader holds the made listing to every rule of the format.
    std::string text = listing::toJson(made);
    auto checked = listing::parseListing(text, "listings.json " + row.pointer);
    if (!checked) return checked.error();
    return *checked;
}

}  // namespace oh::democatalog
