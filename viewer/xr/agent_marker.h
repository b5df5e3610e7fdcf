// The agent's pointer: a click on the mirror's picture puts a marker where
// that pixel's ray meets the model ("look at this window"), and the customer
// sees it in the headset as a pulsing ring on the surface with a pin
// pointing into it. While it lies outside the middle of the customer's view,
// a small arrow near the edge of the view, always in front of the head,
// points the way to turn. Inside a panorama (the model hidden) the marker
// hangs a few metres out along the ray: a panorama only turns with the head,
// so the direction is what the agent meant.
//
// Plain state and shapes; the caller turns the mirror click into a ray
// (xr_mirror.h), clears the marker when the customer is moved elsewhere, and
// draws the shapes with the frame's overlays.
// Not for: what the mirror shows, measuring (xr_measure.h).
#pragma once

#include <optional>

#include <glm/glm.hpp>

#include "navigation/collision_world.h"
#include "renderer/overlay.h"

namespace oh::viewer {

class AgentMarker {
public:
    static constexpr float kReach = 30.0f;           // metres: beyond any room, a click "at the sky" points at nothing
    static constexpr float kPanoramaDistance = 3.0f;  // the marker's distance along the ray when no model shows
    // Off the view's centre by more than this, the cue shows: well inside a
    // headset's field of view (about 45° to its edges), so the customer
    // turns before the marker is at the rim of the lens where it blurs.
    static constexpr float kCueBeyondDegrees = 30.0f;
    static constexpr float kRingRadius = 0.12f;    // 14° across at half a metre, 3° across the room
    static constexpr float kClearRadius = 0.3f;    // a second click this near the marker takes it away

    // The agent's click as a ray in the world. On the model (`world`, null
    // when none shows): the marker goes where it meets it within kReach, and
    // a click on the marker itself clears it; nothing met: the marker goes.
    // `modelVisible` false (a panorama): kPanoramaDistance along the ray.
    void pointAt(const glm::vec3& origin, const glm::vec3& direction, const nav::CollisionWorld* world,
                 bool modelVisible);
    void clear() { m_marker.reset(); }
    std::optional<glm::vec3> position() const {
        return m_marker ? std::optional<glm::vec3>(m_marker->point) : std::nullopt;
    }

    // The pulse's clock.
    void update(float dt);
    // Whether, seen from `eye` looking along `forward`, the marker is far
    // enough off the centre of view that the cue shows.
    bool outsideView(const glm::vec3& eye, const glm::vec3& forward) const;
    // The marker, and the cue when outsideView(): in front of `eye`, in the
    // plane across `forward` with `up` the head's up, pointing the way to turn.
    void addShapes(gfx::OverlayGeometry& shapes, const glm::vec3& eye, const glm::vec3& forward,
                   const glm::vec3& up) const;

private:
    struct Marker {
        glm::vec3 point;
        glm::vec3 normal;  // towards where the agent looked from
    };
    std::optional<Marker> m_marker;
    float m_seconds = 0.0f;
};

}  // namespace oh::viewer
