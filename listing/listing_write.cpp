// Listing -> canonical listing.json text (the bundle's manifest embeds it, so
// the same listing must always give the same bytes). Members in the order of
// docs/listing-format.md, no whitespace, absent optionals left out.
#include <cmath>

#include <nlohmann/json.hpp>

#include "listing/listing.h"

namespace oh::listing {

namespace {

using OrderedJson = nlohmann::ordered_json;

// Integral values as integers ("289000", not "289000.0"), so a round trip
// through parseListing (which reads both as the same double) is byte-stable.
// Other doubles print in nlohmann's shortest form that reads back exactly.
OrderedJson number(double value) {
    constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < kExactIntegers)
        return OrderedJson(static_cast<int64_t>(value));
    return OrderedJson(value);
}

OrderedJson position(const Position& p) { return OrderedJson::array({number(p[0]), number(p[1]), number(p[2])}); }

template <typename T>
void putOptional(OrderedJson& object, const char* key, const std::optional<T>& value) {
    if (!value) return;
    if constexpr (std::is_same_v<T, double>) object[key] = number(*value);
    else object[key] = *value;
}

template <typename T, typename Write>
OrderedJson list(const std::vector<T>& items, Write write) {
    OrderedJson out = OrderedJson::array();
    for (const T& item : items) out.push_back(write(item));
    return out;
}

OrderedJson address(const Address& a) {
    OrderedJson out{{"street", a.street}, {"postalCode", a.postalCode}};
    putOptional(out, "district", a.district);
    out["city"] = a.city;
    return out;
}

OrderedJson price(const Price& p) {
    OrderedJson out{{"asking", number(p.asking)}};
    putOptional(out, "debtFree", p.debtFree);
    out["currency"] = p.currency;
    putOptional(out, "maintenancePerMonth", p.maintenancePerMonth);
    return out;
}

OrderedJson spot(const Spot& s) {
    OrderedJson out{{"name", s.name}, {"position", position(s.position)}};
    putOptional(out, "heading", s.heading);
    putOptional(out, "area", s.area);
    putOptional(out, "dwell", s.dwell);
    return out;
}

OrderedJson photo(const Photo& p) {
    OrderedJson out{{"file", p.file}};
    putOptional(out, "caption", p.caption);
    putOptional(out, "room", p.room);
    if (p.camera) {
        OrderedJson camera{{"position", position(p.camera->position)}, {"heading", number(p.camera->heading)}};
        putOptional(camera, "pitch", p.camera->pitch);
        putOptional(camera, "fov", p.camera->fov);
        out["camera"] = std::move(camera);
    }
    return out;
}

OrderedJson panoramaLink(const PanoramaLink& l) {
    OrderedJson out{{"to", l.to}, {"heading", number(l.heading)}};
    putOptional(out, "pitch", l.pitch);
    return out;
}

OrderedJson panorama(const Panorama& p) {
    OrderedJson out{{"file", p.file}, {"name", p.name}};
    if (p.position) out["position"] = position(*p.position);
    putOptional(out, "heading", p.heading);
    // Written even when empty: no links ("links": []) differs from links left to the packer (absent).
    if (p.links) out["links"] = list(*p.links, panoramaLink);
    return out;
}

// formatVersion .. features: what and where the apartment is.
void putFacts(OrderedJson& out, const Listing& l) {
    out["formatVersion"] = l.formatVersion;
    out["id"] = l.id;
    out["address"] = address(l.address);
    out["location"] = {{"latitude", number(l.location.latitude)}, {"longitude", number(l.location.longitude)}};
    out["price"] = price(l.price);
    out["area"] = {{"living", number(l.area.living)}};
    putOptional(out["area"], "total", l.area.total);
    out["rooms"] = {{"count", l.rooms.count}};
    putOptional(out["rooms"], "notation", l.rooms.notation);
    if (l.floor) {
        out["floor"] = {{"number", l.floor->number}};
        putOptional(out["floor"], "of", l.floor->of);
    }
    out["yearBuilt"] = l.yearBuilt;
    putOptional(out, "energyClass", l.energyClass);
    if (!l.features.empty()) out["features"] = l.features;
}

// description .. panoramas: how the apartment is presented.
void putPresentation(OrderedJson& out, const Listing& l) {
    out["description"] = OrderedJson::object();
    for (const auto& [language, text] : l.description) out["description"][language] = text;
    out["agent"] = {{"name", l.agent.name}};
    putOptional(out["agent"], "phone", l.agent.phone);
    putOptional(out["agent"], "email", l.agent.email);
    putOptional(out, "model", l.model);
    putOptional(out, "floorPlan", l.floorPlan);
    putOptional(out, "north", l.north);
    if (!l.spots.empty()) out["spots"] = list(l.spots, spot);
    if (!l.photos.empty()) out["photos"] = list(l.photos, photo);
    if (!l.panoramas.empty()) out["panoramas"] = list(l.panoramas, panorama);
}

}  // namespace

std::string toJson(const Listing& listing) {
    OrderedJson out = OrderedJson::object();
    putFacts(out, listing);
    putPresentation(out, listing);
    // Invalid UTF-8 can only come from a Listing built in code; replace it
    // rather than throw.
    return out.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace oh::listing
