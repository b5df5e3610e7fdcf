#include "viewer/ui/listing_card.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace oh::viewer {
namespace {

// "1234567" -> "1,234,567".
std::string groupThousands(long long whole) {
    std::string digits = std::to_string(whole < 0 ? -whole : whole);
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return (whole < 0 ? "-" : "") + grouped;
}

// 72 -> "72", 75.5 -> "75.5": areas to a tenth of a square metre.
std::string formatArea(double squareMetres) {
    char text[32];
    double tenths = std::round(squareMetres * 10.0);
    if (std::fmod(tenths, 10.0) == 0.0) std::snprintf(text, sizeof text, "%.0f m\xC2\xB2", tenths / 10.0);
    else std::snprintf(text, sizeof text, "%.1f m\xC2\xB2", tenths / 10.0);
    return text;
}

// "ev-charging" -> "EV charging", "walk-in-closet" -> "walk-in closet", else the id's words.
std::string featureWords(std::string_view id) {
    if (id == "ev-charging") return "EV charging";
    if (id == "walk-in-closet") return "walk-in closet";
    std::string words(id);
    for (char& c : words)
        if (c == '-') c = ' ';
    return words;
}

std::string featureList(const std::vector<std::string>& features) {
    std::string list;
    for (const std::string& id : features) list += (list.empty() ? "" : ", ") + featureWords(id);
    if (!list.empty() && std::islower(static_cast<unsigned char>(list[0])))
        list[0] = char(std::toupper(static_cast<unsigned char>(list[0])));
    return list;
}

}  // namespace

std::string formatMoney(double amount, const std::string& currency) {
    long long cents = std::llround(amount * 100.0);
    std::string number = groupThousands(cents / 100);
    if (cents % 100 != 0) {
        char fraction[8];
        std::snprintf(fraction, sizeof fraction, ".%02lld", std::llabs(cents % 100));
        number += fraction;
    }
    return currency == "EUR" ? "\xE2\x82\xAC" + number : currency + " " + number;  // U+20AC
}

std::vector<ListingCardRow> listingCardRows(const listing::Listing& listing) {
    const listing::Price& price = listing.price;
    std::vector<ListingCardRow> rows;
    rows.push_back({"Price", formatMoney(price.asking, price.currency)});
    if (price.debtFree) rows.push_back({"Debt-free price", formatMoney(*price.debtFree, price.currency)});
    if (price.maintenancePerMonth)
        rows.push_back({"Maintenance charge", formatMoney(*price.maintenancePerMonth, price.currency) + " / month"});
    rows.push_back({"Living area", formatArea(listing.area.living)});
    if (listing.area.total) rows.push_back({"Total area", formatArea(*listing.area.total)});
    rows.push_back({"Rooms", std::to_string(listing.rooms.count) +
                                 (listing.rooms.notation ? " (" + *listing.rooms.notation + ")" : "")});
    if (listing.floor)
        rows.push_back({"Floor", std::to_string(listing.floor->number) +
                                     (listing.floor->of ? " of " + std::to_string(*listing.floor->of) : "")});
    rows.push_back({"Year built", std::to_string(listing.yearBuilt)});
    if (listing.energyClass) rows.push_back({"Energy class", *listing.energyClass});
    if (!listing.features.empty()) rows.push_back({"Features", featureList(listing.features)});
    rows.push_back({"Agent", listing.agent.name});
    if (listing.agent.phone) rows.push_back({"Phone", *listing.agent.phone});
    if (listing.agent.email) rows.push_back({"Email", *listing.agent.email});
    return rows;
}

void drawListingCard(const listing::Listing& listing) {
    std::vector<ListingCardRow> rows = listingCardRows(listing);
    // Sized from the labels now: a table measures its columns only from the frame before.
    float labelWidth = 0.0f;
    for (const ListingCardRow& row : rows) labelWidth = std::max(labelWidth, ImGui::CalcTextSize(row.label.c_str()).x);
    labelWidth += ImGui::GetFontSize();  // a letter's gap before the values
    if (!ImGui::BeginTable("listing card", 2)) return;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, labelWidth);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    for (const ListingCardRow& row : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", row.label.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", row.value.c_str());
    }
    ImGui::EndTable();
}

}  // namespace oh::viewer
