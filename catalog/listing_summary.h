// One listing as the branch table shows and filters it: the facts of its
// bundle's manifest flattened into one row, and where the row came from.
// Not for: reading bundles (bundle/), storing rows (catalog_store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bundle/manifest.h"
#include "core/result.h"

namespace oh::catalog {

struct ListingSummary {
    std::string id;
    std::string file;  // the bundle's file name inside the catalog folder
    std::string title;
    std::string street;
    std::string postalCode;
    std::optional<std::string> district;
    double latitude = 0.0;
    double longitude = 0.0;
    double askingPrice = 0.0;
    std::optional<double> debtFreePrice;
    std::optional<double> maintenancePerMonth;
    double livingArea = 0.0;
    int rooms = 0;
    std::optional<int> floor;
    int yearBuilt = 0;
    std::optional<std::string> energyClass;
    std::vector<std::string> features;  // sorted
    uint32_t photoCount = 0;
    uint32_t panoramaCount = 0;
    bool hasModel = false;
    std::string thumbnailPart;  // the first photo's thumbnail part; empty without photos
    bool operator==(const ListingSummary&) const = default;
};

// Which bundle file a row was made from, so refresh() opens only what changed.
struct FileStamp {
    uint64_t size = 0;
    int64_t mtimeNs = 0;
    bundle::ContentHash manifestHash{};  // tells a rewritten bundle with the same listing from a new one
    bool operator==(const FileStamp&) const = default;
};

struct CatalogEntry {
    ListingSummary summary;
    FileStamp stamp;
};

// The row of a decoded manifest. A bundle without a listing (a bare model)
// is not a listing for sale: an error naming `file`.
Result<ListingSummary> summarize(const bundle::Manifest& manifest, const std::string& file);

}  // namespace oh::catalog
