// The agent's guided tour: the listing's spots, in its order, are the stops
// (rooms/rooms.h lists them). The agent steps through them (next, previous,
// a stop chosen) or lets autoplay move on by itself after a dwell at each.
// Autoplay pauses when the customer moves on their own, waits for the agent
// to resume, and ends at the last stop.
//
// Plain state stepped by the caller once a frame: it says which stop to go
// to and nothing more. Not for: moving the customer (the caller jumps them to
// the stop behind a fade, xr/locomotion.h), drawing the controls (the
// agent's mirror in xr/xr_tour.cpp), deciding what counts as the customer's
// own move (the caller does; see advance()).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace oh::viewer {

class GuidedTour {
public:
    static constexpr float kDefaultDwellSeconds = 20.0f;

    // `stopCount` stops (none: every step answers none); autoplay waits
    // `dwellSeconds` (> 0) at each that has no dwell of its own. No stop is
    // current until the first step.
    explicit GuidedTour(uint32_t stopCount, float dwellSeconds = kDefaultDwellSeconds);
    // Stop `stop`'s own dwell (> 0; the listing's spots[].dwell), from its next arrival.
    void setStopDwell(uint32_t stop, float seconds);

    // The agent's steps. Each returns the stop to move the customer to (none:
    // there are no stops). Next and previous wrap around, as a tour of a home
    // ends where it began, at the door; before the first step next is the
    // first stop and previous the last. A step the agent takes also resumes
    // a paused autoplay and gives the new stop its full dwell: the agent leads again.
    std::optional<uint32_t> next();
    std::optional<uint32_t> previous();
    std::optional<uint32_t> goTo(uint32_t stop);  // `stop` < stopCount(); none otherwise

    // Autoplay on dwells at the current stop, from its full dwell; from no
    // stop or the last one (a tour already seen) it starts over at the first,
    // which it returns. Off: it returns none and the customer stays.
    std::optional<uint32_t> setAutoplay(bool on);

    // Autoplay's clock, once a frame: `dt` seconds went by, and
    // `customerMovedThemselves` says whether the customer went somewhere on
    // their own since the last call (a teleport, a place or picture they
    // chose; not turning in place, which is looking around). Such a move
    // pauses autoplay until resume(). Returns the stop to move on to when the
    // dwell is over; at the last stop the dwell's end stops autoplay instead.
    std::optional<uint32_t> advance(float dt, bool customerMovedThemselves);

    // Back to the tour after a pause: on to the next stop at once (the
    // customer has seen this one and more), which it returns; at the last
    // stop the tour is over and autoplay stops. Not paused: nothing.
    std::optional<uint32_t> resume();

    uint32_t stopCount() const { return m_stopCount; }
    std::optional<uint32_t> current() const { return m_current; }
    bool autoplay() const { return m_autoplay; }
    bool paused() const { return m_paused; }
    float dwellSeconds() const { return m_dwellSeconds; }  // at a stop without its own
    float dwellAt(uint32_t stop) const;
    // Until autoplay moves on (or, at the last stop, ends); the dwell while it is off.
    float secondsLeft() const { return m_secondsLeft; }

private:
    std::optional<uint32_t> arriveAt(uint32_t stop);

    uint32_t m_stopCount;
    float m_dwellSeconds;
    std::vector<std::optional<float>> m_stopDwells;  // per stop: its own dwell, if any
    std::optional<uint32_t> m_current;
    bool m_autoplay = false;
    bool m_paused = false;
    float m_secondsLeft;
};

}  // namespace oh::viewer
