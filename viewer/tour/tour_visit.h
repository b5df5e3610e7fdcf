// The listing's pictures inside the tour, as the visitor meets them: markers
// in the model where each photo was taken and each panorama stands, hotspots
// around the visitor inside a panorama, and the fades between the model, a
// photo and a panorama. One state machine for the desktop and the headset:
// they hand it what was chosen (a click, a laser and trigger, a panel entry)
// and the time, and draw what it says; it says where the visitor must be
// moved, and when.
//
//   the model ──choose a panorama──► fade in (the model still where it was)
//       ▲                              │ at full cover: the visitor's eye moves to
//       │                              ▼ the panorama's place (unseen)
//       └──choose the model── fade out ◄── in the panorama ──a hotspot──► fade
//                                                               through black to the next one
//   the model ──choose a photo──► glide to where it was taken (the caller,
//       which calls arrived()) ──► the photo fades in over the view, filling it
//       as the camera saw it ──► any other choice, or leavePhoto(): fades out
//
// A listing with panoramas and no model starts in its first panorama and
// stays in panoramas. Heading stays consistent: a panorama's cube is turned
// by its heading, so looking north in it is looking north in the model.
//
// Not for: uploading pictures (tour_media.h), moving the visitor (walk_mode.h,
// locomotion.h), the photo opened large on a panel (photo_panel.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "bundle/manifest.h"
#include "navigation/collision_world.h"
#include "renderer/overlay.h"

namespace oh::viewer {

struct VisitTarget {
    enum class Kind { Photo, Panorama, Model } kind = Kind::Model;
    uint32_t index = 0;  // into Manifest::photos or ::panoramas; 0 for the model
    bool operator==(const VisitTarget&) const = default;
};

// Where a listing photo was taken, in the model's frame.
struct PhotoPose {
    glm::vec3 eye{0.0f};
    float yawRadians = 0.0f;    // the viewer's convention: 0 down -Z, positive turned left
    float pitchRadians = 0.0f;  // positive up
    float verticalFovRadians = 0.0f;
};

// Where the visitor must now be: their eye at `eye`, facing `yawRadians` (and
// `pitchRadians` where the mode can set it) when given. `hidden`: nothing of
// the model is on screen, so move at once; otherwise glide there (the desktop)
// or teleport with a fade (a headset) and call TourVisit::arrived() on arrival.
struct Relocation {
    glm::vec3 eye{0.0f};
    std::optional<float> yawRadians;
    std::optional<float> pitchRadians;
    bool hidden = false;
};

// What to draw this frame besides the model and the shapes of addShapes().
struct VisitLook {
    std::optional<uint32_t> panorama;  // draw its cube as the PanoramaBackdrop
    float panoramaHeadingRadians = 0.0f;
    float panoramaOpacity = 0.0f;
    std::optional<uint32_t> photo;  // draw it on an OverlayQuad at photoQuad
    glm::mat4 photoQuad{1.0f};
    float photoOpacity = 0.0f;
    float screenFade = 0.0f;  // ScreenEffects::fade: moving between panoramas
    bool modelVisible = true;  // false: the panorama covers it (skip picking markers)
};

class TourVisit;

// "picture panorama 2", "picture photo 0" or "picture -": what the visitor is
// shown besides the model, as --print-pose reports it.
std::string pictureLine(const TourVisit& visit);

class TourVisit {
public:
    static constexpr float kFadeSeconds = 0.45f;         // model <-> panorama, a photo in and out
    static constexpr float kHotspotFadeSeconds = 0.2f;   // each half of a fade through black
    static constexpr float kHotspotDistance = 2.0f;      // metres from the eye: beyond arm's reach, large enough
    static constexpr float kHotspotRadius = 0.13f;       // 7.4° across at that distance
    static constexpr float kMarkerPickRadius = 0.2f;     // forgiving for a mouse and a shaky laser

    // `hasModel`: the tour has a model to walk (false: panoramas only).
    TourVisit(const bundle::Manifest& manifest, bool hasModel);

    // Photo `index`'s pose, when the listing says where it was taken.
    std::optional<PhotoPose> photoPose(uint32_t index) const;
    size_t photoCount() const { return m_photos.size(); }
    size_t panoramaCount() const { return m_panoramas.size(); }

    // The panorama the visitor is in or entering; the photo shown or on its way.
    std::optional<uint32_t> panorama() const { return m_panorama; }
    std::optional<uint32_t> photo() const { return m_photo; }
    bool hasModel() const { return m_hasModel; }
    // A Relocation to a photo's pose is under way: call arrived() when done.
    bool awaitingArrival() const { return m_phase == Phase::GlidingToPhoto; }

    // Acts on a choice. Ignored: an index that does not exist, the model in a
    // tour without one, a photo the listing gives no pose for (open it large
    // instead). A photo or a panorama without a place in the model is shown
    // where the visitor stands.
    void choose(const VisitTarget& target);
    // The glide or teleport a Relocation asked for is done.
    void arrived();
    // Fades the photo at its pose out (the visitor moved or looked away on purpose).
    void leavePhoto();

    // Advances the fades by `seconds`.
    void update(float seconds);
    // Where the visitor must be moved now, once.
    std::optional<Relocation> takeRelocation();

    VisitLook look() const;

    // The markers of the model (where it shows) or the hotspots around `eye`
    // (inside a panorama), `hovered` highlighted.
    void addShapes(gfx::OverlayGeometry& shapes, const glm::vec3& eye, std::optional<VisitTarget> hovered) const;

    // What a ray from `origin` along `direction` (the mouse, a laser) points
    // at: the nearest marker not behind the model's walls (`world`, may be
    // null) or, inside a panorama, the nearest hotspot around `eye`.
    std::optional<VisitTarget> pick(const glm::vec3& origin, const glm::vec3& direction, const glm::vec3& eye,
                                    const nav::CollisionWorld* world) const;

private:
    enum class Phase {
        Model,          // walking the model; maybe a photo faded in at its pose
        GlidingToPhoto, // the caller moves the visitor to m_photo's pose
        EnteringPanorama,
        InPanorama,
        SwitchingPanorama,  // through black to m_nextPanorama
        LeavingPanorama,
    };
    struct PhotoInfo {
        std::optional<PhotoPose> pose;
        float aspect = 1.0f;
    };
    struct PanoramaInfo {
        std::optional<glm::vec3> eye;  // in the model's frame (the plan's without a model)
        float headingRadians = 0.0f;   // clockwise from above
        bool inModel = false;
        std::vector<bundle::PanoramaLink> links;
    };
    struct Hotspot {
        VisitTarget target;
        glm::vec3 center;
    };

    void enterPanorama(uint32_t index);
    // Hotspots of the current panorama around `eye`, the way back to the model last.
    std::vector<Hotspot> hotspots(const glm::vec3& eye) const;
    void relocateToPanorama(uint32_t index);

    std::vector<PhotoInfo> m_photos;
    std::vector<PanoramaInfo> m_panoramas;
    bool m_hasModel = true;

    Phase m_phase = Phase::Model;
    std::optional<uint32_t> m_photo;
    float m_photoOpacity = 0.0f;
    bool m_photoWanted = false;  // fading in (true) or out
    std::optional<uint32_t> m_panorama;
    std::optional<uint32_t> m_nextPanorama;
    float m_phaseSeconds = 0.0f;
    std::optional<Relocation> m_relocation;
};

}  // namespace oh::viewer
