#include "viewer/xr/xr_frame_timing.h"

#include <time.h>

#include "core/log.h"

namespace oh::viewer {
namespace {

// CPU time this thread has used: waiting (xrWaitFrame, fences, vsync) costs
// none, and on a CPU-only GPU the driver's own threads do not count either.
double threadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

}  // namespace

void XrFrameTiming::startIteration() { m_iterationCpuStart = threadCpuSeconds(); }

void XrFrameTiming::finishIteration(bool shownInHeadset) {
    if (!shownInHeadset) return;
    double cpu = (threadCpuSeconds() - m_iterationCpuStart) * 1e3;
    m_cpuPerFrame.push_back(float(cpu));
    // A short running average for the status line; the per-frame list keeps the raw values.
    m_cpuMilliseconds = m_cpuPerFrame.size() == 1 ? cpu : m_cpuMilliseconds * 0.9 + cpu * 0.1;
}

void XrFrameTiming::frameShown(bool headTracked) {
    if (!headTracked || m_firstTrackedFrame) return;
    m_firstTrackedFrame = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_launch).count();
    OH_LOG_INFO("first head-tracked frame in the headset %.2f s after launch", *m_firstTrackedFrame);
}

}  // namespace oh::viewer
