#include "sim_config.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

namespace oh::xrsim {
namespace {

using nlohmann::json;

std::vector<PoseKey> parseKeys(const json& array) {
    std::vector<PoseKey> keys;
    for (const json& key : array) {
        PoseKey parsed;
        parsed.frame = key.value("frame", 0.0);
        auto position = key.at("position").get<std::vector<float>>();
        if (position.size() != 3) throw std::runtime_error("position needs 3 numbers");
        parsed.position = {position[0], position[1], position[2]};
        parsed.yawDegrees = key.value("yawDegrees", 0.0f);
        parsed.pitchDegrees = key.value("pitchDegrees", 0.0f);
        keys.push_back(parsed);
    }
    if (keys.empty()) throw std::runtime_error("needs at least one key");
    std::stable_sort(keys.begin(), keys.end(), [](auto& a, auto& b) { return a.frame < b.frame; });
    return keys;
}

ScriptEventType parseEventType(const std::string& name) {
    if (name == "headsetRemoved") return ScriptEventType::HeadsetRemoved;
    if (name == "sessionLost") return ScriptEventType::SessionLost;
    if (name == "runtimeGone") return ScriptEventType::RuntimeGone;
    if (name == "recenter") return ScriptEventType::Recenter;
    if (name == "exitRequest") return ScriptEventType::ExitRequest;
    throw std::runtime_error("unknown event type '" + name +
                             "' (headsetRemoved, sessionLost, runtimeGone, recenter, exitRequest)");
}

// Each key parsed under its own name so an error message can say which one.
template <class Fn>
void parseKey(const json& root, const char* name, Fn&& parse) {
    if (!root.contains(name)) return;
    try {
        parse(root.at(name));
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("\"") + name + "\": " + e.what());
    }
}

SimConfig parseConfig(const json& root) {
    SimConfig config;
    parseKey(root, "headsetPresent", [&](const json& v) { config.headsetPresent = v.get<bool>(); });
    parseKey(root, "displayHz", [&](const json& v) {
        config.displayHz = v.get<double>();
        if (!(config.displayHz > 0.0)) throw std::runtime_error("must be > 0");
    });
    parseKey(root, "paced", [&](const json& v) { config.paced = v.get<bool>(); });
    parseKey(root, "resolution", [&](const json& v) {
        auto size = v.get<std::vector<uint32_t>>();
        if (size.size() != 2 || size[0] == 0 || size[1] == 0 || size[0] > 4096 || size[1] > 4096)
            throw std::runtime_error("needs [width, height], 1..4096");
        config.width = size[0];
        config.height = size[1];
    });
    parseKey(root, "fovDegrees", [&](const json& v) {
        config.leftEyeFov = {v.at("left").get<float>(), v.at("right").get<float>(), v.at("up").get<float>(),
                             v.at("down").get<float>()};
    });
    parseKey(root, "ipd", [&](const json& v) { config.ipd = v.get<float>(); });
    parseKey(root, "stageSpace", [&](const json& v) { config.stageSpace = v.get<bool>(); });
    parseKey(root, "stageBounds", [&](const json& v) {
        auto bounds = v.get<std::vector<float>>();
        if (bounds.size() != 2) throw std::runtime_error("needs [width, depth]");
        config.stageBounds[0] = bounds[0];
        config.stageBounds[1] = bounds[1];
    });
    parseKey(root, "interactionProfile", [&](const json& v) { config.interactionProfile = v.get<std::string>(); });
    parseKey(root, "depthLayerExtension", [&](const json& v) { config.depthLayerExtension = v.get<bool>(); });
    parseKey(root, "arraySwapchains", [&](const json& v) { config.arraySwapchains = v.get<bool>(); });
    parseKey(root, "headPose", [&](const json& v) { config.headPose = parseKeys(v); });
    parseKey(root, "controllers", [&](const json& v) {
        if (v.contains("left")) config.leftController = parseKeys(v.at("left"));
        if (v.contains("right")) config.rightController = parseKeys(v.at("right"));
    });
    parseKey(root, "input", [&](const json& v) {
        for (const json& change : v) {
            InputChange parsed{change.at("frame").get<int64_t>(), change.at("path").get<std::string>(), {}};
            const json& value = change.at("value");
            if (value.is_boolean()) parsed.value = {value.get<bool>() ? 1.0f : 0.0f};
            else if (value.is_number()) parsed.value = {value.get<float>()};
            else parsed.value = value.get<std::vector<float>>();
            if (parsed.value.empty() || parsed.value.size() > 2)
                throw std::runtime_error("value must be a bool, a number or [x, y]");
            config.input.push_back(parsed);
        }
        std::stable_sort(config.input.begin(), config.input.end(),
                         [](auto& a, auto& b) { return a.frame < b.frame; });
    });
    parseKey(root, "events", [&](const json& v) {
        for (const json& event : v)
            config.events.push_back({event.at("frame").get<int64_t>(),
                                     parseEventType(event.at("type").get<std::string>()),
                                     event.value("durationMs", int64_t{0})});
    });
    parseKey(root, "exitRequestFile", [&](const json& v) { config.exitRequestFile = v.get<std::string>(); });
    parseKey(root, "measureLuminance", [&](const json& v) { config.measureLuminance = v.get<bool>(); });
    parseKey(root, "captureFrames", [&](const json& v) { config.captureFrames = v.get<std::vector<int64_t>>(); });
    parseKey(root, "captureLast", [&](const json& v) { config.captureLast = v.get<bool>(); });
    return config;
}

}  // namespace

std::optional<SimConfig> loadSimConfig(std::string* error) {
    const char* path = std::getenv("OPENHOUSE_XR_SIM_CONFIG");
    if (!path || !*path) return SimConfig{};
    std::ifstream file(path);
    if (!file) {
        *error = std::string(path) + ": cannot open (OPENHOUSE_XR_SIM_CONFIG)";
        return std::nullopt;
    }
    try {
        return parseConfig(json::parse(file));
    } catch (const std::exception& e) {
        *error = std::string(path) + ": " + e.what();
        return std::nullopt;
    }
}

}  // namespace oh::xrsim
