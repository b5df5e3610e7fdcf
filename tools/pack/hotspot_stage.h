// Packer stage: each panorama's place in the tour and its hotspots, resolved
// for the manifest (bundle::PanoramaPlace). A panorama's explicit `links`
// become hotspots as written, their targets by index. A positioned panorama
// without `links` gets hotspots to the other positioned panoramas it can see:
//
//   with a model   those a straight line between the two eyes reaches
//                  through the collision world (walls, doors, furniture and
//                  glass stop it: a hotspot is somewhere to go)
//   without one    the nearest few within a short walk, and every panorama
//                  that counts it among its own nearest, so each hotspot has
//                  a way back
//
// Derived hotspots are drawn at the target's eye as seen from this
// panorama's eye, in the model's frame. Not for pictures (picture_stage.h).
#pragma once

#include <string>
#include <vector>

#include "bundle/manifest.h"
#include "listing/listing.h"
#include "navigation/collision_world.h"

namespace oh::pack {

struct HotspotOptions {
    // Without a model: at most this many nearest panoramas, none farther.
    size_t nearestWithoutModel = 4;
    double maxDistanceWithoutModel = 8.0;  // metres
};

struct Hotspots {
    std::vector<bundle::PanoramaPlace> places;  // one per listing panorama
    // Things an agent should fix, one line each: a panorama no hotspot and no
    // model leads on from (a dead end), derived hotspots without a heading.
    std::vector<std::string> warnings;
};

// `listing` as parseListing accepted it (every link names one other
// panorama). `world`: the model's collision world; null when the listing has
// no model or the model has nothing to collide with, and then the rule
// without a model applies. A panorama is in the model when it has a position
// and the listing a model. Deterministic: angles are rounded to 0.01°.
Hotspots resolveHotspots(const listing::Listing& listing, const nav::CollisionWorld* world,
                         const HotspotOptions& options = {});

}  // namespace oh::pack
