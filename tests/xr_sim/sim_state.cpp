#include "sim_state.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace oh::xrsim {

using nlohmann::json;

Runtime& runtime() {
    static Runtime instance;
    return instance;
}

std::mutex& runtimeMutex() {
    static std::mutex mutex;
    return mutex;
}

int64_t monotonicNs() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return int64_t{now.tv_sec} * 1000000000 + now.tv_nsec;
}

bool Runtime::startInstance(std::string* error) {
    auto config = loadSimConfig(error);
    if (!config) return false;
    m_config = std::move(*config);
    if (!m_progressLoaded) {
        const char* out = std::getenv("OPENHOUSE_XR_SIM_OUT");
        m_outDir = out ? out : "";
        if (!m_outDir.empty()) {
            std::error_code ignored;
            std::filesystem::create_directories(m_outDir, ignored);
            m_statePath = m_outDir + "/xr_sim_state.json";
        } else {
            const char* tmp = std::getenv("TMPDIR");
            m_statePath = std::string(tmp && *tmp ? tmp : "/tmp") + "/openhouse_xr_sim_state-" +
                          std::to_string(getpid()) + ".json";
        }
        bool continued = false;
        std::ifstream stateFile(m_statePath);
        json state = json::parse(stateFile, nullptr, false);
        if (!state.is_discarded() && state.value("pid", -1) == getpid()) {
            m_progress.framesEnded = state.value("framesEnded", int64_t{0});
            m_progress.eventFired = state.value("eventFired", std::vector<bool>{});
            m_progress.runtimeGoneUntilNs = state.value("runtimeGoneUntilNs", int64_t{0});
            m_progress.headsetBackAtNs = state.value("headsetBackAtNs", int64_t{0});
            m_progress.lastDisplayTime = state.value("lastDisplayTime", XrTime{0});
            m_progress.frameOfLastDisplayTime = state.value("frameOfLastDisplayTime", int64_t{0});
            continued = true;
        }
        openLogs(!continued);
        m_progressLoaded = true;
    }
    m_progress.eventFired.resize(m_config.events.size(), false);
    return true;
}

void Runtime::saveProgress() {
    if (!m_progressLoaded) return;
    json state = {{"pid", getpid()},
                  {"framesEnded", m_progress.framesEnded},
                  {"eventFired", m_progress.eventFired},
                  {"runtimeGoneUntilNs", m_progress.runtimeGoneUntilNs},
                  {"headsetBackAtNs", m_progress.headsetBackAtNs},
                  {"lastDisplayTime", m_progress.lastDisplayTime},
                  {"frameOfLastDisplayTime", m_progress.frameOfLastDisplayTime}};
    std::ofstream(m_statePath) << state.dump() << '\n';
}

void Runtime::openLogs(bool fresh) {
    if (m_outDir.empty()) return;
    auto mode = fresh ? std::ios::trunc : std::ios::app;
    m_frames.open(m_outDir + "/frames.jsonl", std::ios::out | mode);
    m_session.open(m_outDir + "/session.jsonl", std::ios::out | mode);
}

XrTime Runtime::nextDisplayTime(int64_t* wakeAtNs) {
    int64_t period = periodNs();
    int64_t now = monotonicNs();
    XrTime last = m_progress.lastDisplayTime;
    XrTime display = last == 0 ? now + period : last + period;
    *wakeAtNs = 0;
    if (m_config.paced) {
        // A compositor's vsync grid: the app wakes one period before its
        // frame is shown; a late app skips to the next slot it can make.
        if (display - period < now) display = last + ((now - last) / period + 1) * period;
        *wakeAtNs = display - period;
    }
    m_progress.lastDisplayTime = display;
    m_progress.frameOfLastDisplayTime = m_progress.framesEnded;
    return display;
}

double Runtime::frameAt(XrTime t) const {
    if (m_progress.lastDisplayTime == 0) return static_cast<double>(m_progress.framesEnded);
    double frame = static_cast<double>(m_progress.frameOfLastDisplayTime) +
                   static_cast<double>(t - m_progress.lastDisplayTime) / static_cast<double>(periodNs());
    return std::max(frame, 0.0);
}

Pose Runtime::headPoseAt(XrTime t) const { return samplePoseKeys(m_config.headPose, frameAt(t)); }

Pose Runtime::gripPoseAt(int hand, XrTime t) const {
    const auto& keys = hand == 0 ? m_config.leftController : m_config.rightController;
    if (!keys.empty()) return samplePoseKeys(keys, frameAt(t));
    // Default: held at waist height in front of the body, pointing forward.
    Pose head = headPoseAt(t);
    Pose body{yawOnly(head.orientation), head.position};
    return compose(body, Pose{{1, 0, 0, 0}, {hand == 0 ? -0.2f : 0.2f, -0.65f, -0.35f}});
}

InputValues Runtime::inputAt(int64_t frame) const {
    InputValues values;
    for (const InputChange& change : m_config.input) {
        if (change.frame > frame) break;
        if (change.value.size() == 2) {
            values.axes[change.path] = {change.value[0], change.value[1]};
            continue;
        }
        values.scalars[change.path] = change.value[0];
        std::string_view path = change.path;
        if (path.ends_with("/x") || path.ends_with("/y"))
            values.axes[std::string(path.substr(0, path.size() - 2))][path.back() == 'x' ? 0 : 1] = change.value[0];
    }
    return values;
}

XrPath Runtime::pathFor(const std::string& path) {
    auto found = m_pathIds.find(path);
    if (found != m_pathIds.end()) return found->second;
    XrPath id = m_paths.size();
    m_paths.push_back(path);
    m_pathIds.emplace(path, id);
    return id;
}

const std::string* Runtime::pathString(XrPath path) const {
    if (path == XR_NULL_PATH || path >= m_paths.size()) return nullptr;
    return &m_paths[path];
}

XrPath Runtime::existingPath(const std::string& path) const {
    auto found = m_pathIds.find(path);
    return found == m_pathIds.end() ? XR_NULL_PATH : found->second;
}

void Runtime::logFrame(const json& line) {
    if (m_frames.is_open()) m_frames << line.dump() << std::endl;
}

void Runtime::logSession(json line) {
    if (!m_session.is_open()) return;
    json ordered = {{"frame", m_progress.framesEnded}};
    ordered.update(line);
    m_session << ordered.dump() << std::endl;
}

std::string Runtime::outputPath(const std::string& name) const {
    return m_outDir.empty() ? std::string() : m_outDir + "/" + name;
}

}  // namespace oh::xrsim
