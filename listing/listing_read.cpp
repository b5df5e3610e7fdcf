// listing.json text -> Listing, applying the rules of
// listing/listing.schema.json member by member (keep the two in step: the
// corpus in tests/listing_corpus/ is run through both). Every problem is
// collected; the Listing is returned only when there is none. nlohmann::json
// throws on malformed text; nothing thrown leaves this file.
#include <algorithm>
#include <cstdint>

#include "core/file_io.h"
#include "listing/field_reader.h"
#include "listing/listing.h"

namespace oh::listing {

namespace {

constexpr TextRule kText100{1, 100, nullptr};
constexpr TextRule kText200{1, 200, nullptr};
constexpr TextRule kText500{1, 500, nullptr};
constexpr TextRule kDescriptionText{1, 20000, nullptr};
constexpr TextRule kNotation{1, 40, nullptr};
constexpr TextRule kId{3, 64, checkListingId};
// Where the schema has only a pattern, the pattern's message says it all.
constexpr size_t kAnyLength = SIZE_MAX;
constexpr TextRule kPostalCode{0, kAnyLength, checkPostalCode};
constexpr TextRule kCurrency{0, kAnyLength, checkCurrency};
constexpr TextRule kEnergyClass{0, kAnyLength, checkEnergyClass};
constexpr TextRule kPhone{0, kAnyLength, checkPhone};
constexpr TextRule kEmail{1, 254, checkEmail};
constexpr TextRule kFeature{0, kAnyLength, checkFeature};
constexpr TextRule kModelPath{1, 255, checkModelPath};
constexpr TextRule kImagePath{1, 255, checkImagePath};

constexpr NumberRange kLatitude{-90, 90};
constexpr NumberRange kLongitude{-180, 180};
constexpr NumberRange kMoney{0, 1e9};
constexpr NumberRange kSquareMetres{0, 10000, true, true};
constexpr NumberRange kCoordinate{-kMaxCoordinate, kMaxCoordinate};
constexpr NumberRange kHeading{0, 360, false, true};
constexpr NumberRange kPitch{-90, 90};
constexpr NumberRange kFov{10, 170};
constexpr NumberRange kDwell{3, 600};  // seconds: a glance to a long look

constexpr size_t kMaxSpots = 200;
constexpr size_t kMaxPhotos = 500;
constexpr size_t kMaxPanoramas = 200;

// The member read by `read` (which takes the member's Node), or nothing when
// it is absent; a missing required member is reported.
template <typename Read>
auto subObject(FieldReader& r, const Node& object, std::string_view key, Need need, Read read)
    -> std::optional<decltype(read(object))> {
    std::optional<Node> node = r.member(object, key, need);
    if (!node) return std::nullopt;
    return read(*node);
}

std::optional<Position> readPosition(FieldReader& r, const Node& node) {
    if (!node.value.is_array() || node.value.size() != 3) {
        std::string got = node.value.is_array() ? "an array of " + std::to_string(node.value.size())
                                                : describe(node.value);
        r.problem(node, "expected [x, y, z], an array of 3 numbers, got " + got);
        return std::nullopt;
    }
    Position position{};
    bool ok = true;
    for (size_t i = 0; i < 3; ++i) {
        Node coordinate{node.value[i], node.pointer + "/" + std::to_string(i)};
        std::optional<double> value = r.number(coordinate, kCoordinate);
        ok = ok && value.has_value();
        position[i] = value.value_or(0.0);
    }
    return ok ? std::optional<Position>(position) : std::nullopt;
}

std::optional<Position> readPosition(FieldReader& r, const Node& object, Need need) {
    std::optional<Node> node = r.member(object, "position", need);
    return node ? readPosition(r, *node) : std::nullopt;
}

int readFormatVersion(FieldReader& r, const Node& root) {
    std::optional<Node> node = r.member(root, "formatVersion", Need::Required);
    if (node && !(node->value.is_number() && node->value.get<double>() == kFormatVersion))
        r.problem(*node, "expected " + std::to_string(kFormatVersion) +
                             " (the format version this program reads), got " + describe(node->value));
    return kFormatVersion;
}

Address readAddress(FieldReader& r, const Node& node) {
    Address address;
    if (!r.object(node, {"street", "postalCode", "district", "city"})) return address;
    address.street = r.text(node, "street", Need::Required, kText200).value_or("");
    address.postalCode = r.text(node, "postalCode", Need::Required, kPostalCode).value_or("");
    address.district = r.text(node, "district", Need::Optional, kText100);
    address.city = r.text(node, "city", Need::Required, kText100).value_or("");
    return address;
}

Location readLocation(FieldReader& r, const Node& node) {
    Location location;
    if (!r.object(node, {"latitude", "longitude"})) return location;
    location.latitude = r.number(node, "latitude", Need::Required, kLatitude).value_or(0.0);
    location.longitude = r.number(node, "longitude", Need::Required, kLongitude).value_or(0.0);
    return location;
}

Price readPrice(FieldReader& r, const Node& node) {
    Price price;
    if (!r.object(node, {"asking", "debtFree", "currency", "maintenancePerMonth"})) return price;
    price.asking = r.number(node, "asking", Need::Required, kMoney).value_or(0.0);
    price.debtFree = r.number(node, "debtFree", Need::Optional, kMoney);
    price.currency = r.text(node, "currency", Need::Required, kCurrency).value_or("");
    price.maintenancePerMonth = r.number(node, "maintenancePerMonth", Need::Optional, kMoney);
    return price;
}

Area readArea(FieldReader& r, const Node& node) {
    Area area;
    if (!r.object(node, {"living", "total"})) return area;
    std::optional<double> living = r.number(node, "living", Need::Required, kSquareMetres);
    area.living = living.value_or(0.0);
    area.total = r.number(node, "total", Need::Optional, kSquareMetres);
    // A rule the schema cannot state: it cannot compare two members.
    if (living && area.total && *area.total < *living)
        r.problem(*r.member(node, "total", Need::Optional),
                  "expected at least the living area (" + formatNumber(*living) + "), got " +
                      formatNumber(*area.total));
    return area;
}

Rooms readRooms(FieldReader& r, const Node& node) {
    Rooms rooms;
    if (!r.object(node, {"count", "notation"})) return rooms;
    rooms.count = r.integer(node, "count", Need::Required, 1, 50).value_or(0);
    rooms.notation = r.text(node, "notation", Need::Optional, kNotation);
    return rooms;
}

Floor readFloor(FieldReader& r, const Node& node) {
    Floor floor;
    if (!r.object(node, {"number", "of"})) return floor;
    std::optional<int> number = r.integer(node, "number", Need::Required, -5, 200);
    floor.number = number.value_or(0);
    floor.of = r.integer(node, "of", Need::Optional, 1, 200);
    // A rule the schema cannot state: it cannot compare two members.
    if (number && floor.of && *floor.of < *number)
        r.problem(*r.member(node, "of", Need::Optional),
                  "expected at least the floor number (" + std::to_string(*number) + "), got " +
                      std::to_string(*floor.of));
    return floor;
}

std::vector<std::string> readFeatures(FieldReader& r, const Node& node) {
    std::vector<std::string> features;
    r.array(node, featureNames().size(), [&](const Node& item) {
        std::optional<std::string> feature = r.text(item, kFeature);
        if (!feature) return;
        auto earlier = std::find(features.begin(), features.end(), *feature);
        if (earlier != features.end())
            r.problem(item, "expected each feature once, got \"" + *feature + "\" again (also /features/" +
                                std::to_string(earlier - features.begin()) + ")");
        features.push_back(*feature);
    });
    return features;
}

std::map<std::string, std::string> readDescription(FieldReader& r, const Node& node) {
    std::map<std::string, std::string> description;
    bool isObject = r.members(node, [&](std::string_view language, const Node& text) {
        if (const char* expected = checkLanguageTag(language))
            r.problem(text, std::string("expected ") + expected + " as the member's name, got \"" +
                                std::string(language) + "\"");
        if (std::optional<std::string> value = r.text(text, kDescriptionText))
            description.emplace(std::string(language), std::move(*value));
    });
    if (isObject && node.value.empty())
        r.problem(node, "expected the text in at least one language, e.g. {\"fi\": \"...\"}, got an empty object");
    return description;
}

Agent readAgent(FieldReader& r, const Node& node) {
    Agent agent;
    if (!r.object(node, {"name", "phone", "email"})) return agent;
    agent.name = r.text(node, "name", Need::Required, kText100).value_or("");
    agent.phone = r.text(node, "phone", Need::Optional, kPhone);
    agent.email = r.text(node, "email", Need::Optional, kEmail);
    // The schema's anyOf asks for the member, valid or not; so does this.
    if (!node.value.contains("phone") && !node.value.contains("email"))
        r.problem(node, "expected a phone or an email (or both) for the agent, got neither");
    return agent;
}

Spot readSpot(FieldReader& r, const Node& node) {
    Spot spot;
    if (!r.object(node, {"name", "position", "heading", "area", "dwell"})) return spot;
    spot.name = r.text(node, "name", Need::Required, kText100).value_or("");
    spot.position = readPosition(r, node, Need::Required).value_or(Position{});
    spot.heading = r.number(node, "heading", Need::Optional, kHeading);
    spot.area = r.number(node, "area", Need::Optional, kSquareMetres);
    spot.dwell = r.number(node, "dwell", Need::Optional, kDwell);
    return spot;
}

PhotoCamera readPhotoCamera(FieldReader& r, const Node& node) {
    PhotoCamera camera;
    if (!r.object(node, {"position", "heading", "pitch", "fov"})) return camera;
    camera.position = readPosition(r, node, Need::Required).value_or(Position{});
    camera.heading = r.number(node, "heading", Need::Required, kHeading).value_or(0.0);
    camera.pitch = r.number(node, "pitch", Need::Optional, kPitch);
    camera.fov = r.number(node, "fov", Need::Optional, kFov);
    return camera;
}

Photo readPhoto(FieldReader& r, const Node& node) {
    Photo photo;
    if (!r.object(node, {"file", "caption", "room", "camera"})) return photo;
    photo.file = r.text(node, "file", Need::Required, kImagePath).value_or("");
    photo.caption = r.text(node, "caption", Need::Optional, kText500);
    photo.room = r.text(node, "room", Need::Optional, kText100);
    photo.camera = subObject(r, node, "camera", Need::Optional, [&](const Node& n) { return readPhotoCamera(r, n); });
    return photo;
}

PanoramaLink readPanoramaLink(FieldReader& r, const Node& node) {
    PanoramaLink link;
    if (!r.object(node, {"to", "heading", "pitch"})) return link;
    link.to = r.text(node, "to", Need::Required, kText100).value_or("");
    link.heading = r.number(node, "heading", Need::Required, kHeading).value_or(0.0);
    link.pitch = r.number(node, "pitch", Need::Optional, kPitch);
    return link;
}

Panorama readPanorama(FieldReader& r, const Node& node) {
    Panorama panorama;
    if (!r.object(node, {"file", "name", "position", "heading", "links"})) return panorama;
    panorama.file = r.text(node, "file", Need::Required, kImagePath).value_or("");
    panorama.name = r.text(node, "name", Need::Required, kText100).value_or("");
    panorama.position = readPosition(r, node, Need::Optional);
    panorama.heading = r.number(node, "heading", Need::Optional, kHeading);
    if (std::optional<Node> links = r.member(node, "links", Need::Optional)) {
        // One entry per element, read or not, so links[j] stays /links/j for the checks below.
        std::vector<PanoramaLink> read;
        if (r.array(*links, kMaxPanoramas, [&](const Node& item) { read.push_back(readPanoramaLink(r, item)); }))
            panorama.links = std::move(read);
    }
    return panorama;
}

std::string linkPointer(size_t panorama, size_t link) {
    return "/panoramas/" + std::to_string(panorama) + "/links/" + std::to_string(link) + "/to";
}

// What is wrong with the `to` of panorama i's link j, or "" when nothing is:
// the rules JSON Schema cannot state, as it cannot compare a value with other
// members. `to` names exactly one panorama, not the link's own, and each
// panorama's links lead to a panorama at most once.
std::string linkTargetProblem(const std::vector<Panorama>& panoramas, size_t i, size_t j) {
    const std::vector<PanoramaLink>& links = *panoramas[i].links;
    const std::string& to = links[j].to;
    std::string quoted = describe(Json(to));
    std::string named;  // "/panoramas/1, /panoramas/3"
    size_t count = 0, index = 0;
    for (size_t k = 0; k < panoramas.size(); ++k)
        if (panoramas[k].name == to) {
            named += (count++ ? ", /panoramas/" : "/panoramas/") + std::to_string(k);
            index = k;
        }
    if (count == 0)
        return "expected the name of another panorama of this listing, got " + quoted + ", which no panorama has";
    if (count > 1)
        return "expected the name of one panorama, got " + quoted + ", the name of " + named +
               "; give them different names";
    if (index == i) return "expected the name of another panorama, got " + quoted + ", this panorama's own";
    for (size_t earlier = 0; earlier < j; ++earlier)
        if (links[earlier].to == to)
            return "expected each panorama once, got " + quoted + " again (also " + linkPointer(i, earlier) + ")";
    return {};
}

void checkPanoramaLinks(const std::vector<Panorama>& panoramas, Problems& problems) {
    for (size_t i = 0; i < panoramas.size(); ++i)
        for (size_t j = 0; panoramas[i].links && j < panoramas[i].links->size(); ++j) {
            if ((*panoramas[i].links)[j].to.empty()) continue;  // not read: reported already
            std::string problem = linkTargetProblem(panoramas, i, j);
            if (!problem.empty()) problems.add(linkPointer(i, j), problem);
        }
}

// Reads every element of the array member `key` (absent: none) with `read`.
template <typename T, typename Read>
std::vector<T> readList(FieldReader& r, const Node& root, std::string_view key, size_t maxItems, Read read) {
    std::vector<T> items;
    if (std::optional<Node> node = r.member(root, key, Need::Optional))
        r.array(*node, maxItems, [&](const Node& item) { items.push_back(read(r, item)); });
    return items;
}

// The members that say what and where the apartment is.
void readFacts(FieldReader& r, const Node& root, Listing& listing) {
    listing.formatVersion = readFormatVersion(r, root);
    listing.id = r.text(root, "id", Need::Required, kId).value_or("");
    auto required = Need::Required;
    listing.address = subObject(r, root, "address", required, [&](const Node& n) { return readAddress(r, n); })
                          .value_or(Address{});
    listing.location = subObject(r, root, "location", required, [&](const Node& n) { return readLocation(r, n); })
                           .value_or(Location{});
    listing.price = subObject(r, root, "price", required, [&](const Node& n) { return readPrice(r, n); })
                        .value_or(Price{});
    listing.area = subObject(r, root, "area", required, [&](const Node& n) { return readArea(r, n); })
                       .value_or(Area{});
    listing.rooms = subObject(r, root, "rooms", required, [&](const Node& n) { return readRooms(r, n); })
                        .value_or(Rooms{});
    listing.floor = subObject(r, root, "floor", Need::Optional, [&](const Node& n) { return readFloor(r, n); });
    listing.yearBuilt = r.integer(root, "yearBuilt", required, 1500, 2100).value_or(0);
    listing.energyClass = r.text(root, "energyClass", Need::Optional, kEnergyClass);
    listing.features = subObject(r, root, "features", Need::Optional, [&](const Node& n) {
                           return readFeatures(r, n);
                       }).value_or(std::vector<std::string>{});
}

// The members that present the apartment: texts, the agent, files and places in the model.
void readPresentation(FieldReader& r, const Node& root, Listing& listing) {
    listing.description = subObject(r, root, "description", Need::Required, [&](const Node& n) {
                              return readDescription(r, n);
                          }).value_or(std::map<std::string, std::string>{});
    listing.agent = subObject(r, root, "agent", Need::Required, [&](const Node& n) { return readAgent(r, n); })
                        .value_or(Agent{});
    listing.model = r.text(root, "model", Need::Optional, kModelPath);
    listing.floorPlan = r.text(root, "floorPlan", Need::Optional, kImagePath);
    listing.north = r.number(root, "north", Need::Optional, kHeading);
    listing.spots = readList<Spot>(r, root, "spots", kMaxSpots, readSpot);
    listing.photos = readList<Photo>(r, root, "photos", kMaxPhotos, readPhoto);
    listing.panoramas = readList<Panorama>(r, root, "panoramas", kMaxPanoramas, readPanorama);
}

// nlohmann's what() starts with "[json.exception.parse_error.101] "; the
// rest (line, column, what was read) is what a user needs.
std::string parseErrorText(const char* what) {
    std::string text = what;
    size_t bracket = text.find("] ");
    return text.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos ? text.substr(bracket + 2) : text;
}

}  // namespace

Result<Listing> parseListing(std::string_view jsonText, std::string_view displayName) {
    Problems problems(displayName);
    Json document;
    try {
        document = Json::parse(jsonText.begin(), jsonText.end());
    } catch (const Json::exception& e) {
        problems.addWhole("not valid JSON: " + parseErrorText(e.what()));
        return problems.error();
    }
    FieldReader reader(problems);
    Node root{document, ""};
    Listing listing;
    if (reader.object(root, {"formatVersion", "id", "address", "location", "price", "area", "rooms", "floor",
                             "yearBuilt", "energyClass", "features", "description", "agent", "model", "floorPlan",
                             "north", "spots", "photos", "panoramas"})) {
        readFacts(reader, root, listing);
        readPresentation(reader, root, listing);
        checkPanoramaLinks(listing.panoramas, problems);
    }
    if (!problems.empty()) return problems.error();
    return listing;
}

Result<Listing> loadListing(const std::filesystem::path& listingJson) {
    Result<std::vector<uint8_t>> bytes = readFile(listingJson, kMaxListingJsonBytes);
    if (!bytes) return bytes.error();
    std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    return parseListing(text, displayPath(listingJson));
}

}  // namespace oh::listing
