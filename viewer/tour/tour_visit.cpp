#include "viewer/tour/tour_visit.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace oh::viewer {
namespace {

// A photo whose listing gives no field of view: about what a phone's main
// camera covers held in landscape.
constexpr float kDefaultPhotoFovDegrees = 55.0f;
// How far in front of the photo's eye it is drawn when it fades in. Close
// enough that furniture rarely stands between, far enough to sit behind the
// near plane and read as a picture in a headset.
constexpr float kPhotoAtPoseDistance = 0.5f;
// The way back to the model from a panorama: a ring on the floor at the
// visitor's feet, found by looking down.
constexpr float kBackToModelDrop = 1.5f;
// A marker the visitor stands in (sent to a room whose spot is a panorama's,
// or to where several photos were taken) is neither drawn nor chosen: it
// would fill the view, and a click anywhere ahead would pick it.
constexpr float kStandingInMarker = 0.5f;

const glm::vec4 kMarkerColor{0.93f, 0.94f, 0.97f, 0.95f};
const glm::vec4 kLensColor{0.16f, 0.42f, 0.88f, 1.0f};
const glm::vec4 kHoverColor{1.0f, 0.72f, 0.18f, 1.0f};
const glm::vec4 kHotspotColor{1.0f, 1.0f, 1.0f, 0.92f};
const glm::vec4 kBackColor{0.45f, 0.85f, 0.55f, 0.92f};

// A direction from a listing heading (degrees clockwise from above, 0 along
// -Z, 90 along +X) and pitch (degrees up).
glm::vec3 directionOf(double headingDegrees, double pitchDegrees) {
    float heading = glm::radians(float(headingDegrees));
    float pitch = glm::radians(float(pitchDegrees));
    return {std::sin(heading) * std::cos(pitch), std::sin(pitch), -std::cos(heading) * std::cos(pitch)};
}

glm::vec3 forwardOf(float yawRadians, float pitchRadians) {
    return {-std::sin(yawRadians) * std::cos(pitchRadians), std::sin(pitchRadians),
            -std::cos(yawRadians) * std::cos(pitchRadians)};
}

glm::vec3 toVec3(const listing::Position& p) { return {float(p[0]), float(p[1]), float(p[2])}; }

// Distance along the unit ray to where it passes within `radius` of `center`.
std::optional<float> raySphere(const glm::vec3& origin, const glm::vec3& direction, const glm::vec3& center,
                               float radius) {
    glm::vec3 toCenter = center - origin;
    float along = glm::dot(toCenter, direction);
    if (along < 0.0f) return std::nullopt;
    float missSquared = glm::dot(toCenter, toCenter) - along * along;
    if (missSquared > radius * radius) return std::nullopt;
    return along;
}

}  // namespace

std::string pictureLine(const TourVisit& visit) {
    if (visit.panorama()) return "picture panorama " + std::to_string(*visit.panorama());
    if (visit.photo()) return "picture photo " + std::to_string(*visit.photo());
    return "picture -";
}

TourVisit::TourVisit(const bundle::Manifest& manifest, bool hasModel) : m_hasModel(hasModel) {
    for (size_t i = 0; i < manifest.photos.size(); ++i) {
        PhotoInfo info;
        const bundle::ImagePart& display = manifest.photos[i].display;
        if (display.height > 0) info.aspect = float(display.width) / float(display.height);
        if (manifest.listing && i < manifest.listing->photos.size() && manifest.listing->photos[i].camera) {
            const listing::PhotoCamera& camera = *manifest.listing->photos[i].camera;
            info.pose = PhotoPose{toVec3(camera.position), -glm::radians(float(camera.heading)),
                                  glm::radians(float(camera.pitch.value_or(0.0))),
                                  glm::radians(float(camera.fov.value_or(kDefaultPhotoFovDegrees)))};
        }
        m_photos.push_back(info);
    }
    for (const bundle::PanoramaEntry& entry : manifest.panoramas) {
        PanoramaInfo info;
        if (entry.place.position) info.eye = toVec3(*entry.place.position);
        info.headingRadians = glm::radians(float(entry.place.heading.value_or(0.0)));
        info.inModel = entry.place.inModel && m_hasModel;
        info.links = entry.place.links;
        m_panoramas.push_back(std::move(info));
    }
    // A tour of panoramas alone begins inside the first.
    if (!m_hasModel && !m_panoramas.empty()) {
        m_phase = Phase::InPanorama;
        m_panorama = 0;
    }
}

std::optional<PhotoPose> TourVisit::photoPose(uint32_t index) const {
    return index < m_photos.size() ? m_photos[index].pose : std::nullopt;
}

void TourVisit::choose(const VisitTarget& target) {
    switch (target.kind) {
    case VisitTarget::Kind::Panorama:
        if (target.index >= m_panoramas.size()) return;
        if (m_phase == Phase::Model || m_phase == Phase::GlidingToPhoto) {
            leavePhoto();
            enterPanorama(target.index);
        } else if (m_phase == Phase::InPanorama && target.index != m_panorama) {
            m_phase = Phase::SwitchingPanorama;
            m_nextPanorama = target.index;
            m_phaseSeconds = 0.0f;
        }
        return;
    case VisitTarget::Kind::Model:
        if (m_hasModel && m_phase == Phase::InPanorama) {
            m_phase = Phase::LeavingPanorama;
            m_phaseSeconds = 0.0f;
        }
        return;
    case VisitTarget::Kind::Photo:
        if (target.index >= m_photos.size() || !m_photos[target.index].pose) return;
        if (m_phase != Phase::Model && m_phase != Phase::GlidingToPhoto) return;
        {
            const PhotoPose& pose = *m_photos[target.index].pose;
            m_photo = target.index;
            m_photoOpacity = 0.0f;
            m_photoWanted = false;
            m_phase = Phase::GlidingToPhoto;
            m_relocation = Relocation{pose.eye, pose.yawRadians, pose.pitchRadians, false};
        }
        return;
    }
}

void TourVisit::enterPanorama(uint32_t index) {
    m_phase = Phase::EnteringPanorama;
    m_panorama = index;
    m_phaseSeconds = 0.0f;
}

void TourVisit::relocateToPanorama(uint32_t index) {
    const PanoramaInfo& panorama = m_panoramas[index];
    if (panorama.inModel && panorama.eye) m_relocation = Relocation{*panorama.eye, std::nullopt, std::nullopt, true};
}

void TourVisit::arrived() {
    if (m_phase != Phase::GlidingToPhoto) return;
    m_phase = Phase::Model;
    m_photoWanted = true;
}

void TourVisit::leavePhoto() {
    m_photoWanted = false;
    if (m_phase == Phase::GlidingToPhoto) {
        m_phase = Phase::Model;
        m_photo.reset();
        m_photoOpacity = 0.0f;
    }
}

void TourVisit::update(float seconds) {
    seconds = std::max(seconds, 0.0f);
    if (m_photo) {
        float step = seconds / kFadeSeconds;
        m_photoOpacity = std::clamp(m_photoOpacity + (m_photoWanted ? step : -step), 0.0f, 1.0f);
        if (!m_photoWanted && m_photoOpacity == 0.0f && m_phase != Phase::GlidingToPhoto) m_photo.reset();
    }
    m_phaseSeconds += seconds;
    switch (m_phase) {
    case Phase::EnteringPanorama:
        if (m_phaseSeconds >= kFadeSeconds) {
            m_phase = Phase::InPanorama;
            relocateToPanorama(*m_panorama);
        }
        break;
    case Phase::LeavingPanorama:
        if (m_phaseSeconds >= kFadeSeconds) {
            m_phase = Phase::Model;
            m_panorama.reset();
        }
        break;
    case Phase::SwitchingPanorama:
        if (m_nextPanorama && m_phaseSeconds >= kHotspotFadeSeconds) {
            m_panorama = *m_nextPanorama;
            m_nextPanorama.reset();
            relocateToPanorama(*m_panorama);
        }
        if (m_phaseSeconds >= 2.0f * kHotspotFadeSeconds) m_phase = Phase::InPanorama;
        break;
    case Phase::Model:
    case Phase::GlidingToPhoto:
    case Phase::InPanorama:
        break;
    }
}

std::optional<Relocation> TourVisit::takeRelocation() {
    std::optional<Relocation> relocation = m_relocation;
    m_relocation.reset();
    return relocation;
}

VisitLook TourVisit::look() const {
    VisitLook look;
    float fraction = std::clamp(m_phaseSeconds / kFadeSeconds, 0.0f, 1.0f);
    switch (m_phase) {
    case Phase::EnteringPanorama: look.panoramaOpacity = fraction; break;
    case Phase::LeavingPanorama: look.panoramaOpacity = 1.0f - fraction; break;
    case Phase::InPanorama: look.panoramaOpacity = 1.0f; break;
    case Phase::SwitchingPanorama:
        look.panoramaOpacity = 1.0f;
        look.screenFade = 1.0f - std::abs(m_phaseSeconds / kHotspotFadeSeconds - 1.0f);
        look.screenFade = std::clamp(look.screenFade, 0.0f, 1.0f);
        break;
    case Phase::Model:
    case Phase::GlidingToPhoto: break;
    }
    if (m_panorama && look.panoramaOpacity > 0.0f) {
        look.panorama = m_panorama;
        look.panoramaHeadingRadians = m_panoramas[*m_panorama].headingRadians;
    }
    look.modelVisible = m_hasModel && look.panoramaOpacity < 1.0f;
    if (m_photo && m_photoOpacity > 0.0f) {
        const PhotoInfo& photo = m_photos[*m_photo];
        const PhotoPose& pose = *photo.pose;
        // Filling the view as the camera saw it, so the photo lies over the
        // place it shows and the fade compares the two.
        glm::vec3 forward = forwardOf(pose.yawRadians, pose.pitchRadians);
        glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0.0f, 1.0f, 0.0f)));
        glm::vec3 up = glm::cross(right, forward);
        float halfHeight = kPhotoAtPoseDistance * std::tan(pose.verticalFovRadians * 0.5f);
        look.photo = m_photo;
        look.photoOpacity = m_photoOpacity;
        look.photoQuad = glm::mat4(glm::vec4(right * halfHeight * photo.aspect, 0.0f), glm::vec4(up * halfHeight, 0.0f),
                                   glm::vec4(-forward, 0.0f), glm::vec4(pose.eye + forward * kPhotoAtPoseDistance, 1.0f));
    }
    return look;
}

std::vector<TourVisit::Hotspot> TourVisit::hotspots(const glm::vec3& eye) const {
    std::vector<Hotspot> out;
    if (m_phase != Phase::InPanorama || !m_panorama) return out;
    const PanoramaInfo& panorama = m_panoramas[*m_panorama];
    for (const bundle::PanoramaLink& link : panorama.links)
        out.push_back({{VisitTarget::Kind::Panorama, link.target},
                       eye + directionOf(link.heading, link.pitch) * kHotspotDistance});
    if (m_hasModel) out.push_back({{VisitTarget::Kind::Model, 0}, eye - glm::vec3(0.0f, kBackToModelDrop, 0.0f)});
    return out;
}

void TourVisit::addShapes(gfx::OverlayGeometry& shapes, const glm::vec3& eye,
                          std::optional<VisitTarget> hovered) const {
    if (m_phase == Phase::InPanorama) {
        for (const Hotspot& hotspot : hotspots(eye)) {
            bool hot = hovered == hotspot.target;
            float radius = kHotspotRadius * (hot ? 1.25f : 1.0f);
            bool back = hotspot.target.kind == VisitTarget::Kind::Model;
            glm::vec3 facing = back ? glm::vec3(0.0f, 1.0f, 0.0f) : glm::normalize(eye - hotspot.center);
            glm::vec4 color = hot ? kHoverColor : back ? kBackColor : kHotspotColor;
            float ring = back ? 2.0f : 1.0f;  // the way out is a wider ring on the floor
            shapes.addDisc(hotspot.center, facing, radius * ring, color, radius * ring * 0.78f);
            shapes.addDisc(hotspot.center, facing, radius * 0.38f, color);
        }
        return;
    }
    if (m_phase != Phase::Model && m_phase != Phase::GlidingToPhoto) return;
    for (uint32_t i = 0; i < m_photos.size(); ++i) {
        if (!m_photos[i].pose || m_photo == i || glm::distance(eye, m_photos[i].pose->eye) < kStandingInMarker) continue;
        const PhotoPose& pose = *m_photos[i].pose;
        bool hot = hovered == VisitTarget{VisitTarget::Kind::Photo, i};
        // A small camera where the photo was taken, pointing where it looked.
        glm::mat4 body = glm::translate(glm::mat4(1.0f), pose.eye) *
                         glm::rotate(glm::mat4(1.0f), pose.yawRadians, glm::vec3(0.0f, 1.0f, 0.0f)) *
                         glm::rotate(glm::mat4(1.0f), pose.pitchRadians, glm::vec3(1.0f, 0.0f, 0.0f));
        shapes.addBox(body, glm::vec3(0.075f, 0.05f, 0.035f) * (hot ? 1.3f : 1.0f), hot ? kHoverColor : kMarkerColor);
        glm::vec3 forward = forwardOf(pose.yawRadians, pose.pitchRadians);
        shapes.addDisc(pose.eye + forward * (hot ? 0.047f : 0.037f), forward, 0.028f, kLensColor);
    }
    for (uint32_t i = 0; i < m_panoramas.size(); ++i) {
        const PanoramaInfo& panorama = m_panoramas[i];
        if (!panorama.inModel || !panorama.eye || glm::distance(eye, *panorama.eye) < kStandingInMarker) continue;
        bool hot = hovered == VisitTarget{VisitTarget::Kind::Panorama, i};
        // A globe of three rings: "look all around from here".
        float radius = hot ? 0.2f : 0.16f;
        glm::vec4 color = hot ? kHoverColor : kMarkerColor;
        for (glm::vec3 axis : {glm::vec3(1, 0, 0), glm::vec3(0, 1, 0), glm::vec3(0, 0, 1)})
            shapes.addDisc(*panorama.eye, axis, radius, color, radius * 0.86f);
    }
}

std::optional<VisitTarget> TourVisit::pick(const glm::vec3& origin, const glm::vec3& direction, const glm::vec3& eye,
                                           const nav::CollisionWorld* world) const {
    float length = glm::length(direction);
    if (!(length > 0.0f)) return std::nullopt;
    glm::vec3 unit = direction / length;
    std::optional<VisitTarget> best;
    float bestDistance = 0.0f;
    auto consider = [&](const VisitTarget& target, const glm::vec3& center, float radius, bool behindWalls) {
        std::optional<float> distance = raySphere(origin, unit, center, radius);
        if (!distance || (best && *distance >= bestDistance)) return;
        if (behindWalls && world) {
            // Glass does not hide a marker: it is seen through it.
            nav::RayQuery query{origin, unit, std::max(*distance - radius, 0.0f), true};
            if (nav::raycast(*world, query)) return;
        }
        best = target;
        bestDistance = *distance;
    };
    if (m_phase == Phase::InPanorama) {
        for (const Hotspot& hotspot : hotspots(eye))
            consider(hotspot.target, hotspot.center,
                     kHotspotRadius * (hotspot.target.kind == VisitTarget::Kind::Model ? 2.0f : 1.5f), false);
        return best;
    }
    if (m_phase != Phase::Model && m_phase != Phase::GlidingToPhoto) return std::nullopt;
    for (uint32_t i = 0; i < m_photos.size(); ++i)
        if (m_photos[i].pose && m_photo != i && glm::distance(eye, m_photos[i].pose->eye) >= kStandingInMarker)
            consider({VisitTarget::Kind::Photo, i}, m_photos[i].pose->eye, kMarkerPickRadius, true);
    for (uint32_t i = 0; i < m_panoramas.size(); ++i)
        if (m_panoramas[i].inModel && m_panoramas[i].eye && glm::distance(eye, *m_panoramas[i].eye) >= kStandingInMarker)
            consider({VisitTarget::Kind::Panorama, i}, *m_panoramas[i].eye, kMarkerPickRadius, true);
    return best;
}

}  // namespace oh::viewer
