// Window tests: the real `openhouse` binary opening a window in a virtual X
// server (ctest runs this under xvfb-run, on lavapipe, with
// OPENHOUSE_VALIDATION=1 so any validation message fails the run with exit 5).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/exit_codes.h"
#include "core/image.h"
#include "image_compare.h"
#include "openhouse_runner.h"
#include "render_fixture.h"
#include "tour_window.h"

namespace oh::test {
namespace {

const std::string kModel = "webxr-home-theater/home-theater.gltf";
const std::string kDemoModel = std::string(OH_BINARY_DIR) + "/scenes/demo-apartment.glb";
const std::string kDemoTour = std::string(OH_BINARY_DIR) + "/scenes/demo-listing.tour";
const std::string kPanoramaTour = std::string(OH_BINARY_DIR) + "/scenes/demo-panoramas.tour";

// `openhouse-pack ARGS`, exit code only (its messages go to the test log).
int pack(const std::string& arguments) {
    int status = std::system((test::quoted(OH_PACK_EXE) + " " + arguments).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

}  // namespace

TEST_SUITE("window") {

TEST_CASE("a scripted window run saves a screenshot that matches the headless render of the same view") {
    std::filesystem::path screenshot = freshOutput("window-default.png");
    std::filesystem::path reference = freshOutput("window-default.reference.png");
    Run window = openhouse(test::quoted(assetPath(kModel)) + " --frames 5 --no-overlay --print-pose --screenshot " +
                           test::quoted(screenshot.string()));
    REQUIRE_MESSAGE(window.exitCode == 0, "openhouse exited with " << window.exitCode);

    RgbaImage shot = readImage(screenshot);
    CHECK(shot.width == 1280);  // the default window size
    CHECK(shot.height == 800);
    CHECK_MESSAGE(distinctColours(shot) > 1000, "the window showed a nearly blank frame");

    // The window starts standing inside the room; `openhouse render` from the
    // same eye and direction, at the same fov and aspect, must show the same
    // image: only rasteriser-level differences (MSAA resolve, BGRA vs RGBA) may remain.
    Pose pose = parsePose(window.output);
    CHECK(pose.mode == "walk");
    Run render = openhouse("render " + test::quoted(assetPath(kModel)) + " --size 1280x800" + viewpointOptions(pose) +
                           " --out " + test::quoted(reference.string()));
    REQUIRE_MESSAGE(render.exitCode == 0, "openhouse render exited with " << render.exitCode);
    ImageDifference difference = compareImages(shot, readImage(reference));
    REQUIRE(difference.sameSize);
    CHECK_MESSAGE(difference.meanAbsoluteError < 1.0, "mean error " << difference.meanAbsoluteError);
    CHECK_MESSAGE(difference.fractionDifferent < 0.005, difference.fractionDifferent * 100 << "% of pixels differ");
    if (difference.meanAbsoluteError >= 1.0 || difference.fractionDifferent >= 0.005)
        (void)writePng(testOutputDir() / "window-default.diff.png", difference.diff);
}

TEST_CASE("the info panel is drawn over the top-left corner, the plan over the bottom-right, the rest of the view alone") {
    std::filesystem::path withPanel = freshOutput("window-panel.png");
    std::filesystem::path withoutPanel = freshOutput("window-no-panel.png");
    REQUIRE(openhouse(test::quoted(assetPath(kModel)) + " --frames 5 --screenshot " + test::quoted(withPanel.string())).exitCode ==
            0);
    REQUIRE(openhouse(test::quoted(assetPath(kModel)) + " --frames 5 --no-overlay --screenshot " +
                      test::quoted(withoutPanel.string()))
                .exitCode == 0);
    RgbaImage panel = readImage(withPanel), plain = readImage(withoutPanel);
    REQUIRE(panel.width == plain.width);
    REQUIRE(panel.height == plain.height);
    // The panel sits at (12, 12), 300 px wide.
    CHECK(compareImages(crop(panel, 20, 20, 280, 120), crop(plain, 20, 20, 280, 120)).fractionDifferent > 0.3);
    // Right of the panel and above the floor plan's window (bottom-right), the view alone.
    ImageDifference rest = compareImages(crop(panel, 400, 20, 380, 360), crop(plain, 400, 20, 380, 360));
    CHECK(rest.meanAbsoluteError < 1.0);
    CHECK(compareImages(crop(panel, 900, 600, 300, 150), crop(plain, 900, 600, 300, 150)).fractionDifferent > 0.3);
}

TEST_CASE("the window survives a resize and the following frames have the new size") {
    std::filesystem::path screenshot = freshOutput("window-resized.png");
    Run window = openhouse(test::quoted(assetPath(kModel)) + " --frames 6 --script-resize 640x480@2 --screenshot " +
                           test::quoted(screenshot.string()));
    REQUIRE_MESSAGE(window.exitCode == 0, "openhouse exited with " << window.exitCode);
    RgbaImage shot = readImage(screenshot);
    CHECK(shot.width == 640);
    CHECK(shot.height == 480);
    CHECK_MESSAGE(distinctColours(shot) > 500, "the resized window showed a nearly blank frame");
}

TEST_CASE("with no display the viewer writes preview images and prints their paths") {
    std::filesystem::path folder = freshOutput("window-previews");
    Run run = openhouse(test::quoted(assetPath(kModel)) + " --preview-dir " + test::quoted(folder.string()),
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

TEST_CASE("a tour bundle opens where its model starts and looks like the model") {
    std::filesystem::path fromTour = freshOutput("window-tour.png");
    std::filesystem::path reference = freshOutput("window-tour.reference.png");
    Run modelRun = openhouse(test::quoted(kDemoModel) + " --frames 3 --no-overlay --print-pose");
    Run tourRun = openhouse(test::quoted(kDemoTour) + " --frames 3 --no-overlay --print-pose --screenshot " +
                            test::quoted(fromTour.string()));
    REQUIRE_MESSAGE(modelRun.exitCode == 0, "openhouse exited with " << modelRun.exitCode);
    REQUIRE_MESSAGE(tourRun.exitCode == 0, "openhouse exited with " << tourRun.exitCode);
    // The packer's start spot is the one the viewer finds in the model.
    Pose modelPose = parsePose(modelRun.output), tourPose = parsePose(tourRun.output);
    CHECK(tourPose.mode == "walk");
    CHECK(glm::distance(modelPose.eye, tourPose.eye) < 0.05f);
    CHECK(std::abs(modelPose.yaw - tourPose.yaw) < 1.0f);

    // The same view of the glTF: only block compression (BC7/BC5/BC4 against
    // RGBA8 textures) may differ, a little, in textured areas.
    Run render = openhouse("render " + test::quoted(kDemoModel) + " --size 1280x800" + viewpointOptions(tourPose) +
                           " --out " + test::quoted(reference.string()));
    REQUIRE_MESSAGE(render.exitCode == 0, "openhouse render exited with " << render.exitCode);
    RgbaImage shot = readImage(fromTour);
    CHECK_MESSAGE(distinctColours(shot) > 1000, "the bundle showed a nearly blank frame");
    ImageDifference difference = compareImages(shot, readImage(reference));
    REQUIRE(difference.sameSize);
    CHECK_MESSAGE(difference.meanAbsoluteError < 2.5, "mean error " << difference.meanAbsoluteError);
    CHECK_MESSAGE(difference.fractionDifferent < 0.02, difference.fractionDifferent * 100 << "% of pixels differ");
    if (difference.meanAbsoluteError >= 2.5 || difference.fractionDifferent >= 0.02)
        (void)writePng(testOutputDir() / "window-tour.diff.png", difference.diff);
}

TEST_CASE("the panel lists the listing's rooms by name and says which one the visitor is in, after a jump too") {
    // The bundle starts in the living room (the packer's start spot).
    Run start = openhouse(test::quoted(kDemoTour) + " --frames 3 --no-overlay --print-pose");
    REQUIRE_MESSAGE(start.exitCode == 0, "openhouse exited with " << start.exitCode);
    CHECK(printedRoom(start.output) == "Living room");

    // N: the listing's next room, the kitchen: on its spot, facing its heading
    // (scenes/demo-listing/listing.json: [8.6, 0, 3.9], 45 degrees clockwise).
    std::filesystem::path screenshot = freshOutput("window-tour-rooms.png");
    Run next = openhouse(test::quoted(kDemoTour) + " --frames 3 --print-pose --input-script 'press 1 N' --screenshot " +
                         test::quoted(screenshot.string()));
    REQUIRE_MESSAGE(next.exitCode == 0, "openhouse exited with " << next.exitCode);
    CHECK(printedRoom(next.output) == "Kitchen");
    Pose pose = parsePose(next.output);
    CHECK(glm::distance(glm::vec2(pose.eye.x, pose.eye.z), glm::vec2(8.6f, 3.9f)) < 0.05f);
    CHECK(pose.yaw == doctest::Approx(-45.0f).epsilon(0.01));

    // The panel's top: the address, "You are in: Kitchen", the tabs (the
    // apartment, its photos, its 360° views) and the listing's five rooms by
    // name, the kitchen highlighted (looked at; no node names).
    GoldenResult golden = checkGolden("window-tour-rooms", crop(readImage(screenshot), 14, 36, 338, 172));
    CHECK_MESSAGE(golden.passed, golden.message);
}

TEST_CASE("the floor plan window shows where the visitor stands, and a click on the kitchen takes them there") {
    // The plan sits in the bottom-right corner of the 1280x800 window; its
    // kitchen is right of the middle wall, below the bathroom.
    std::filesystem::path screenshot = freshOutput("window-plan-jump.png");
    Run jump = openhouse(test::quoted(kDemoTour) + " --frames 4 --print-pose --input-script 'move 1 1105 636; click 2 1105 636'"
                         " --screenshot " + test::quoted(screenshot.string()));
    REQUIRE_MESSAGE(jump.exitCode == 0, "openhouse exited with " << jump.exitCode);
    CHECK(printedRoom(jump.output) == "Kitchen");
    // Standing inside the kitchen's walls (scenes/demo-apartment.json: x 6..10, z 3.4..7.2).
    Pose pose = parsePose(jump.output);
    CHECK(pose.eye.x > 6.2f);
    CHECK(pose.eye.x < 9.8f);
    CHECK(pose.eye.z > 3.6f);
    CHECK(pose.eye.z < 7.0f);
    // "You are here" moved with them: the plan's red dot is near the click.
    RgbaImage frame = readImage(screenshot);
    int red = 0;
    for (uint32_t py = 606; py < 666; ++py)
        for (uint32_t px = 1075; px < 1135; ++px) {
            const uint8_t* p = &frame.pixels[(size_t(py) * frame.width + px) * 4];
            if (p[0] > 180 && p[0] > p[1] + 80 && p[0] > p[2] + 80) ++red;
        }
    CHECK(red > 20);

    // The same plan printed from the bundle: a one-page PDF on A4, and a refusal for a format it cannot write.
    const std::filesystem::path pdf = freshOutput("window-plan-jump.pdf");
    CHECK(pack("plan " + test::quoted(kDemoTour) + " --out " + test::quoted(pdf.string())) == 0);
    CHECK(std::filesystem::file_size(pdf) > 10000);
    CHECK(pack("plan " + test::quoted(kDemoTour) + " --out " + test::quoted(pdf.string() + ".jpg")) == 2);
}

TEST_CASE("a bare model's rooms come from its floors: a drop into the kitchen from the dollhouse says so") {
    Run start = openhouse(test::quoted(kDemoModel) + " --frames 2 --no-overlay --print-pose");
    REQUIRE_MESSAGE(start.exitCode == 0, "openhouse exited with " << start.exitCode);
    CHECK(printedRoom(start.output) == "Living room");  // Floor/living
    // The dollhouse (Tab) shows the whole apartment; the kitchen's floor is right of the middle, below.
    Run dropped = openhouse(test::quoted(kDemoModel) +
                            " --frames 4 --no-overlay --print-pose --input-script 'press 0 TAB; click 2 840 590'");
    REQUIRE_MESSAGE(dropped.exitCode == 0, "openhouse exited with " << dropped.exitCode);
    CHECK(parsePose(dropped.output).mode == "walk");
    CHECK(printedRoom(dropped.output) == "Kitchen");  // Floor/kitchen
    // N from there: the next room found; the kitchen is the last, so round to the first.
    Run wrapped = openhouse(test::quoted(kDemoModel) + " --frames 5 --no-overlay --print-pose --input-script "
                            "'press 0 TAB; click 2 840 590; press 3 N'");
    REQUIRE_MESSAGE(wrapped.exitCode == 0, "openhouse exited with " << wrapped.exitCode);
    CHECK(printedRoom(wrapped.output) == "Bedroom");
}

TEST_CASE("a photo's camera marker, clicked, glides the visitor to where it was taken and shows the photo") {
    // Small windows: lavapipe samples the photos' BC7 in software.
    const std::string run = test::quoted(kDemoTour) + " --window 320x200 --no-overlay --print-pose";
    Run start = openhouse(run + " --frames 2");
    REQUIRE_MESSAGE(start.exitCode == 0, "openhouse exited with " << start.exitCode);
    // Photo 0 of scenes/demo-listing/listing.json: taken from (5.5, 1.5, 3.9), heading 235.
    const std::string turn = dragToward(parsePose(start.output), glm::vec3(5.5f, 1.5f, 3.9f));

    // Turned to it, the marker (a small white camera, its blue lens turned
    // the way the photo looks) sits in the middle of the view.
    std::filesystem::path marker = freshOutput("window-photo-marker.png");
    Run facing = openhouse(run + " --frames 3 --input-script '" + turn + "' --screenshot " + test::quoted(marker.string()));
    REQUIRE_MESSAGE(facing.exitCode == 0, "openhouse exited with " << facing.exitCode);
    CHECK(printedPicture(facing.output) == "-");
    GoldenResult golden = checkGolden("window-photo-marker", crop(readImage(marker), 100, 60, 120, 80));
    CHECK_MESSAGE(golden.passed, golden.message);

    // A click on it: the glide ends on the photo's spot facing its way, and the photo is shown.
    Run chosen = openhouse(run + " --frames 90 --input-script '" + turn + "; click 3 160 100'");
    REQUIRE_MESSAGE(chosen.exitCode == 0, "openhouse exited with " << chosen.exitCode);
    Pose pose = parsePose(chosen.output);
    CHECK(printedPicture(chosen.output) == "photo 0");
    CHECK_MESSAGE(glm::distance(glm::vec2(pose.eye.x, pose.eye.z), glm::vec2(5.5f, 3.9f)) < 0.05f,
                  "stands at " << pose.eye.x << ", " << pose.eye.z);
    CHECK_MESSAGE(yawDifference(pose.yaw, -235.0f) < 2.0f, "yaw " << pose.yaw);
    CHECK(pose.pitch == doctest::Approx(-5.0f).epsilon(0.02));

    // Esc fades it out; the visitor stays where the photo was taken.
    Run back = openhouse(run + " --frames 110 --input-script '" + turn + "; click 3 160 100; press 80 ESC'");
    REQUIRE_MESSAGE(back.exitCode == 0, "openhouse exited with " << back.exitCode);
    CHECK(printedPicture(back.output) == "-");
    CHECK(glm::distance(parsePose(back.output).eye, pose.eye) < 0.01f);
}

TEST_CASE("the panel's Photos tab shows the listing's photos by room with their captions, and a click opens one") {
    // The default window (1280x800) and its panel: the Photos tab under the
    // address and the room line; the pointer moved there a frame before the click.
    const std::string openTab = "move 1 148 85; click 2 148 85";
    std::filesystem::path gallery = freshOutput("window-photo-gallery.png");
    Run shown = openhouse(test::quoted(kDemoTour) + " --frames 5 --print-pose --input-script '" + openTab +
                          "' --screenshot " + test::quoted(gallery.string()));
    REQUIRE_MESSAGE(shown.exitCode == 0, "openhouse exited with " << shown.exitCode);
    CHECK(printedPicture(shown.output) == "-");
    // The living room's two photos, then the kitchen's: each thumbnail pixel
    // for pixel from the atlas (sharp), its caption under it (looked at).
    GoldenResult golden = checkGolden("window-photo-gallery", crop(readImage(gallery), 14, 36, 338, 460));
    CHECK_MESSAGE(golden.passed, golden.message);

    // A click on the kitchen's first thumbnail opens photo 2 large, over the view.
    std::filesystem::path opened = freshOutput("window-photo-gallery-opened.png");
    Run chosen = openhouse(test::quoted(kDemoTour) + " --frames 9 --print-pose --input-script '" + openTab +
                           "; move 4 100 400; click 5 100 400' --screenshot " + test::quoted(opened.string()));
    REQUIRE_MESSAGE(chosen.exitCode == 0, "openhouse exited with " << chosen.exitCode);
    CHECK(printedPicture(chosen.output) == "photo 2");
    // The photo covers the middle of the view: as `openhouse render --photo` draws it from the same eye.
    std::filesystem::path reference = freshOutput("window-photo-gallery-opened.reference.png");
    Run render = openhouse("render " + test::quoted(kDemoTour) + " --size 1280x800 --photo 2" +
                           viewpointOptions(parsePose(chosen.output)) + " --out " + test::quoted(reference.string()));
    REQUIRE(render.exitCode == 0);
    ImageDifference middle =
        compareImages(crop(readImage(opened), 440, 250, 400, 300), crop(readImage(reference), 440, 250, 400, 300));
    // Measured 2.3 on lavapipe (the swapchain's resolve against the offscreen
    // one's); the room behind the photo differs from it by some 30.
    CHECK_MESSAGE(middle.meanAbsoluteError < 4.0, "mean error " << middle.meanAbsoluteError);
}

TEST_CASE("a panorama's globe enters it around the visitor, and Esc leaves it at its spot in the model") {
    const std::string run = test::quoted(kDemoTour) + " --window 320x200 --no-overlay --print-pose";
    Run start = openhouse(run + " --frames 2");
    REQUIRE_MESSAGE(start.exitCode == 0, "openhouse exited with " << start.exitCode);
    // Panorama 0, the living room's: its eye at (3.0, 1.6, 6.2).
    const std::string turn = dragToward(parsePose(start.output), glm::vec3(3.0f, 1.6f, 6.2f));

    Run inside = openhouse(run + " --frames 40 --input-script '" + turn + "; click 3 160 100'");
    REQUIRE_MESSAGE(inside.exitCode == 0, "openhouse exited with " << inside.exitCode);
    CHECK(printedPicture(inside.output) == "panorama 0");
    Pose there = parsePose(inside.output);
    // Moved, unseen, to the panorama's spot once it covered the view.
    CHECK(glm::distance(glm::vec2(there.eye.x, there.eye.z), glm::vec2(3.0f, 6.2f)) < 0.1f);

    // Walking keys do nothing inside; Esc fades back to the model from that spot.
    Run left = openhouse(run + " --frames 80 --input-script '" + turn + "; click 3 160 100; hold W 40 50; press 50 ESC'");
    REQUIRE_MESSAGE(left.exitCode == 0, "openhouse exited with " << left.exitCode);
    CHECK(printedPicture(left.output) == "-");
    Pose after = parsePose(left.output);
    CHECK(after.mode == "walk");
    CHECK(glm::distance(after.eye, there.eye) < 0.01f);
}

TEST_CASE("a listing of panoramas alone opens inside the first, and its hotspots lead from one to the next") {
    const std::string run = test::quoted(kPanoramaTour) + " --window 480x300 --no-overlay --print-pose";
    // The hallway, turned to face its hotspot into the living room (heading
    // 180, pitch -19 in scenes/demo-panoramas/listing.json): the doorway with
    // its ring, the bedroom's and the bathroom's at the sides.
    std::filesystem::path hallway = freshOutput("window-panorama-hotspots.png");
    const std::string turn = "drag 1 785.4 -82.9";
    Run first = openhouse(run + " --frames 3 --input-script '" + turn + "' --screenshot " + test::quoted(hallway.string()));
    REQUIRE_MESSAGE(first.exitCode == 0, "openhouse exited with " << first.exitCode);
    CHECK(parsePose(first.output).mode == "look");
    CHECK(printedPicture(first.output) == "panorama 0");
    GoldenResult golden = checkGolden("window-panorama-hotspots", readImage(hallway));
    CHECK_MESSAGE(golden.passed, golden.message);

    // A click on the ring: through black into the living room, still facing the same way.
    Run next = openhouse(run + " --frames 40 --input-script '" + turn + "; click 3 240 150'");
    REQUIRE_MESSAGE(next.exitCode == 0, "openhouse exited with " << next.exitCode);
    CHECK(printedPicture(next.output) == "panorama 1");
    CHECK(yawDifference(parsePose(next.output).yaw, 180.0f) < 0.5f);
}

TEST_CASE("with --trust the viewer opens only bundles signed by that key, unchanged, and never a glTF") {
    std::filesystem::path folder = freshOutput("window-trust");
    std::filesystem::create_directories(folder);
    std::string key = (folder / "branch").string(), otherKey = (folder / "other").string();
    REQUIRE(pack("keygen " + test::quoted(key) + " >/dev/null") == 0);
    REQUIRE(pack("keygen " + test::quoted(otherKey) + " >/dev/null") == 0);
    std::filesystem::path signedTour = folder / "signed.tour";
    REQUIRE(pack("-q " + test::quoted(kDemoModel) + " --max-texture-size 64 -o " + test::quoted(signedTour.string()) +
                 " --sign " + test::quoted(key + ".key")) == 0);
    const std::string trust = " --frames 2 --no-overlay --trust " + test::quoted(key + ".pub");

    CHECK(openhouse(test::quoted(signedTour.string()) + trust).exitCode == 0);
    CHECK(openhouse(test::quoted(kDemoTour) + trust).exitCode == kExitUntrusted);  // unsigned
    CHECK(openhouse(test::quoted(kDemoModel) + trust).exitCode == kExitUntrusted); // not a bundle at all
    CHECK(openhouse(test::quoted(signedTour.string()) + " --frames 2 --no-overlay --trust " +
                    test::quoted(otherKey + ".pub")).exitCode == kExitUntrusted);
    // One byte changed in the middle of the geometry.
    std::filesystem::path changed = folder / "changed.tour";
    std::filesystem::copy_file(signedTour, changed);
    {
        std::fstream file(changed, std::ios::in | std::ios::out | std::ios::binary);
        file.seekg(4096);
        char byte = 0;
        file.read(&byte, 1);
        byte = char(byte ^ 0x01);
        file.seekp(4096);
        file.write(&byte, 1);
    }
    CHECK(openhouse(test::quoted(changed.string()) + trust).exitCode == kExitUntrusted);
}

}  // TEST_SUITE

}  // namespace oh::test
