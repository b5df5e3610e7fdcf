// Runs the real `openhouse` program from a test (window tests run under
// xvfb-run), capturing its standard output; and small file helpers.
#pragma once

#include <filesystem>
#include <string>

#include "core/image.h"

namespace oh::test {

struct Run {
    int exitCode = -1;
    std::string output;  // stdout only; stderr goes to the test log as it comes
};

// `text` quoted for the shell.
std::string quoted(const std::string& text);

// Runs `openhouse ARGS` through the shell; `prefix` goes before the program (e.g. `env -u DISPLAY`).
Run openhouse(const std::string& arguments, const std::string& prefix = "");

// The environment (an `env ...` prefix for openhouse()) that puts a run in
// the simulated headset (tests/xr_sim) with Khronos' core validation layer:
// its script is `folder`/config.json, its logs and captures go to
// `folder`/sim, the layer's messages to `folder`/core-validation.txt.
std::string xrSimEnvironment(const std::string& manifest, const std::filesystem::path& folder);

// Reads a PNG the program wrote; fails the test if it is missing or unreadable.
RgbaImage readImage(const std::filesystem::path& path);

// A path under build/test-output with nothing at it yet.
std::filesystem::path freshOutput(const std::string& name);

}  // namespace oh::test
