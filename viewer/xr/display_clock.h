// DisplayClock: seconds between the runtime's predicted display times — the
// motion the customer sees (fades, lazy follows, locomotion), and exact in
// scripted runs, where wall time is not.
#pragma once

#include <algorithm>
#include <optional>

namespace oh::viewer {

class DisplayClock {
public:
    // `displayTime`: this frame's (XrPresenter::displayTimeSeconds()). The
    // first frame, or one with no time, is 0 s; a pause (headset off) is not
    // a jump in time: at most kMaxStep. A slow frame still takes its real
    // time up to that, so a comfort fade (0.25 s) lasts what it should on a
    // machine that misses frames, rather than a fixed slice per frame that
    // would stretch it over seconds.
    static constexpr float kMaxStep = 0.25f;
    float tick(std::optional<double> displayTime) {
        float dt = displayTime && m_last ? float(*displayTime - *m_last) : 0.0f;
        m_last = displayTime;
        return std::clamp(dt, 0.0f, kMaxStep);
    }

private:
    std::optional<double> m_last;
};

}  // namespace oh::viewer
