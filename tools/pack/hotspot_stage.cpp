// The hotspot stage: explicit links by index, derived ones by line of sight
// through the collision world or, without a model, by distance.
#include "tools/pack/hotspot_stage.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

namespace oh::pack {
namespace {

using listing::Position;

// Rounded to 0.01° (a millimetre at 6 m): readable in the manifest, and the
// same bytes whatever the last bit of the platform's atan2. `+ 0.0` turns -0
// into 0.
double roundAngle(double degrees) { return std::round(degrees * 100.0) / 100.0 + 0.0; }

// Where `to` is seen from `from`, in the listing's conventions (heading
// clockwise from above, 0 along -Z, 90 along +X; pitch up).
bundle::PanoramaLink linkTowards(uint32_t target, const Position& from, const Position& to) {
    constexpr double kDegrees = 180.0 / std::numbers::pi;
    double dx = to[0] - from[0], dy = to[1] - from[1], dz = to[2] - from[2];
    double heading = std::atan2(dx, -dz) * kDegrees;
    if (heading < 0.0) heading += 360.0;
    heading = roundAngle(heading);
    if (heading >= 360.0) heading = 0.0;
    return {target, heading, roundAngle(std::atan2(dy, std::hypot(dx, dz)) * kDegrees)};
}

double distanceBetween(const Position& a, const Position& b) {
    return std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

// Nothing of the model between the two eyes. Glass stops the line too: a
// hotspot seen through a window would lead where no visitor can walk.
bool inSight(const nav::CollisionWorld& world, const Position& a, const Position& b) {
    glm::vec3 from{float(a[0]), float(a[1]), float(a[2])};
    glm::vec3 to{float(b[0]), float(b[1]), float(b[2])};
    nav::RayQuery ray;
    ray.origin = from;
    ray.direction = to - from;
    ray.maxDistance = glm::length(to - from);
    return !nav::anyHit(world, ray);
}

// linked[i][j]: a positioned panorama i without links of its own gets a
// hotspot to j. Symmetric. Two panoramas at the same eye have no direction
// between them: never linked.
using LinkMatrix = std::vector<std::vector<bool>>;

bool bothPlaced(const std::vector<listing::Panorama>& panoramas, size_t i, size_t j) {
    return i != j && panoramas[i].position && panoramas[j].position &&
           distanceBetween(*panoramas[i].position, *panoramas[j].position) > 0.0;
}

// With a model: one ray per pair, so a pair is linked both ways or neither.
LinkMatrix pairsInSight(const std::vector<listing::Panorama>& panoramas, const nav::CollisionWorld& world) {
    LinkMatrix linked(panoramas.size(), std::vector<bool>(panoramas.size(), false));
    for (size_t i = 0; i < panoramas.size(); ++i)
        for (size_t j = i + 1; j < panoramas.size(); ++j)
            if (bothPlaced(panoramas, i, j) && inSight(world, *panoramas[i].position, *panoramas[j].position))
                linked[i][j] = linked[j][i] = true;
    return linked;
}

// Without a model: each panorama's nearest few within reach, and the reverse
// links, so every hotspot has a way back.
LinkMatrix nearestPairs(const std::vector<listing::Panorama>& panoramas, const HotspotOptions& options) {
    LinkMatrix linked(panoramas.size(), std::vector<bool>(panoramas.size(), false));
    for (size_t i = 0; i < panoramas.size(); ++i) {
        std::vector<std::pair<double, size_t>> near;  // (distance, index): ties go to the lower index
        for (size_t j = 0; j < panoramas.size(); ++j) {
            if (!bothPlaced(panoramas, i, j)) continue;
            double distance = distanceBetween(*panoramas[i].position, *panoramas[j].position);
            if (distance <= options.maxDistanceWithoutModel) near.push_back({distance, j});
        }
        std::sort(near.begin(), near.end());
        near.resize(std::min(near.size(), options.nearestWithoutModel));
        for (const auto& [distance, j] : near) linked[i][j] = linked[j][i] = true;
    }
    return linked;
}

std::optional<uint32_t> indexOfName(const std::vector<listing::Panorama>& panoramas, const std::string& name) {
    for (size_t k = 0; k < panoramas.size(); ++k)
        if (panoramas[k].name == name) return uint32_t(k);
    return std::nullopt;
}

}  // namespace

Hotspots resolveHotspots(const listing::Listing& listing, const nav::CollisionWorld* world,
                         const HotspotOptions& options) {
    const std::vector<listing::Panorama>& panoramas = listing.panoramas;
    LinkMatrix derived = world ? pairsInSight(panoramas, *world) : nearestPairs(panoramas, options);
    Hotspots out;
    for (size_t i = 0; i < panoramas.size(); ++i) {
        const listing::Panorama& panorama = panoramas[i];
        bundle::PanoramaPlace& place = out.places.emplace_back();
        place.position = panorama.position;
        place.heading = panorama.heading;
        place.inModel = panorama.position && listing.model;
        if (panorama.links) {
            for (const listing::PanoramaLink& link : *panorama.links)
                // parseListing refused a `to` that names no panorama, or several.
                if (std::optional<uint32_t> target = indexOfName(panoramas, link.to))
                    place.links.push_back({*target, link.heading, link.pitch.value_or(0.0)});
            continue;
        }
        if (panorama.position)
            for (size_t j = 0; j < panoramas.size(); ++j)
                if (derived[i][j])
                    place.links.push_back(linkTowards(uint32_t(j), *panorama.position, *panoramas[j].position));
        // Without hotspots, a panorama in the model still leads back to it; one outside is a dead end.
        if (place.links.empty() && !place.inModel && panoramas.size() > 1)
            out.warnings.push_back(panorama.name + ": a dead end: no links given, " +
                                   (panorama.position ? "no other panorama within reach" : "no position") +
                                   " and no place in a model to go back to; give it links in listing.json");
        if (!place.links.empty() && !panorama.heading)
            out.warnings.push_back(panorama.name + ": no heading, so its derived hotspots take the image's centre "
                                                   "to look along -Z (heading 0)");
    }
    return out;
}

}  // namespace oh::pack
