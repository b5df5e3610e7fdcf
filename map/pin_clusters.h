// Listing pins merged into clusters where they would overlap on screen at the
// current zoom: one marker with a count instead of a heap of pins. Clusters
// are made on a grid fixed in world pixels and seeded north-west to
// south-east, so panning never changes them (only zooming does) and the same
// pins always give the same clusters, in whatever order they come.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "map/web_mercator.h"

namespace oh::map {

struct Pin {
    uint64_t id = 0;          // the listing's id in the catalog
    LatLon position;
    uint8_t colourClass = 0;  // e.g. the price band the table colours the pin by
};

struct Cluster {
    WorldPoint position;          // the members' mean, where the marker goes
    uint32_t count = 0;           // members; 1 is a plain pin
    uint32_t firstMember = 0;     // its members are Clustering::members[firstMember, firstMember + count)
    uint8_t colourClass = 0;      // the members' most common class (the lowest on a tie)
    WorldRect bounds;             // the members' bounds: a tap zooms the view to fit them
};

struct Clustering {
    std::vector<Cluster> clusters;
    std::vector<uint32_t> members;  // indexes into the pins given to PinClusterer
};

class PinClusterer {
public:
    // Keeps the pins' world positions; build once per set of listings.
    explicit PinClusterer(std::span<const Pin> pins);

    // Pins within `radiusPx` screen pixels at `zoom` of a cluster's seed (its
    // north-westernmost pin not yet taken) join it. 10,000 pins over
    // Helsinki take about a millisecond (docs/map.md).
    Clustering cluster(double zoom, double radiusPx) const;

private:
    struct Placed {
        WorldPoint world;
        uint32_t index;  // into the pins given
        uint8_t colourClass;
    };
    std::vector<Placed> m_pins;  // in id order, so ties break the same way every time
};

}  // namespace oh::map
