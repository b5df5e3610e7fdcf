// The listing card: what a branch tells a customer about the apartment —
// price, debt-free price, maintenance charge, areas, rooms, floor, year,
// energy class, features and the agent's contact — in English with the
// euro before the amount ("€379,000", "€309.60 / month", "72 m²"). The
// desktop panel, the headset panel and the agent's mirror all show it
// through drawListingCard, inside the tour panel.
//
// Not for: the listing's description or pictures, or editing anything.
#pragma once

#include <string>
#include <vector>

#include "listing/listing.h"

namespace oh::viewer {

struct ListingCardRow {
    std::string label;  // "Debt-free price"
    std::string value;  // "€396,000"
};

// The card's rows in the order shown; optional members the listing leaves
// out have no row. Features read as words ("shared-sauna": "shared sauna").
std::vector<ListingCardRow> listingCardRows(const listing::Listing& listing);

// "€379,000", "€309.60", "SEK 2,450,000": whole amounts without cents.
std::string formatMoney(double amount, const std::string& currency);

// Draws the rows as a two-column table into the current Dear ImGui window,
// the features wrapped to its width.
void drawListingCard(const listing::Listing& listing);

}  // namespace oh::viewer
