// Overlays: what a headset (or any viewer) needs drawn on top of the scene in
// the same pass — a 360° panorama around the viewer, unlit shapes (teleport
// arc, landing marker, controllers, a laser pointer, hotspots), textured
// panels (an in-headset menu, a photo) and full-view comfort effects
// (vignette, fade). Plain CPU data handed to Renderer::record each frame; the
// renderer copies it, so it may change every frame.
// Not for scene content (lit, culled, sorted): that belongs in the GpuScene.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

namespace oh::gfx {

struct OverlayVertex {
    glm::vec3 position;  // world space
    glm::vec4 color;     // linear colour, straight alpha: appears as given on an sRGB target
};

// Simple unlit shapes drawn after the scene, depth-tested (hidden behind
// walls) and depth-writing (solid shapes hide each other), alpha-blended in
// the order added: add translucent pieces back to front. Closed shapes (tube,
// box) face outwards and show their outside only; flat shapes (disc, arrow)
// show both sides. A shape lying on a floor should be lifted a centimetre or
// so, or it fights the floor for depth.
struct OverlayGeometry {
    std::vector<OverlayVertex> vertices;
    std::vector<uint32_t> indices;  // triangle list, counter-clockwise seen from the front

    void clear();
    // A thin round tube along the points, capped at both ends; nothing for fewer than 2 points.
    void addTube(std::span<const glm::vec3> polyline, float radius, const glm::vec4& color);
    // A flat disc facing `normal`; a ring when innerRadius > 0.
    void addDisc(const glm::vec3& center, const glm::vec3& normal, float radius, const glm::vec4& color,
                 float innerRadius = 0.0f);
    // A box spanning -halfExtents..halfExtents in the space of `transform` (which may rotate, scale or mirror).
    void addBox(const glm::mat4& transform, const glm::vec3& halfExtents, const glm::vec4& color);
    // A flat arrow lying in the plane across `up`, from `base` along `direction`
    // (flattened into that plane): the teleport marker's facing.
    void addArrow(const glm::vec3& base, const glm::vec3& direction, float length, float width, const glm::vec3& up,
                  const glm::vec4& color);

private:
    // Both windings of a flat triangle, so it shows from either side.
    void addTwoSidedTriangle(uint32_t a, uint32_t b, uint32_t c);
};

// A textured rectangle in the world (the in-headset menu panel, a photo
// opened in front of the visitor): spans -1..1 in x and y of worldFromQuad,
// facing +Z (invisible from behind); the image is sampled with (0,0) at the
// top-left as seen from the front, multiplied by `opacity`, and must be in
// SHADER_READ_ONLY_OPTIMAL when the frame runs. An sRGB image view gives the
// colours as stored. Drawn over the scene, never hidden by it (a visitor
// standing closer to a wall than the panel still sees it all), and before the
// shapes, which it hides where it is nearer than they are: a controller or a
// laser in front of it shows, a marker behind it does not.
struct OverlayQuad {
    glm::mat4 worldFromQuad{1.0f};
    VkImageView image = VK_NULL_HANDLE;
    float opacity = 1.0f;
};
// Distinct quad images one frame may use.
constexpr uint32_t kMaxOverlayImages = 8;

// Full-view comfort effects, drawn last over everything.
struct ScreenEffects {
    // 0..1: a soft black tunnel narrowing the view, centred on each view's
    // optical axis (where its view direction projects, not the image centre,
    // for asymmetric headset frusta). Measured in tangent of the angle off the
    // axis: clear within mix(1.0, 0.1, vignette), black beyond 0.4 more; it
    // eases in over 0..0.2 so a small value cannot black out the corners at once.
    float vignette = 0.0f;
    float fade = 0.0f;  // 0..1: blends the whole view to fadeColour
    // Linear light. Black for a teleport's comfort fade; the loading space's
    // own light for a switch of tours, so the view dissolves into the space
    // and out of it without ever going dark.
    glm::vec3 fadeColour{0.0f};
};

// A 360° panorama around the viewer (a tour's panorama spot), drawn over the
// scene and under the other overlays: each view samples the cube by its view
// direction only — the eye's position does not matter, so head motion turns
// the panorama but never shifts it (no parallax), in both eyes alike. Where it
// is drawn the depth becomes the far plane, so the shapes and panels drawn
// after it are never hidden by the model behind it. At opacity 1 it hides the
// scene, whose draws are then skipped altogether; below, it is blended over
// the scene (a cross-fade).
struct PanoramaBackdrop {
    // A cube view (GpuTexture of a cube) in SHADER_READ_ONLY_OPTIMAL when the
    // frame runs; none: no panorama. Faces as tour bundles store them: the
    // panorama's forward direction (its photo's centre) is the cube's -Z.
    VkImageView cube = VK_NULL_HANDLE;
    // Where the cube's -Z faces in the world: radians clockwise seen from
    // above, 0 along -Z, pi/2 along +X (a listing's heading, in radians).
    float heading = 0.0f;
    float opacity = 1.0f;  // 0..1
};

// Drawn in this order: the panorama, the panels, the shapes, the effects.
struct FrameOverlays {
    const OverlayGeometry* geometry = nullptr;
    std::span<const OverlayQuad> quads;
    ScreenEffects effects;
    PanoramaBackdrop panorama;
};

}  // namespace oh::gfx
