#include "table/map_gestures.h"

#include <algorithm>

namespace oh::table {

MapGestures::Tracked* MapGestures::find(uint64_t id) {
    auto it = std::find_if(m_onMap.begin(), m_onMap.end(), [id](const Tracked& t) { return t.id == id; });
    return it == m_onMap.end() ? nullptr : &*it;
}

void MapGestures::apply(MapGesture& gesture, const Tracked& moved, glm::vec2 from) {
    const bool leading = m_onMap.size() >= 1 && (&moved == &m_onMap[0] || (m_onMap.size() >= 2 && &moved == &m_onMap[1]));
    if (!leading) return;  // a third finger on the map waits its turn
    if (m_onMap.size() == 1) {
        if (moved.travelled) gesture.pan += moved.position - from;
        return;
    }
    // Two fingers: the other one stands still during this event, so the
    // pinch is this finger's move seen from it.
    const Tracked& other = &moved == &m_onMap[0] ? m_onMap[1] : m_onMap[0];
    glm::vec2 oldMid = (from + other.position) * 0.5f;
    glm::vec2 newMid = (moved.position + other.position) * 0.5f;
    float oldSpan = glm::length(from - other.position);
    float newSpan = glm::length(moved.position - other.position);
    // Pan first, then zoom about the new midpoint: what was under the old
    // midpoint ends up under the new one, scaled about it.
    glm::vec2 pan = newMid - oldMid;
    float factor = oldSpan > 1.0f && newSpan > 1.0f ? newSpan / oldSpan : 1.0f;
    // Several events in one frame compose: the earlier zoom's anchor moves with the later pan.
    if (gesture.zoomFactor != 1.0f) {
        gesture.zoomAnchor += pan;
    }
    gesture.pan += pan;
    if (factor != 1.0f) {
        // Zoom about newMid after an earlier zoom about another anchor:
        // s2 * (s1 * (p - a1) + a1 - a2) + a2 = s2*s1 * (p - A) + A with A
        // solving (1 - s2*s1) A = (1 - s2) a2 + s2 (1 - s1) a1.
        float s1 = gesture.zoomFactor, s2 = factor;
        glm::vec2 a1 = gesture.zoomAnchor, a2 = newMid;
        float combined = s1 * s2;
        if (std::abs(1.0f - combined) > 1e-6f)
            gesture.zoomAnchor = ((1.0f - s2) * a2 + s2 * (1.0f - s1) * a1) / (1.0f - combined);
        else
            gesture.zoomAnchor = a2;
        gesture.zoomFactor = combined;
    }
}

MapGesture MapGestures::update(std::span<const PointerEvent> events, const std::function<bool(glm::vec2)>& onMap) {
    MapGesture gesture;
    for (const PointerEvent& event : events) {
        switch (event.phase) {
        case PointerEvent::Phase::Down: {
            if (find(event.id) ||
                std::find(m_elsewhere.begin(), m_elsewhere.end(), event.id) != m_elsewhere.end())
                break;  // a repeated down (lost up): keep what it started
            if (onMap(event.position)) {
                m_onMap.push_back({event.id, event.position, event.position, false});
                // A second finger makes the first one's touch a pinch, not a tap.
                if (m_onMap.size() >= 2)
                    for (Tracked& tracked : m_onMap) tracked.travelled = true;
            } else {
                m_elsewhere.push_back(event.id);
            }
            break;
        }
        case PointerEvent::Phase::Move: {
            Tracked* tracked = find(event.id);
            if (!tracked) break;
            glm::vec2 from = tracked->position;
            tracked->position = event.position;
            if (!tracked->travelled && glm::length(event.position - tracked->down) > kTapSlopPixels) {
                tracked->travelled = true;
                from = tracked->down;  // the drag starts where the finger went down: no lost distance
            }
            apply(gesture, *tracked, from);
            break;
        }
        case PointerEvent::Phase::Up: {
            m_elsewhere.erase(std::remove(m_elsewhere.begin(), m_elsewhere.end(), event.id), m_elsewhere.end());
            Tracked* tracked = find(event.id);
            if (!tracked) break;
            if (tracked->position != event.position) {
                glm::vec2 from = tracked->position;
                tracked->position = event.position;
                if (!tracked->travelled && glm::length(event.position - tracked->down) > kTapSlopPixels)
                    tracked->travelled = true;
                apply(gesture, *tracked, from);
            }
            if (!tracked->travelled && m_onMap.size() == 1) gesture.taps.push_back({tracked->down, tracked->id});
            m_onMap.erase(m_onMap.begin() + (tracked - m_onMap.data()));
            break;
        }
        }
    }
    return gesture;
}

}  // namespace oh::table
