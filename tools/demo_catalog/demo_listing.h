// One demo catalog listing: the plan's rendered listing (its model, photos,
// panoramas, spots, rooms and area) with a table row's address, place,
// building, agent and a price from the area's statistics.
#pragma once

#include "areas/area_statistics.h"
#include "core/result.h"
#include "listing/listing.h"
#include "tools/demo_catalog/catalog_table.h"

namespace oh::democatalog {

// The asking price: the area's €/m² for the plan's rooms (areas::AreaStatistics::price,
// with its fallbacks) × the living area × the row's priceFactor, rounded to 1 000 €.
double askingPrice(const areas::AreaStatistics& statistics, const CatalogRow& row, const listing::Listing& plan);

// The listing, checked by the listing format's own reader, so a typo in the
// table (a feature name, an energy class) is refused with its rule:
// "listings.json /listings/3: /energyClass: ...".
Result<listing::Listing> makeDemoListing(const listing::Listing& plan, const PlanEntry& planEntry, const CatalogRow& row,
                                         const listing::Agent& agent, const areas::AreaStatistics& statistics);

}  // namespace oh::democatalog
