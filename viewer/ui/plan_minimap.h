// The floor plan as a minimap: the tour's plan (tour/tour_plan.h) cut to the
// storey the visitor is on, with "you are here" and the way they face; a
// click on it gives the floor point there, for the tour to take the visitor
// to. On the desktop and the agent's mirror it is a window of its own in the
// bottom-right corner (where the agent sends the customer anywhere with one
// click); on the headset's panel a tab of the tour panel.
//
// Not for: making the plan (plan/), moving the visitor (the tour does).
#pragma once

#include <optional>

#include <glm/glm.hpp>

#include "viewer/tour/tour_plan.h"
#include "viewer/ui/atlas_images.h"

namespace oh::viewer {

class PlanMinimap {
public:
    explicit PlanMinimap(TourPlan plan);

    // The plan's picture, to put in each ImGui context's atlas.
    AtlasImages& picture() { return m_picture; }
    const AtlasImages& picture() const { return m_picture; }
    const TourPlan& plan() const { return m_plan; }

    // Draws the plan of the storey under `feet` into the current ImGui
    // window, at most `maxWidth` pixels wide, the visitor marked facing
    // `yawRadians`. Returns the floor point clicked, if any.
    std::optional<glm::vec3> draw(const glm::vec3& feet, float yawRadians, float maxWidth) const;

private:
    TourPlan m_plan;
    AtlasImages m_picture;  // one: the plan
};

// The minimap as a window of its own, bottom-right, folding to its title
// bar, narrower in a small display so it stays clear of the `reservedLeft`
// pixels on the left (the tour panel). Returns the floor point clicked.
std::optional<glm::vec3> drawPlanWindow(const PlanMinimap& minimap, const glm::vec3& feet, float yawRadians,
                                        float reservedLeft);

}  // namespace oh::viewer
