// Khronos' hello_xr (Vulkan2) runs against the simulated headset exactly as
// against a real runtime, with the OpenXR core validation layer and Vulkan
// validation on, and quits cleanly when the headset asks it to.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kOut = OH_XR_SIM_TEST_OUT;

std::string readText(const fs::path& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

std::vector<json> readJsonLines(const fs::path& path) {
    std::vector<json> lines;
    std::ifstream file(path);
    for (std::string line; std::getline(file, line);) lines.push_back(json::parse(line));
    return lines;
}

// Runs hello_xr with its stdin held open (it quits on any key, or at EOF) and
// its output in a file; the exit status, or -1 when it had to be killed.
int runHelloXr(const fs::path& logPath, std::chrono::seconds timeout) {
    int stdinPipe[2];
    REQUIRE(pipe(stdinPipe) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], STDIN_FILENO);
    posix_spawn_file_actions_addclose(&actions, stdinPipe[1]);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    char* argv[] = {const_cast<char*>(OH_HELLO_XR), const_cast<char*>("-g"), const_cast<char*>("Vulkan2"), nullptr};
    pid_t child = 0;
    int spawned = posix_spawn(&child, OH_HELLO_XR, &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(stdinPipe[0]);
    REQUIRE(spawned == 0);
    int status = 0;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (waitpid(child, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            close(stdinPipe[1]);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    close(stdinPipe[1]);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Image {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;
    const uint8_t* pixel(int x, int y) const { return &rgba[(size_t(y) * width + x) * 4]; }
};

Image loadPng(const fs::path& path) {
    Image image;
    int channels = 0;
    uint8_t* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 4);
    REQUIRE_MESSAGE(data, path.string() << " is missing or not a PNG");
    image.rgba.assign(data, data + size_t(image.width) * image.height * 4);
    stbi_image_free(data);
    return image;
}

// Pixels that are not the clear colour (taken from the top-left corner).
size_t countDrawnPixels(const Image& image) {
    const uint8_t* background = image.pixel(0, 0);
    size_t drawn = 0;
    for (size_t i = 0; i < image.rgba.size(); i += 4)
        drawn += !std::equal(background, background + 3, &image.rgba[i]);
    return drawn;
}

}  // namespace

TEST_CASE("hello_xr renders both eyes on the simulated headset and exits cleanly when asked to") {
    fs::remove_all(kOut);
    fs::create_directories(kOut);
    std::ofstream(kOut / "config.json") << json{{"events", {{{"frame", 60}, {"type", "exitRequest"}}}},
                                                {"captureFrames", {30}}}.dump();
    // The core validation layer writes entries such as
    //   [VALID_ERROR | VUID-XrSystemGetInfo-type-type | xrGetSystem]: ...
    // to this file (created at the first entry).
    const fs::path validationLog = kOut / "core_validation.txt";
    setenv("XR_RUNTIME_JSON", OH_XR_SIM_MANIFEST, 1);
    setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
    setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
    setenv("XR_CORE_VALIDATION_FILE_NAME", validationLog.c_str(), 1);
    setenv("OPENHOUSE_XR_SIM_CONFIG", (kOut / "config.json").c_str(), 1);
    setenv("OPENHOUSE_XR_SIM_OUT", (kOut / "sim").c_str(), 1);

    int status = runHelloXr(kOut / "hello_xr.log", std::chrono::seconds(100));
    std::string log = readText(kOut / "hello_xr.log");
    INFO("hello_xr output: " << (kOut / "hello_xr.log").string());
    CHECK_MESSAGE(status == 0, "hello_xr exit status " << status << " (-1: killed after the timeout)");
    // hello_xr logs Vulkan validation messages (it enables the Khronos layer)
    // and its own failures at these levels.
    CHECK(log.find("[Error") == std::string::npos);
    CHECK(log.find("[Warning") == std::string::npos);

    std::string validation = fs::exists(validationLog) ? readText(validationLog) : "";
    CHECK_MESSAGE(validation.find("VALID_ERROR") == std::string::npos, validation);
    CHECK_MESSAGE(validation.find("VALID_WARNING") == std::string::npos, validation);

    auto frames = readJsonLines(kOut / "sim" / "frames.jsonl");
    CHECK(frames.size() >= 58);
    CHECK(frames.size() <= 62);
    size_t stereoFrames = 0;
    for (const json& frame : frames)
        for (const json& layer : frame["layers"])
            stereoFrames += layer["type"] == "projection" && layer["views"].size() == 2;
    CHECK(stereoFrames >= 50);  // all but the first few frames, before the session is visible

    std::vector<std::string> states;
    for (const json& line : readJsonLines(kOut / "sim" / "session.jsonl"))
        if (line["event"] == "state") states.push_back(line["state"]);
    std::vector<std::string> expected{"READY", "FOCUSED", "STOPPING", "EXITING"};
    auto next = states.begin();
    for (const auto& state : expected) {
        next = std::find(next, states.end(), state);
        CHECK_MESSAGE(next != states.end(), "no " << state << " after the previous expected state");
    }
    CHECK(states.back() == "EXITING");

    Image left = loadPng(kOut / "sim" / "frame-30-left.png");
    Image right = loadPng(kOut / "sim" / "frame-30-right.png");
    CHECK(left.width == 1440);
    CHECK(left.height == 1584);
    size_t pixels = size_t(left.width) * left.height;
    CHECK(countDrawnPixels(left) > pixels / 200);   // the cubes hello_xr draws
    CHECK(countDrawnPixels(right) > pixels / 200);
    REQUIRE(left.rgba.size() == right.rgba.size());
    size_t different = 0;
    for (size_t i = 0; i < left.rgba.size(); i += 4) different += !std::equal(&left.rgba[i], &left.rgba[i + 3], &right.rgba[i]);
    CHECK(different > pixels / 200);  // two eyes, two viewpoints
}
