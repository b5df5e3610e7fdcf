// The listing's pictures in a running tour, as one object the desktop and the
// headset both drive: what the visitor is looking at (tour_visit.h), the GPU
// pictures it needs (tour_media.h), a photo opened large (photo_panel.h), and
// each frame's share of the overlays: the panorama backdrop, photo quads,
// markers and hotspots, the fade between panoramas.
//
// Each frame: pick() with the mouse ray or the laser, choose() on a click or
// trigger, update() with the time and the eye, takeRelocation() to move the
// visitor, then backdrop()/appendQuads()/addShapes()/screenFade() into the
// frame's gfx::FrameOverlays.
//
// Not for: input (the desktop and headset tours), moving the visitor.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "navigation/walker.h"
#include "renderer/overlay.h"
#include "viewer/tour/tour_assets.h"
#include "viewer/tour/tour_media.h"
#include "viewer/tour/tour_visit.h"

namespace oh::viewer {

class TourPictures {
public:
    // The pictures of `tour`'s bundle; none for a bare model (empty() is true).
    TourPictures(gfx::GpuContext& context, const TourAssets& tour, const MediaOptions& options = {});
    TourPictures(const TourPictures&) = delete;
    TourPictures& operator=(const TourPictures&) = delete;

    bool empty() const { return !m_media; }
    // The listing's panoramas by name, in its order (the panels list them).
    std::span<const std::string> panoramaNames() const { return m_panoramaNames; }
    TourVisit& visit() { return m_visit; }
    const TourVisit& visit() const { return m_visit; }

    // What a ray from `origin` along `direction` points at, for an eye at `eye`.
    std::optional<VisitTarget> pick(const glm::vec3& origin, const glm::vec3& direction, const glm::vec3& eye) const;
    void choose(const VisitTarget& target) { m_visit.choose(target); }

    // Photo `index` opened large in front of the view `headView` (world ->
    // between the eyes), until closePhoto(); a photo already open is replaced.
    void openPhoto(uint32_t index, const glm::mat4& headView);
    void closePhoto() { m_openPhoto.reset(); }
    // "picture photo 3", "picture panorama 1", "picture -": what the visitor
    // looks at, the photo opened large first (--print-pose, tour_visit.h pictureLine).
    std::string pictureLine() const;
    std::optional<uint32_t> openPhotoIndex() const { return m_openPhoto ? std::optional(m_openPhoto->index) : std::nullopt; }

    // Advances fades by `seconds` and gets this frame's GPU pictures (a
    // panorama's preview at once, its full cube a frame or more later).
    // `eye`: where the visitor's eyes are, for the hotspots around them;
    // `hovered`: what pick() found this frame, drawn highlighted.
    Status update(float seconds, const glm::vec3& eye, std::optional<VisitTarget> hovered);
    // Before update(): waits for the pictures still loading, so this frame
    // shows them in full (TourMedia::settle): a scripted run's screenshot.
    Status settle() { return m_media ? m_media->settle() : ok(); }
    std::optional<Relocation> takeRelocation() { return m_visit.takeRelocation(); }
    // Where the visitor stands for `relocation`: on the floor under its eye,
    // or near it when that spot has no room (a camera held over furniture).
    // None without a floor there (or a model): the picture is then shown
    // where the visitor is, and a photo's awaited arrival counts as done.
    std::optional<nav::WalkerState> standingFor(const Relocation& relocation, const nav::WalkerParams& params);

    // This frame's share of the overlays.
    gfx::PanoramaBackdrop backdrop() const { return m_backdrop; }
    void appendQuads(std::vector<gfx::OverlayQuad>& quads) const;
    void addShapes(gfx::OverlayGeometry& shapes) const;
    float screenFade() const { return m_look.screenFade; }
    // False while a panorama covers the whole view: skip walking and the model's picking.
    bool modelVisible() const { return m_look.modelVisible; }

private:
    struct OpenPhoto {
        uint32_t index = 0;
        glm::mat4 transform{1.0f};
    };

    std::optional<TourMedia> m_media;
    const bundle::Manifest* m_manifest = nullptr;
    const nav::CollisionWorld* m_world = nullptr;
    TourVisit m_visit;
    std::vector<std::string> m_panoramaNames;
    std::optional<OpenPhoto> m_openPhoto;

    VisitLook m_look;
    glm::vec3 m_eye{0.0f};
    std::optional<VisitTarget> m_hovered;
    gfx::PanoramaBackdrop m_backdrop;
    std::vector<gfx::OverlayQuad> m_quads;
};

}  // namespace oh::viewer
