#include "viewer/tour/guided_tour.h"

namespace oh::viewer {

GuidedTour::GuidedTour(uint32_t stopCount, float dwellSeconds)
    : m_stopCount(stopCount), m_dwellSeconds(dwellSeconds), m_stopDwells(stopCount), m_secondsLeft(dwellSeconds) {}

void GuidedTour::setStopDwell(uint32_t stop, float seconds) {
    if (stop < m_stopCount && seconds > 0.0f) m_stopDwells[stop] = seconds;
}

float GuidedTour::dwellAt(uint32_t stop) const {
    return stop < m_stopCount ? m_stopDwells[stop].value_or(m_dwellSeconds) : m_dwellSeconds;
}

std::optional<uint32_t> GuidedTour::next() {
    if (m_stopCount == 0) return std::nullopt;
    return arriveAt(m_current ? (*m_current + 1) % m_stopCount : 0);
}

std::optional<uint32_t> GuidedTour::previous() {
    if (m_stopCount == 0) return std::nullopt;
    return arriveAt(m_current ? (*m_current + m_stopCount - 1) % m_stopCount : m_stopCount - 1);
}

std::optional<uint32_t> GuidedTour::goTo(uint32_t stop) {
    if (stop >= m_stopCount) return std::nullopt;
    return arriveAt(stop);
}

std::optional<uint32_t> GuidedTour::setAutoplay(bool on) {
    m_autoplay = on && m_stopCount > 0;
    m_paused = false;
    m_secondsLeft = m_current ? dwellAt(*m_current) : m_dwellSeconds;
    if (!m_autoplay) return std::nullopt;
    if (!m_current || *m_current + 1 == m_stopCount) return arriveAt(0);
    return std::nullopt;
}

std::optional<uint32_t> GuidedTour::advance(float dt, bool customerMovedThemselves) {
    if (!m_autoplay) return std::nullopt;
    m_paused = m_paused || customerMovedThemselves;
    if (m_paused) return std::nullopt;
    m_secondsLeft -= dt;
    if (m_secondsLeft > 0.0f) return std::nullopt;
    if (*m_current + 1 == m_stopCount) return setAutoplay(false);
    return arriveAt(*m_current + 1);
}

std::optional<uint32_t> GuidedTour::resume() {
    if (!m_paused) return std::nullopt;
    if (*m_current + 1 == m_stopCount) return setAutoplay(false);
    return arriveAt(*m_current + 1);
}

std::optional<uint32_t> GuidedTour::arriveAt(uint32_t stop) {
    m_current = stop;
    m_paused = false;
    m_secondsLeft = dwellAt(stop);
    return stop;
}

}  // namespace oh::viewer
