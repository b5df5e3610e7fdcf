// XrFrameTiming: the headset's frame statistics — this thread's CPU time per
// loop iteration (kept for every frame shown in the headset, with a short
// running average for the agent's status line) and the seconds from launch to
// the first frame shown with a tracked head.
//
// Not for: pacing frames (the runtime's xrWaitFrame does that) or the display
// rate (the presenter reads it from each frame's predicted display period).
#pragma once

#include <chrono>
#include <optional>
#include <vector>

namespace oh::viewer {

class XrFrameTiming {
public:
    void setLaunchTime(std::chrono::steady_clock::time_point launch) { m_launch = launch; }

    // At the top of each loop iteration (window and runtime events included).
    void startIteration();
    // At its end; only iterations whose frame reached the headset count.
    void finishIteration(bool shownInHeadset);
    // The runtime took a frame with layers: the first one with a tracked head
    // pose is the launch time that matters to the customer (logged once).
    void frameShown(bool headTracked);

    // Average of the recent frames shown, milliseconds.
    double cpuMilliseconds() const { return m_cpuMilliseconds; }
    const std::vector<float>& cpuMillisecondsPerFrame() const { return m_cpuPerFrame; }
    std::optional<double> firstTrackedFrameSeconds() const { return m_firstTrackedFrame; }

private:
    std::chrono::steady_clock::time_point m_launch = std::chrono::steady_clock::now();
    double m_iterationCpuStart = 0.0;  // this thread's CPU seconds when the iteration began
    std::vector<float> m_cpuPerFrame;
    double m_cpuMilliseconds = 0.0;
    std::optional<double> m_firstTrackedFrame;
};

}  // namespace oh::viewer
