#include "openhouse_runner.h"

#include <sys/wait.h>

#include <cstdio>

#include <doctest/doctest.h>

#include "image_compare.h"

namespace oh::test {

std::string quoted(const std::string& text) {
    std::string result = "'";
    for (char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return result + "'";
}

Run openhouse(const std::string& arguments, const std::string& prefix) {
    std::string command = prefix + " " + quoted(OH_OPENHOUSE_EXE) + " " + arguments;
    MESSAGE("running: " << command);
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE_MESSAGE(pipe != nullptr, "cannot run " << command);
    char buffer[4096];
    size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, read);
    int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

std::string xrSimEnvironment(const std::string& manifest, const std::filesystem::path& folder) {
    return "env XR_RUNTIME_JSON=" + quoted(manifest) + " OPENHOUSE_XR_SIM_CONFIG=" +
           quoted((folder / "config.json").string()) + " OPENHOUSE_XR_SIM_OUT=" + quoted((folder / "sim").string()) +
           " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation XR_CORE_VALIDATION_EXPORT_TYPE=text" +
           " XR_CORE_VALIDATION_FILE_NAME=" + quoted((folder / "core-validation.txt").string());
}

RgbaImage readImage(const std::filesystem::path& path) {
    REQUIRE_MESSAGE(std::filesystem::exists(path), path.string() << " was not written");
    auto image = readPng(path);
    if (!image) FAIL(image.error().message);  // the message exists only on failure
    return std::move(image.value());
}

std::filesystem::path freshOutput(const std::string& name) {
    std::filesystem::path path = testOutputDir() / name;
    std::filesystem::remove_all(path);
    return path;
}

}  // namespace oh::test
