// The listing format: what an estate agent writes in listing.json for one
// apartment (docs/listing-format.md), as plain structs, with its reader, its
// canonical writer and the check that the files it names are there.
// listing/listing.schema.json states the same rules for other tools.
// Not here: decoding photos or models, packing (tools/pack/), bundles (bundle/).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace oh::listing {

inline constexpr int kFormatVersion = 1;

// Any file a listing names larger than this is refused: no photo, panorama or
// model of one apartment needs more, and the packer holds files in memory.
inline constexpr uint64_t kMaxListingFileBytes = uint64_t(512) << 20;

// listing.json itself is small; a larger file is not a listing.
inline constexpr uint64_t kMaxListingJsonBytes = uint64_t(16) << 20;

// [x, y, z] in the model's coordinates: metres, +Y up (glTF); each
// coordinate within ±kMaxCoordinate.
using Position = std::array<double, 3>;
inline constexpr double kMaxCoordinate = 100000.0;

struct Address {
    std::string street;      // "Mäkelänkatu 52 A 7"
    std::string postalCode;  // "00510"
    std::optional<std::string> district;
    std::string city;
    bool operator==(const Address&) const = default;
};

// WGS84, degrees.
struct Location {
    double latitude = 0.0;
    double longitude = 0.0;
    bool operator==(const Location&) const = default;
};

struct Price {
    double asking = 0.0;
    std::optional<double> debtFree;
    std::string currency;  // ISO 4217, "EUR"
    std::optional<double> maintenancePerMonth;
    bool operator==(const Price&) const = default;
};

// Square metres; total >= living when given.
struct Area {
    double living = 0.0;
    std::optional<double> total;
    bool operator==(const Area&) const = default;
};

struct Rooms {
    int count = 0;                        // 1..50
    std::optional<std::string> notation;  // "3h+k+s"
    bool operator==(const Rooms&) const = default;
};

struct Floor {
    int number = 0;         // -5..200
    std::optional<int> of;  // 1..200, >= number
    bool operator==(const Floor&) const = default;
};

struct Agent {
    std::string name;
    std::optional<std::string> phone;  // at least one of phone and email
    std::optional<std::string> email;
    bool operator==(const Agent&) const = default;
};

// Headings are degrees in [0, 360), clockwise seen from above: 0 looks along
// the model's -Z axis, 90 along +X.

// A place the visitor can jump to; `position` is on the floor.
struct Spot {
    std::string name;
    Position position{};
    std::optional<double> heading;
    std::optional<double> area;  // m² of the room the spot is in, for the floor plan
    std::optional<double> dwell;  // seconds the guided tour's autoplay stays at this stop
    bool operator==(const Spot&) const = default;
};

// Where a photo was taken from; `position` is the eye.
struct PhotoCamera {
    Position position{};
    double heading = 0.0;
    std::optional<double> pitch;  // degrees up, -90..90
    std::optional<double> fov;    // vertical, degrees, 10..170
    bool operator==(const PhotoCamera&) const = default;
};

struct Photo {
    std::string file;  // relative to the listing folder, '/'-separated
    std::optional<std::string> caption;
    std::optional<std::string> room;
    std::optional<PhotoCamera> camera;
    bool operator==(const Photo&) const = default;
};

// A hotspot in a panorama, leading to another panorama of the listing.
// `heading` and `pitch` say where it is drawn, in the same frame as the
// panoramas' headings (the model's, or the plan's in a listing without one),
// not relative to the image.
struct PanoramaLink {
    std::string to;               // the name of another panorama of the listing
    double heading = 0.0;
    std::optional<double> pitch;  // degrees up, -90..90; absent: on the horizon
    bool operator==(const PanoramaLink&) const = default;
};

// A 360° equirectangular image; `position` is the eye, `heading` the
// direction of the image's centre column. Without a model, positions and
// headings are in the listing's plan frame (same axes, no model behind them).
struct Panorama {
    std::string file;
    std::string name;
    std::optional<Position> position;
    std::optional<double> heading;
    // Absent: the packer derives hotspots from the positions; present (even
    // empty): exactly these.
    std::optional<std::vector<PanoramaLink>> links;
    bool operator==(const Panorama&) const = default;
};

struct Listing {
    int formatVersion = kFormatVersion;
    std::string id;  // [a-z0-9-], 3..64 characters
    Address address;
    Location location;
    Price price;
    Area area;
    Rooms rooms;
    std::optional<Floor> floor;
    int yearBuilt = 0;
    std::optional<std::string> energyClass;  // "D", "C2018"
    std::vector<std::string> features;       // from featureNames(), unique, in the file's order
    std::map<std::string, std::string> description;  // language tag ("fi", "en") -> text; not empty
    Agent agent;
    std::optional<std::string> model;      // .gltf/.glb, relative to the listing folder
    std::optional<std::string> floorPlan;  // image, relative to the listing folder
    std::optional<double> north;           // the heading of north in the model, degrees; absent: the model's -Z
    std::vector<Spot> spots;
    std::vector<Photo> photos;
    std::vector<Panorama> panoramas;
    bool operator==(const Listing&) const = default;
};

// Every feature name the format knows ("balcony", "sauna", ...), in the
// schema's order.
const std::vector<std::string_view>& featureNames();

// Reads and validates listing.json text. On failure the Error (kExitBadInput)
// lists every problem found, not just the first:
//   "listing.json: 2 problems:\n"
//   "listing.json: /price/currency: expected an ISO 4217 code such as EUR, got \"eur\"\n"
//   "listing.json: /photos/3/camera/heading: expected a number in [0, 360), got 400"
// each naming the JSON pointer of the offending value (or of the missing
// member). `displayName` starts every line. The rules are those of
// listing/listing.schema.json, plus the rules a schema cannot state:
// area.total >= area.living, floor.number <= floor.of, and each panorama
// link's `to` naming exactly one other panorama, at most once per panorama.
Result<Listing> parseListing(std::string_view jsonText, std::string_view displayName);

// Reads the file (at most kMaxListingJsonBytes) and parses it, naming the
// file as given in messages.
Result<Listing> loadListing(const std::filesystem::path& listingJson);

// The listing as canonical JSON text: members in the order of
// docs/listing-format.md (description's languages in tag order), absent
// optionals and empty lists left out (a panorama's `links` excepted: an empty
// list there means "no hotspots"), no whitespace, numbers
// in their shortest exact form (integral values without a fraction). The same
// Listing always gives the same bytes, and parseListing(toJson(l)) == l for
// any listing parseListing accepted.
std::string toJson(const Listing& listing);

// Checks that every file the listing names (model, floor plan, photos,
// panoramas) is a regular file inside `folder` once symlinks are resolved (a
// link pointing out of the folder is refused) and at most
// kMaxListingFileBytes. Reports every problem at once, naming the member and
// file: "FOLDER/listing.json: /photos/3/file: 'photos/kitchen.jpg' not found".
// Expects a listing parseListing accepted (relative paths without '..').
Status checkListingFiles(const Listing& listing, const std::filesystem::path& folder);

}  // namespace oh::listing
