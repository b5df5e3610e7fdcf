// The demo catalog's fixed table (tools/demo_catalog/listings.json): real
// Helsinki addresses, the generated plan each listing uses, its building and
// what makes its price. Only the reading; demo_listing.h makes listings of it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "listing/listing.h"

namespace oh::democatalog {

// A generated apartment plan, rendered into build/scenes/FOLDER/ as a
// complete listing folder (scenes/demo_listing.cmake).
struct PlanEntry {
    std::string folder;                 // "demo-studio"
    std::vector<std::string> features;  // what the flat itself has: "sauna", "bathtub"
};

struct CatalogRow {
    std::string id;          // the listing's id and folder name
    std::string street;      // "Porthaninkatu 5 B 21"
    std::string postalCode;  // "00530"
    std::string district;    // "Kallio"
    double latitude = 0.0, longitude = 0.0;  // WGS84
    std::string plan;        // a key of CatalogTable::plans
    int floor = 0, floors = 0, yearBuilt = 0;
    double priceFactor = 1.0;       // against the area's reference: condition, view
    double loanShare = 0.0;         // the housing company's loan, as a share of the asking price
    double maintenancePerM2 = 0.0;  // € per m² and month
    std::string energyClass;        // "E2018"
    std::vector<std::string> features;  // the building's: "lift", "shared-sauna"
    std::string noteFi, noteEn;     // one sentence about the place
    size_t agent = 0;               // index into CatalogTable::agents
    std::string pointer;            // "/listings/3", for messages
};

struct CatalogTable {
    std::map<std::string, PlanEntry> plans;  // by plan type: "studio", "family"
    std::vector<listing::Agent> agents;
    std::vector<CatalogRow> listings;
};

// Reads the table; every row's plan and agent must exist. Errors name the
// file and the JSON pointer: "listings.json: /listings/3/floor: expected an integer".
Result<CatalogTable> readCatalogTable(const std::filesystem::path& path);

}  // namespace oh::democatalog
