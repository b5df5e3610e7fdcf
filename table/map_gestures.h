// Fingers and the mouse on the map become what the map does: one pointer
// drags it, two pinch it (zoom about the point between them, which moves with
// them), and a touch that went down and up without travelling is a tap.
//
// Two people at one table: each pointer belongs to what it went down on — the
// map, or a card or button (the caller says which). Pointers on a card never
// move the map; the map follows the first two pointers on it, and a third
// waits until one of those lifts. A pinch that loses a finger carries on as a
// drag from where the remaining finger is, without a jump.
//
// Not for: the map's state (map/map_view.h applies what this returns) or the
// UI's pointers (Dear ImGui gets those).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "table/pointer_input.h"

namespace oh::table {

// A tap on the map: where (pixels) and by which pointer (the mouse, or a
// finger: a card opens facing whoever tapped, card_turn.h).
struct MapTap {
    glm::vec2 position{0.0f};
    uint64_t pointer = kMousePointer;
};

// What the map should do this frame, applied in this order: pan by `pan`
// pixels, then zoom by `zoomFactor` about `zoomAnchor` (pixels).
struct MapGesture {
    glm::vec2 pan{0.0f};
    float zoomFactor = 1.0f;
    glm::vec2 zoomAnchor{0.0f};
    std::vector<MapTap> taps;  // in the order they lifted
    bool empty() const { return pan == glm::vec2(0.0f) && zoomFactor == 1.0f && taps.empty(); }
};

class MapGestures {
public:
    // A pointer that travels further than this from where it went down is
    // not a tap: about 2 mm on a 55" table, well above a finger's jitter.
    static constexpr float kTapSlopPixels = 14.0f;

    // `onMap(position)`: whether a pointer going down there belongs to the
    // map (false: a card, a button). Events in the order they happened.
    MapGesture update(std::span<const PointerEvent> events, const std::function<bool(glm::vec2)>& onMap);

    // Pointers now down on the map (not those on cards).
    size_t mapPointers() const { return m_onMap.size(); }

private:
    struct Tracked {
        uint64_t id = 0;
        glm::vec2 down{0.0f};
        glm::vec2 position{0.0f};
        bool travelled = false;  // left the tap slop, or took part in a pinch
    };
    Tracked* find(uint64_t id);
    void apply(MapGesture& gesture, const Tracked& moved, glm::vec2 from);

    std::vector<Tracked> m_onMap;     // in the order they went down; the first two move the map
    std::vector<uint64_t> m_elsewhere;  // down on a card or button: ignored until they lift
};

}  // namespace oh::table
