#include "viewer/tour/tour_pictures.h"

#include "viewer/tour/photo_panel.h"

namespace oh::viewer {
namespace {

const bundle::Manifest& manifestOf(const TourAssets& tour) {
    static const bundle::Manifest none;  // a bare model: no photos, no panoramas
    return tour.manifest ? *tour.manifest : none;
}

// How far from a photo's or panorama's spot the visitor may be put when the
// spot itself has no room to stand.
constexpr float kStandNearRadius = 0.6f;

}  // namespace

TourPictures::TourPictures(gfx::GpuContext& context, const TourAssets& tour, const MediaOptions& options)
    : m_manifest(&manifestOf(tour)),
      m_world(tour.walkable()),
      m_visit(manifestOf(tour), !tour.scene.instances.empty()) {
    if (tour.bundle && tour.manifest) m_media.emplace(context, *tour.bundle, *tour.manifest, options);
    if (tour.manifest && tour.manifest->listing)
        for (const listing::Panorama& panorama : tour.manifest->listing->panoramas)
            m_panoramaNames.push_back(panorama.name);
    m_look = m_visit.look();
}

std::optional<VisitTarget> TourPictures::pick(const glm::vec3& origin, const glm::vec3& direction,
                                              const glm::vec3& eye) const {
    return m_visit.pick(origin, direction, eye, m_world);
}

void TourPictures::openPhoto(uint32_t index, const glm::mat4& headView) {
    if (index >= m_manifest->photos.size()) return;
    const bundle::ImagePart& display = m_manifest->photos[index].display;
    float aspect = display.height > 0 ? float(display.width) / float(display.height) : 1.0f;
    m_openPhoto = OpenPhoto{index, photoPanelTransform(headView, aspect)};
}

std::optional<nav::WalkerState> TourPictures::standingFor(const Relocation& relocation,
                                                          const nav::WalkerParams& params) {
    std::optional<nav::WalkerState> standing;
    if (m_world) {
        glm::vec3 feet = relocation.eye - glm::vec3(0.0f, params.eyeHeight, 0.0f);
        standing = nav::standNear(*m_world, params, feet + glm::vec3(0.0f, 0.5f, 0.0f), 1.5f, kStandNearRadius);
    }
    if (!standing && m_visit.awaitingArrival()) m_visit.arrived();
    return standing;
}

Status TourPictures::update(float seconds, const glm::vec3& eye, std::optional<VisitTarget> hovered) {
    m_visit.update(seconds);
    m_look = m_visit.look();
    m_eye = eye;
    m_hovered = hovered;
    m_backdrop = {};
    m_quads.clear();
    if (!m_media) return ok();
    OH_TRY(m_media->update());
    if (m_look.panorama) {
        auto cube = m_media->panorama(*m_look.panorama);
        if (!cube) return cube.error();
        m_backdrop = {cube->view, m_look.panoramaHeadingRadians, m_look.panoramaOpacity};
    }
    if (m_look.photo) {
        auto photo = m_media->photo(*m_look.photo);
        if (!photo) return photo.error();
        m_quads.push_back({m_look.photoQuad, photo->view, m_look.photoOpacity});
    }
    if (m_openPhoto) {
        auto photo = m_media->photo(m_openPhoto->index);
        if (!photo) return photo.error();
        m_quads.push_back({m_openPhoto->transform, photo->view, 1.0f});
    }
    return ok();
}

std::string TourPictures::pictureLine() const {
    if (m_openPhoto) return "picture photo " + std::to_string(m_openPhoto->index);
    return viewer::pictureLine(m_visit);
}

void TourPictures::appendQuads(std::vector<gfx::OverlayQuad>& quads) const {
    quads.insert(quads.end(), m_quads.begin(), m_quads.end());
}

void TourPictures::addShapes(gfx::OverlayGeometry& shapes) const { m_visit.addShapes(shapes, m_eye, m_hovered); }

}  // namespace oh::viewer
