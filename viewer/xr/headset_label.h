// HeadsetLabel: a small label low in the customer's view that always says
// where they are ("Kitchen", "Living room · 360° view", "Bedroom · photo 3"),
// so they need not open the menu panel to find out. A WorldPanel
// (ui/world_panel.h) of its own, drawn as a quad in the world, so both eyes
// see it at its distance, like the menu panel.
//
// Placed the way a comfortable body-locked label is: 25° below the horizon
// (where the eyes still glance without tilting the head, clear of the band
// where a panorama's doorways and their hotspots are; looking down to read it
// does not chase it away), 0.8 m off, upright and facing the eyes. It moves
// with the customer (walking, teleports, snap turns) at once, but follows a
// turn of the head lazily: only once the head has turned more than 20° from
// it, and then smoothly, until it is in front again. With a wall, furniture
// or a photo panel nearer than that, it comes in front of them (to 0.35 m at
// most, wrist distance): a label seen through a surface it stands behind
// confuses the eyes. It keeps its angular size wherever it is: a line of
// text (the font's pixel size) is 1.8° tall, its capitals 1.1°. While the
// customer aims at something (a marker, a hotspot, a teleport) it fades out
// of the way, and back in after.
//
// Not for: what the label says (the headset tour decides), whether the menu
// panel hides it (the tour does not draw it then).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include <glm/glm.hpp>

#include "core/result.h"
#include "navigation/collision_world.h"
#include "renderer/overlay.h"
#include "renderer/vk_context.h"
#include "viewer/ui/world_panel.h"
#include "viewer/xr/locomotion.h"

namespace oh::viewer {

// What the label says: the place in full brightness, the detail dimmer after it.
struct LabelText {
    std::string place;   // the room, or the panorama's name; empty: no label
    std::string detail;  // "360° view", "photo 3", or empty
};

// One frame of the label; poses in the tracking reference space.
struct LabelFrame {
    float dt = 0.0f;  // seconds since the last frame
    Pose head;
    glm::mat4 worldFromReference{1.0f};
    // What the label must stay in front of: the model's surfaces (null while
    // a panorama hides them) and the panels already in the frame (photos).
    const nav::CollisionWorld* world = nullptr;
    std::span<const gfx::OverlayQuad> panels;
    bool aiming = false;  // a laser on a marker or hotspot, or a teleport arc: step aside
};

class HeadsetLabel {
public:
    static constexpr float kBelowHorizonDegrees = 25.0f;
    static constexpr float kDistance = 0.8f;         // metres from the eyes, with nothing in the way
    static constexpr float kNearestDistance = 0.35f;  // metres: with a wall closer than that, it goes in front anyway
    static constexpr float kLineDegrees = 1.8f;      // a line of text (the font's pixel size), seen from the eyes
    static constexpr float kFollowAfterDegrees = 20.0f;  // the head turned this far from it: it comes along
    static constexpr float kFadeSeconds = 0.15f;  // out of the way while aiming, and back

    // Errors: its WorldPanel cannot be made (kExitNoDevice).
    static Result<std::unique_ptr<HeadsetLabel>> create(gfx::GpuContext& context, uint32_t framesInFlight);

    // Places the label for this frame and draws `text` into its image (only
    // when it changed) in `cmd`, before the pass that shows it. With an empty
    // place it is hidden, and comes back where the head is looking.
    // `frameSlot`: as WorldPanel::record.
    Status update(const LabelFrame& frame, const LabelText& text, VkCommandBuffer cmd, uint32_t frameSlot);

    // This frame's quad; none while hidden or faded out. Add it after the
    // other panels, so it is drawn over them.
    std::optional<gfx::OverlayQuad> quad() const;
    // "Kitchen", "Living room · 360° view": what it says (faded out while
    // aiming too); empty while hidden.
    const std::string& shown() const { return m_shown; }

private:
    explicit HeadsetLabel(std::unique_ptr<WorldPanel> panel) : m_panel(std::move(panel)) {}
    void follow(const LabelFrame& frame);
    float clearDistance(const LabelFrame& frame, const glm::vec3& eye, const glm::vec3& centre,
                        const glm::vec3& across) const;
    void drawPlate(const LabelText& text);

    std::unique_ptr<WorldPanel> m_panel;
    std::optional<float> m_yaw;  // reference space; none: not placed since last hidden
    bool m_following = false;    // catching up with the head
    float m_opacity = 0.0f;      // fades in when shown, out while aiming
    float m_plateWidthPixels = 0.0f;  // the plate as last drawn
    glm::mat4 m_transform{1.0f};
    std::string m_shown;
};

}  // namespace oh::viewer
