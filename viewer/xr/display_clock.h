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
    // a jump in time: at most 0.1 s.
    float tick(std::optional<double> displayTime) {
        float dt = displayTime && m_last ? float(*displayTime - *m_last) : 0.0f;
        m_last = displayTime;
        return std::clamp(dt, 0.0f, 0.1f);
    }

private:
    std::optional<double> m_last;
};

}  // namespace oh::viewer
