// Window tests: the real `openhouse` binary opening a window in a virtual X
// server (ctest runs this under xvfb-run, on lavapipe, with
// OPENHOUSE_VALIDATION=1 so any validation message fails the run with exit 5).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "core/image.h"
#include "image_compare.h"
#include "openhouse_runner.h"
#include "render_fixture.h"

namespace oh::test {
namespace {

const std::string kModel = "webxr-home-theater/home-theater.gltf";

}  // namespace

TEST_SUITE("window") {

TEST_CASE("a scripted window run saves a screenshot that matches the headless render of the same view") {
    std::filesystem::path screenshot = freshOutput("window-default.png");
    std::filesystem::path reference = freshOutput("window-default.reference.png");
    Run window = openhouse(quoted(assetPath(kModel)) + " --frames 5 --no-overlay --print-pose --screenshot " +
                           quoted(screenshot.string()));
    REQUIRE_MESSAGE(window.exitCode == 0, "openhouse exited with " << window.exitCode);

    RgbaImage shot = readImage(screenshot);
    CHECK(shot.width == 1280);  // the default window size
    CHECK(shot.height == 800);
    CHECK_MESSAGE(distinctColours(shot) > 1000, "the window showed a nearly blank frame");

    // The window starts standing inside the room; `openhouse render` from the
    // same eye and direction, at the same fov and aspect, must show the same
    // image: only rasteriser-level differences (MSAA resolve, BGRA vs RGBA) may remain.
    std::istringstream pose(window.output);
    std::string mode, yawWord, pitchWord;
    glm::vec3 eye;
    float yaw = 0.0f, pitch = 0.0f;
    REQUIRE_MESSAGE(bool(pose >> mode >> eye.x >> eye.y >> eye.z >> yawWord >> yaw >> pitchWord >> pitch),
                    "no pose printed: " << window.output);
    CHECK(mode == "walk");
    char viewpoint[160];
    std::snprintf(viewpoint, sizeof viewpoint, " --eye %.4f,%.4f,%.4f --yaw %.3f --pitch %.3f", eye.x, eye.y, eye.z,
                  yaw, pitch);
    Run render = openhouse("render " + quoted(assetPath(kModel)) + " --size 1280x800" + viewpoint + " --out " +
                           quoted(reference.string()));
    REQUIRE_MESSAGE(render.exitCode == 0, "openhouse render exited with " << render.exitCode);
    ImageDifference difference = compareImages(shot, readImage(reference));
    REQUIRE(difference.sameSize);
    CHECK_MESSAGE(difference.meanAbsoluteError < 1.0, "mean error " << difference.meanAbsoluteError);
    CHECK_MESSAGE(difference.fractionDifferent < 0.005, difference.fractionDifferent * 100 << "% of pixels differ");
    if (difference.meanAbsoluteError >= 1.0 || difference.fractionDifferent >= 0.005)
        (void)writePng(testOutputDir() / "window-default.diff.png", difference.diff);
}

TEST_CASE("the info panel is drawn over the top-left corner and leaves the rest of the view alone") {
    std::filesystem::path withPanel = freshOutput("window-panel.png");
    std::filesystem::path withoutPanel = freshOutput("window-no-panel.png");
    REQUIRE(openhouse(quoted(assetPath(kModel)) + " --frames 5 --screenshot " + quoted(withPanel.string())).exitCode ==
            0);
    REQUIRE(openhouse(quoted(assetPath(kModel)) + " --frames 5 --no-overlay --screenshot " +
                      quoted(withoutPanel.string()))
                .exitCode == 0);
    RgbaImage panel = readImage(withPanel), plain = readImage(withoutPanel);
    REQUIRE(panel.width == plain.width);
    REQUIRE(panel.height == plain.height);
    auto region = [](const RgbaImage& image, uint32_t x0, uint32_t y0, uint32_t width, uint32_t height) {
        RgbaImage out{width, height, std::vector<uint8_t>(size_t(width) * height * 4)};
        for (uint32_t y = 0; y < height; ++y)
            std::copy_n(&image.pixels[((size_t(y0) + y) * image.width + x0) * 4], size_t(width) * 4,
                        &out.pixels[size_t(y) * width * 4]);
        return out;
    };
    // The panel sits at (12, 12), 300 px wide.
    CHECK(compareImages(region(panel, 20, 20, 280, 120), region(plain, 20, 20, 280, 120)).fractionDifferent > 0.3);
    ImageDifference rest = compareImages(region(panel, 640, 400, 640, 400), region(plain, 640, 400, 640, 400));
    CHECK(rest.meanAbsoluteError < 1.0);
}

TEST_CASE("the window survives a resize and the following frames have the new size") {
    std::filesystem::path screenshot = freshOutput("window-resized.png");
    Run window = openhouse(quoted(assetPath(kModel)) + " --frames 6 --script-resize 640x480@2 --screenshot " +
                           quoted(screenshot.string()));
    REQUIRE_MESSAGE(window.exitCode == 0, "openhouse exited with " << window.exitCode);
    RgbaImage shot = readImage(screenshot);
    CHECK(shot.width == 640);
    CHECK(shot.height == 480);
    CHECK_MESSAGE(distinctColours(shot) > 500, "the resized window showed a nearly blank frame");
}

TEST_CASE("with no display the viewer writes preview images and prints their paths") {
    std::filesystem::path folder = freshOutput("window-previews");
    Run run = openhouse(quoted(assetPath(kModel)) + " --preview-dir " + quoted(folder.string()),
                        "env -u DISPLAY -u WAYLAND_DISPLAY");
    REQUIRE_MESSAGE(run.exitCode == 0, "openhouse exited with " << run.exitCode);
    std::istringstream lines(run.output);
    std::string line;
    int previews = 0;
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        CHECK_MESSAGE(line.size() > 4, "unexpected output line: " << line);
        CHECK_MESSAGE(line.substr(line.size() - 4) == ".png", "not a PNG path: " << line);
        RgbaImage preview = readImage(line);
        CHECK_MESSAGE(distinctColours(preview) > 1000, line << " is nearly blank");
        ++previews;
    }
    CHECK_MESSAGE(previews >= 1, "no preview paths printed; output: " << run.output);
    CHECK(std::filesystem::exists(folder / "overview.png"));
    CHECK(std::filesystem::exists(folder / "inside.png"));  // where a walk-through would start
}

}  // TEST_SUITE

}  // namespace oh::test
