#include "map/pin_clusters.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace oh::map {

namespace {

// The most common value, the lowest on a tie. Sorts `values`.
uint8_t mostCommon(std::vector<uint8_t>& values) {
    if (values.size() == 1) return values.front();
    std::sort(values.begin(), values.end());
    uint8_t best = values.front();
    size_t bestCount = 0;
    for (size_t i = 0; i < values.size();) {
        size_t end = i;
        while (end < values.size() && values[end] == values[i]) ++end;
        if (end - i > bestCount) best = values[i], bestCount = end - i;
        i = end;
    }
    return best;
}

// A grid cell as one sortable number: row, then column.
uint64_t cellKey(uint64_t column, uint64_t row) { return row << 32 | column; }

}  // namespace

PinClusterer::PinClusterer(std::span<const Pin> pins) {
    std::vector<uint32_t> order(pins.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return pins[a].id < pins[b].id; });
    m_pins.reserve(pins.size());
    for (uint32_t i : order) m_pins.push_back({toWorld(pins[i].position), i, pins[i].colourClass});
}

Clustering PinClusterer::cluster(double zoom, double radiusPx) const {
    Clustering result;
    if (m_pins.empty()) return result;
    // Cells one radius wide: every pin within the radius of a seed is in the
    // seed's cell or one of its eight neighbours. At least a pixel, so a
    // column number fits the key's 32 bits up to zoom 24.
    double cell = std::max(radiusPx, 1.0) / worldPixels(std::min(zoom, 24.0));
    struct Entry {
        uint64_t key;
        uint32_t pin;  // into m_pins
        bool operator<(const Entry& o) const { return key != o.key ? key < o.key : pin < o.pin; }
    };
    std::vector<Entry> entries(m_pins.size());
    for (uint32_t i = 0; i < m_pins.size(); ++i)
        entries[i] = {cellKey(uint64_t(m_pins[i].world.x / cell), uint64_t(m_pins[i].world.y / cell)), i};
    std::sort(entries.begin(), entries.end());

    // Seeds go through the cells row by row, so the start of each of the
    // three neighbouring rows' runs only ever moves forward: one sweep.
    std::array<size_t, 3> rowStart{};
    std::vector<bool> taken(m_pins.size(), false);
    std::vector<uint8_t> classes;  // the cluster's members' classes, reused
    double radius2 = cell * cell;
    result.members.reserve(m_pins.size());
    for (const Entry& seedEntry : entries) {
        if (taken[seedEntry.pin]) continue;
        const WorldPoint s = m_pins[seedEntry.pin].world;
        uint64_t column = seedEntry.key & 0xFFFFFFFFu, row = seedEntry.key >> 32;
        Cluster cluster;
        cluster.firstMember = uint32_t(result.members.size());
        cluster.bounds = {s.x, s.y, s.x, s.y};
        double sumX = 0, sumY = 0;
        classes.clear();
        for (uint64_t r = 0; r < 3; ++r) {
            if (row + r < 1) continue;  // no row above the world's top
            uint64_t first = cellKey(column > 0 ? column - 1 : 0, row + r - 1), last = cellKey(column + 1, row + r - 1);
            size_t& i = rowStart[r];
            while (i < entries.size() && entries[i].key < first) ++i;
            for (size_t j = i; j < entries.size() && entries[j].key <= last; ++j) {
                uint32_t pin = entries[j].pin;
                const WorldPoint p = m_pins[pin].world;
                if (taken[pin] || (p.x - s.x) * (p.x - s.x) + (p.y - s.y) * (p.y - s.y) > radius2) continue;
                taken[pin] = true;
                result.members.push_back(m_pins[pin].index);
                sumX += p.x;
                sumY += p.y;
                cluster.bounds.include(p);
                classes.push_back(m_pins[pin].colourClass);
            }
        }
        cluster.count = uint32_t(result.members.size()) - cluster.firstMember;
        cluster.position = {sumX / cluster.count, sumY / cluster.count};
        cluster.colourClass = mostCommon(classes);
        result.clusters.push_back(cluster);
    }
    return result;
}

}  // namespace oh::map
