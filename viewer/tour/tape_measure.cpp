#include "viewer/tour/tape_measure.h"

#include "core/log.h"

namespace oh::viewer {
namespace {

// Two picks on the same spot make no tape (the second is taken as a slip).
constexpr float kShortestTape = 0.005f;

// How the log names an end: by what was snapped to, else by which way the surface faces.
const char* endWord(const nav::MeasurePoint& point) {
    if (point.snap == nav::SnapKind::Corner) return "corner";
    if (point.snap == nav::SnapKind::Edge) return "edge";
    if (point.normal.y > 0.7f) return "floor";  // anything facing up: a table top too
    if (point.normal.y < -0.7f) return "ceiling";
    return "wall";
}

const char* ruleWords(nav::MeasureRule rule) {
    switch (rule) {
        case nav::MeasureRule::Straight: return "point to point";
        case nav::MeasureRule::Level: return "level";
        case nav::MeasureRule::Plumb: return "plumb";
        case nav::MeasureRule::SquareToSurface: return "square to the surface";
    }
    return "";
}

}  // namespace

void TapeMeasure::setMeasuring(bool on) {
    m_measuring = on && available();
    m_first.reset();
    m_hover.reset();
}

void TapeMeasure::clear() {
    m_tapes.clear();
    m_first.reset();
}

void TapeMeasure::toggleConstraint(nav::MeasureConstraint wanted) {
    m_constraint = m_constraint == wanted ? nav::MeasureConstraint::Free : wanted;
}

void TapeMeasure::hover(std::optional<glm::vec3> origin, const glm::vec3& direction) {
    m_hover.reset();
    if (m_measuring && origin) m_hover = pick(*origin, direction);
}

std::optional<nav::Measurement> TapeMeasure::select(const glm::vec3& origin, const glm::vec3& direction) {
    if (!m_measuring) return std::nullopt;
    std::optional<nav::MeasurePoint> picked = pick(origin, direction);
    if (!picked) return std::nullopt;
    if (!m_first) {
        m_first = picked;
        return std::nullopt;
    }
    nav::Measurement tape = nav::measureBetween(*m_first, *picked, m_constraint);
    if (tape.metres < kShortestTape) return std::nullopt;
    m_tapes.add(tape);
    OH_LOG_INFO("measured %s %s to %s (%s; %.4f m)", nav::formatLength(tape.metres).c_str(), endWord(*m_first),
                endWord(*picked), ruleWords(tape.rule), double(tape.metres));
    m_first.reset();
    return tape;
}

std::optional<nav::Measurement> TapeMeasure::liveTape() const {
    if (!m_measuring || !m_first || !m_hover) return std::nullopt;
    return nav::measureBetween(*m_first, *m_hover, m_constraint);
}

std::optional<nav::MeasurePoint> TapeMeasure::pick(const glm::vec3& origin, const glm::vec3& direction) const {
    if (!m_world) return std::nullopt;
    // The snap radius follows the distance to what the pointer is over (snapRadiusAt).
    std::optional<nav::RayHit> hit = nav::raycast(*m_world, nav::RayQuery{origin, direction});
    if (!hit) return std::nullopt;
    nav::PickOptions options;
    options.snapRadius = nav::snapRadiusAt(hit->distance);
    return nav::pickMeasurePoint(*m_world, origin, direction, options);
}

}  // namespace oh::viewer
