// Rate limit for log lines about input the table does not control (a
// malformed packet, an unknown OSC address): a tracker sending garbage at
// 60 Hz, or a flood, must not flood the log too.
#pragma once

#include <chrono>
#include <cstdint>

namespace oh::markers {

class LogLimiter {
public:
    using Clock = std::chrono::steady_clock;
    explicit LogLimiter(Clock::duration interval = std::chrono::seconds(1)) : m_interval(interval) {}

    // True when a line may be written now; `heldBack` is then the number of
    // lines refused since the last one allowed, for the line to mention.
    bool allow(uint64_t& heldBack) {
        Clock::time_point now = Clock::now();
        if (m_everAllowed && now - m_last < m_interval) {
            ++m_heldBack;
            return false;
        }
        heldBack = m_heldBack;
        m_heldBack = 0;
        m_last = now;
        m_everAllowed = true;
        return true;
    }

private:
    Clock::duration m_interval;
    Clock::time_point m_last{};
    bool m_everAllowed = false;
    uint64_t m_heldBack = 0;
};

}  // namespace oh::markers
