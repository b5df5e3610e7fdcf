// Window tests of listings at the ends of the range, packed by the test
// (listing_fixture.h): 200 photos — their markers in the model, the gallery
// scrolled to its end, stepping through photo after photo — and none. The
// real `openhouse` in a virtual X server, on lavapipe, validation on.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "image_compare.h"
#include "listing_fixture.h"
#include "openhouse_runner.h"
#include "tour_window.h"

namespace oh::test {
namespace {

constexpr uint32_t kManyPhotos = 200;
const TestListing& manyPhotos() { return packedListing("listing-200-photos", kManyPhotos); }
const TestListing& noPhotos() { return packedListing("listing-no-photos", 0); }

// A small window (lavapipe draws every pixel on the CPU) with the panel in
// its top-left corner at (12, 12), and the panel's Photos tab in it, under the
// address and the room line.
const std::string kWindow = " --window 640x480";
const std::string kOpenPhotosTab = "move 1 148 85; click 2 148 85";
// Where the gallery's thumbnails are once the tab is open: a column down the
// panel's left half, centred on x = 102.
constexpr uint32_t kGalleryX = 102;

glm::vec3 pixelColour(const RgbaImage& image, uint32_t x, uint32_t y) {
    const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
    return {p[0], p[1], p[2]};
}

// The mean colour of a rectangle around (cx, cy).
glm::vec3 meanColour(const RgbaImage& image, uint32_t cx, uint32_t cy, uint32_t halfWidth, uint32_t halfHeight) {
    glm::dvec3 sum(0.0);
    for (uint32_t y = cy - halfHeight; y < cy + halfHeight; ++y)
        for (uint32_t x = cx - halfWidth; x < cx + halfWidth; ++x) sum += glm::dvec3(pixelColour(image, x, y));
    return glm::vec3(sum / double(4 * halfWidth * halfHeight));
}

// Hue in degrees (0..360) of an sRGB colour; what survives a thumbnail
// drawn lighter or darker (the panel's translucency, its encoding).
float hueDegrees(const glm::vec3& c) {
    float high = std::max(c.r, std::max(c.g, c.b)), low = std::min(c.r, std::min(c.g, c.b));
    if (high - low < 1.0f) return 0.0f;
    float hue = high == c.r ? (c.g - c.b) / (high - low) : high == c.g ? 2.0f + (c.b - c.r) / (high - low)
                                                                       : 4.0f + (c.r - c.g) / (high - low);
    return std::fmod(hue * 60.0f + 360.0f, 360.0f);
}

float colourDistance(const glm::vec3& a, const glm::vec3& b) {
    glm::vec3 d = glm::abs(a - b);
    return std::max(d.x, std::max(d.y, d.z));
}

// Separate blobs of at least `minPixels` where two images differ by more
// than `threshold` in some channel: things drawn in one and not the other.
uint32_t differingBlobs(const RgbaImage& a, const RgbaImage& b, uint32_t threshold, uint32_t minPixels) {
    std::vector<int> label(size_t(a.width) * a.height, 0);
    auto differs = [&](size_t i) {
        for (int c = 0; c < 3; ++c)
            if (uint32_t(std::abs(int(a.pixels[i * 4 + c]) - int(b.pixels[i * 4 + c]))) > threshold) return true;
        return false;
    };
    uint32_t blobs = 0;
    std::vector<size_t> stack;
    for (size_t start = 0; start < label.size(); ++start) {
        if (label[start] || !differs(start)) continue;
        uint32_t pixels = 0;
        label[start] = 1;
        stack.push_back(start);
        while (!stack.empty()) {
            size_t i = stack.back();
            stack.pop_back();
            ++pixels;
            uint32_t x = uint32_t(i % a.width), y = uint32_t(i / a.width);
            for (auto [dx, dy] : {std::pair{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
                int nx = int(x) + dx, ny = int(y) + dy;
                if (nx < 0 || ny < 0 || nx >= int(a.width) || ny >= int(a.height)) continue;
                size_t n = size_t(ny) * a.width + size_t(nx);
                if (!label[n] && differs(n)) {
                    label[n] = 1;
                    stack.push_back(n);
                }
            }
        }
        if (pixels >= minPixels) ++blobs;
    }
    return blobs;
}

// The middle half of a 4:3 photo shown large in the window, with the panel
// hidden (F1): tour/photo_panel.h makes it 0.9 m tall at 1 m, in a 50° view
// 480 pixels tall that is 463 pixels, so the middle half is 308 x 232 around
// the window's centre.
glm::vec3 photoMiddleShown(const RgbaImage& window) { return meanColour(window, 320, 240, 154, 116); }

}  // namespace

TEST_SUITE("window") {

TEST_CASE("a listing of 200 photos opens with their camera markers, and a click on one far down the list goes to it") {
    const TestListing& listing = manyPhotos();
    const std::string run = quoted(listing.bundle.string()) + " --window 640x400 --no-overlay --print-pose";
    std::filesystem::path shot = freshOutput("listing-200-markers.png");
    std::filesystem::path reference = freshOutput("listing-200-markers.reference.png");
    Run start = openhouse(run + " --frames 3 --screenshot " + quoted(shot.string()));
    REQUIRE_MESSAGE(start.exitCode == 0, "openhouse exited with " << start.exitCode);
    Pose pose = parsePose(start.output);
    CHECK(pose.mode == "walk");
    CHECK(printedRoom(start.output) == "Living room");

    // The markers are what the window shows beyond the model: `openhouse
    // render` of the same bundle from the same eye draws the model alone.
    // The living room's 40 cameras stand around the visitor; each one in
    // view is a blob of its own unless it hides another.
    Run render = openhouse("render " + quoted(listing.bundle.string()) + " --size 640x400" + viewpointOptions(pose) +
                           " --out " + quoted(reference.string()));
    REQUIRE(render.exitCode == 0);
    uint32_t markers = differingBlobs(readImage(shot), readImage(reference), 40, 12);
    MESSAGE(markers << " markers seen from the start");
    CHECK(markers >= 10);
    CHECK(markers <= 40);

    // The living room's camera furthest down the list that a click from here
    // reaches first (no other camera within 0.3 m of the way to it), a metre
    // or two off: turned to it, a click glides there and shows its photo.
    auto reachable = [&](uint32_t k) {
        glm::vec3 way = listing.photos[k].eye - pose.eye;
        float length = glm::length(way);
        if (listing.photos[k].room != "Living room" || length < 1.0f || length > 2.5f) return false;
        for (uint32_t j = 0; j < listing.photos.size(); ++j) {
            float along = glm::dot(listing.photos[j].eye - pose.eye, way / length);
            if (j != k && along > 0.0f && along < length &&
                glm::distance(listing.photos[j].eye, pose.eye + way / length * along) < 0.3f)
                return false;
        }
        return true;
    };
    uint32_t target = kManyPhotos - 1;
    while (target > 0 && !reachable(target)) --target;
    REQUIRE(target >= kManyPhotos / 2);
    Run chosen = openhouse(quoted(listing.bundle.string()) + " --window 320x200 --no-overlay --print-pose --frames 70 "
                           "--input-script '" + dragToward(pose, listing.photos[target].eye) + "; click 3 160 100'");
    REQUIRE_MESSAGE(chosen.exitCode == 0, "openhouse exited with " << chosen.exitCode);
    CHECK(printedPicture(chosen.output) == "photo " + std::to_string(target));
    Pose there = parsePose(chosen.output);
    CHECK(yawDifference(there.yaw, -listing.photos[target].headingDegrees) < 2.0f);
}

TEST_CASE("the gallery of a 200-photo listing lists them all: scrolled to its end, the last one shows and opens") {
    const TestListing& listing = manyPhotos();
    const ListingPhoto& last = listing.photos.back();
    const std::string run = quoted(listing.bundle.string()) + kWindow + " --print-pose";
    // The tab opened, the pointer over the gallery and the wheel turned far
    // further than it scrolls: the gallery's end.
    const std::string toEnd = kOpenPhotosTab + "; move 4 " + std::to_string(kGalleryX) + " 300; scroll 5 -1000";
    std::filesystem::path end = freshOutput("listing-200-gallery-end.png");
    Run scrolled = openhouse(run + " --frames 8 --input-script '" + toEnd + "' --screenshot " + quoted(end.string()));
    REQUIRE_MESSAGE(scrolled.exitCode == 0, "openhouse exited with " << scrolled.exitCode);
    RgbaImage image = readImage(end);

    // The lowest thumbnail in the panel is the last photo's (its hue: the
    // gallery ends with the hallway, its last room, and no other photo there
    // is within 30° of it): every thumbnail found room in the atlas. The
    // middle half of a thumbnail (160 x 120), searched up the column.
    std::optional<uint32_t> lastY;
    for (uint32_t y = 440; y > 100 && !lastY; --y) {
        glm::vec3 seen = meanColour(image, kGalleryX, y, 40, 30);
        float high = std::max(seen.r, std::max(seen.g, seen.b)), low = std::min(seen.r, std::min(seen.g, seen.b));
        if (high - low > 40.0f && yawDifference(hueDegrees(seen), hueDegrees(last.colour)) < 8.0f) lastY = y;
    }
    REQUIRE_MESSAGE(lastY.has_value(), "the last photo's thumbnail is not at the end of the gallery");

    // A click on it opens the photo, shown large in the middle of the view
    // (the panel hidden with F1 to see it all).
    std::filesystem::path opened = freshOutput("listing-200-last-photo.png");
    std::string click = "; move 7 " + std::to_string(kGalleryX) + " " + std::to_string(*lastY) + "; click 8 " +
                        std::to_string(kGalleryX) + " " + std::to_string(*lastY) + "; press 10 F1";
    Run chosen = openhouse(run + " --frames 12 --input-script '" + toEnd + click + "' --screenshot " +
                           quoted(opened.string()));
    REQUIRE_MESSAGE(chosen.exitCode == 0, "openhouse exited with " << chosen.exitCode);
    CHECK(printedPicture(chosen.output) == "photo " + std::to_string(kManyPhotos - 1));
    glm::vec3 shown = photoMiddleShown(readImage(opened));
    CHECK_MESSAGE(colourDistance(shown, middleColour(last)) < 25.0f,
                  "the middle of the view is " << shown.r << ", " << shown.g << ", " << shown.b);
}

TEST_CASE("stepping through 12 photos of a 200-photo gallery opens each in turn, the last one chosen shown") {
    const TestListing& listing = manyPhotos();
    // A click on a thumbnail, the gallery scrolled on by two notches, again:
    // another photo each time, down the list.
    std::string script = kOpenPhotosTab + "; move 4 " + std::to_string(kGalleryX) + " 300";
    constexpr int kSteps = 12;  // each a few lavapipe frames: enough to go well down the list
    uint64_t frame = 6;
    for (int step = 0; step < kSteps; ++step, frame += 4)
        script += "; click " + std::to_string(frame) + " " + std::to_string(kGalleryX) + " 300; scroll " +
                  std::to_string(frame + 2) + " -2";
    script += "; press " + std::to_string(frame) + " F1";
    frame += 2;
    std::filesystem::path shot = freshOutput("listing-200-stepped.png");
    Run stepped = openhouse(quoted(listing.bundle.string()) + kWindow + " --print-pose --frames " +
                            std::to_string(frame) + " --input-script '" + script + "' --screenshot " +
                            quoted(shot.string()));
    REQUIRE_MESSAGE(stepped.exitCode == 0, "openhouse exited with " << stepped.exitCode);
    std::string picture = printedPicture(stepped.output);
    REQUIRE_MESSAGE(picture.rfind("photo ", 0) == 0, "no photo open at the end: " << picture);
    uint32_t shown = uint32_t(std::stoul(picture.substr(6)));
    REQUIRE(shown < kManyPhotos);
    // The gallery lists the living room's photos first (0, 5, 10, ...): 12
    // steps of two notches (130 pixels, about a thumbnail) each go well down it.
    CHECK(shown % 5 == 0);
    CHECK(shown >= 5 * 8);
    glm::vec3 middle = photoMiddleShown(readImage(shot));
    CHECK(colourDistance(middle, middleColour(listing.photos[shown])) < 25.0f);
}

TEST_CASE("a listing without photos opens with no markers, no Photos tab and nothing said on standard error") {
    const TestListing& listing = noPhotos();
    std::filesystem::path shot = freshOutput("listing-no-photos.png");
    std::filesystem::path reference = freshOutput("listing-no-photos.reference.png");
    std::filesystem::path errors = freshOutput("listing-no-photos.stderr");
    Run run = openhouse(quoted(listing.bundle.string()) + kWindow + " --frames 3 --print-pose --screenshot " +
                        quoted(shot.string()) + " 2>" + quoted(errors.string()));
    REQUIRE_MESSAGE(run.exitCode == 0, "openhouse exited with " << run.exitCode);
    CHECK(printedPicture(run.output) == "-");
    std::ifstream errorFile(errors);
    std::stringstream said;
    said << errorFile.rdbuf();
    CHECK_MESSAGE(said.str().find("error") == std::string::npos, said.str());
    CHECK_MESSAGE(said.str().find("warning") == std::string::npos, said.str());

    // Right of the panel the view is the model alone, as `openhouse render` draws it: no markers.
    Pose pose = parsePose(run.output);
    Run render = openhouse("render " + quoted(listing.bundle.string()) + " --size 640x480" + viewpointOptions(pose) +
                           " --out " + quoted(reference.string()));
    REQUIRE(render.exitCode == 0);
    RgbaImage image = readImage(shot);
    // (Its top half: the floor plan's window sits in the bottom-right corner.)
    ImageDifference view = compareImages(crop(image, 360, 0, 280, 240), crop(readImage(reference), 360, 0, 280, 240));
    CHECK_MESSAGE(view.meanAbsoluteError < 1.0, "mean error " << view.meanAbsoluteError);
    CHECK_MESSAGE(view.fractionDifferent < 0.005, view.fractionDifferent * 100 << "% of pixels differ");

    // The panel: the address, the room, the places and the card; no tabs at all.
    GoldenResult golden = checkGolden("window-listing-no-photos", crop(image, 14, 36, 338, 172));
    CHECK_MESSAGE(golden.passed, golden.message);
}

}  // TEST_SUITE

}  // namespace oh::test
