// Listing pictures from `openhouse render`, as the demo listing's build makes
// them: 360° equirectangular panoramas (2:1, lit, no seam where the edges
// meet, the ceiling point along the top row, the forward direction in the
// middle and the viewer's right in the right half) and JPEG photos; and the
// requests it refuses. Runs the real program on the generated demo apartment;
// and the demo listing's bundle seen as the tour shows its pictures: from
// inside a panorama (against the model it was rendered from) and a photo
// opened large.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include <glm/glm.hpp>
#include <glm/gtc/constants.hpp>
#include <stb/stb_image.h>

#include "image_compare.h"
#include "openhouse_runner.h"
#include "render_fixture.h"
#include "tour_window.h"

namespace oh::test {
namespace {

const std::string kDemoApartment = std::string(OH_BINARY_DIR) + "/scenes/demo-apartment.glb";
const std::string kDemoListing = std::string(OH_BINARY_DIR) + "/scenes/demo-listing.tour";
// Standing in the living room, between the sofa and the armchair, at eye height.
const std::string kLivingRoomEye = "3.2,1.6,6.0";
constexpr float kPanoramaYaw = 90.0f;  // forward: west, towards the TV wall

std::string renderArguments(const std::filesystem::path& output, const std::string& options) {
    return "render " + quoted(kDemoApartment) + " --out " + quoted(output.string()) + " " + options;
}

// `openhouse render` of the demo listing's bundle with `options`, read back.
RgbaImage renderListing(const std::string& name, const std::string& options) {
    std::filesystem::path path = freshOutput(name);
    Run run = openhouse("render " + quoted(kDemoListing) + " --out " + quoted(path.string()) + " " + options);
    REQUIRE(run.exitCode == 0);
    return readImage(path);
}

// The left and right halves of a side-by-side stereo pair.
std::pair<RgbaImage, RgbaImage> stereoHalves(const RgbaImage& pair) {
    std::pair<RgbaImage, RgbaImage> halves;
    uint32_t width = pair.width / 2;
    for (RgbaImage* half : {&halves.first, &halves.second}) {
        half->width = width;
        half->height = pair.height;
        uint32_t first = half == &halves.first ? 0 : width;
        for (uint32_t y = 0; y < pair.height; ++y) {
            auto row = pair.pixels.begin() + (size_t(y) * pair.width + first) * 4;
            half->pixels.insert(half->pixels.end(), row, row + size_t(width) * 4);
        }
    }
    return halves;
}

// Rows [first, first + count) of `image`.
RgbaImage rows(const RgbaImage& image, uint32_t first, uint32_t count) {
    auto begin = image.pixels.begin() + size_t(first) * image.width * 4;
    return {image.width, count, {begin, begin + size_t(count) * image.width * 4}};
}

glm::vec4 pixelAt(const RgbaImage& image, uint32_t x, uint32_t y) {
    const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
    return {p[0], p[1], p[2], p[3]};
}

// Bilinear sample at a continuous pixel position (centres at integers); x
// wraps round (the panorama's longitude), y is clamped.
glm::vec4 sampleWrapped(const RgbaImage& image, float x, float y) {
    y = std::clamp(y, 0.0f, float(image.height - 1));
    float x0 = std::floor(x), y0 = std::floor(y);
    float fx = x - x0, fy = y - y0;
    auto column = [&](float c) { return uint32_t((long(c) % long(image.width) + image.width) % image.width); };
    uint32_t row0 = uint32_t(y0), row1 = std::min(row0 + 1, image.height - 1);
    glm::vec4 top = glm::mix(pixelAt(image, column(x0), row0), pixelAt(image, column(x0 + 1), row0), fx);
    glm::vec4 bottom = glm::mix(pixelAt(image, column(x0), row1), pixelAt(image, column(x0 + 1), row1), fx);
    return glm::mix(top, bottom, fy);
}

// Mean absolute difference (0..255, RGB) between the middle half of a square
// 90° photo and what the panorama shows in the same directions, when the
// photo looks `turnRightDegrees` to the right of the panorama's forward
// direction. Written from the stated convention, independently of the code
// under test: longitude 0 in the middle column, increasing to the right,
// latitude +90° on the top row.
double photoVersusPanorama(const RgbaImage& photo, const RgbaImage& panorama, float turnRightDegrees) {
    double total = 0.0;
    size_t count = 0;
    uint32_t size = photo.width;
    for (uint32_t y = size / 4; y < size * 3 / 4; ++y) {
        for (uint32_t x = size / 4; x < size * 3 / 4; ++x) {
            // The photo's ray: right, up, forward = (px, py, 1) for a 90° field of view.
            float px = 2.0f * (float(x) + 0.5f) / float(size) - 1.0f;
            float py = 1.0f - 2.0f * (float(y) + 0.5f) / float(size);
            float longitude = std::atan2(px, 1.0f) + glm::radians(turnRightDegrees);
            float latitude = std::atan2(py, std::sqrt(px * px + 1.0f));
            float u = (longitude / (2.0f * glm::pi<float>()) + 0.5f) * float(panorama.width) - 0.5f;
            float v = (0.5f - latitude / glm::pi<float>()) * float(panorama.height) - 0.5f;
            glm::vec4 difference = glm::abs(sampleWrapped(panorama, u, v) - pixelAt(photo, x, y));
            total += difference.r + difference.g + difference.b;
            count += 3;
        }
    }
    return total / double(count);
}

// Mean luminance (0..255) of rows [firstRow, firstRow + rowCount), all rows by default.
double meanLuminance(const RgbaImage& image, uint32_t firstRow = 0, uint32_t rowCount = UINT32_MAX) {
    uint32_t endRow = std::min(image.height, firstRow + std::min(rowCount, image.height));
    double sum = 0.0;
    for (size_t p = size_t(firstRow) * image.width * 4; p < size_t(endRow) * image.width * 4; p += 4)
        sum += 0.2126 * image.pixels[p] + 0.7152 * image.pixels[p + 1] + 0.0722 * image.pixels[p + 2];
    return sum / double(size_t(endRow - firstRow) * image.width);
}

// The largest difference of any channel between two columns, averaged down the rows.
double columnDifference(const RgbaImage& image, uint32_t a, uint32_t b) {
    double total = 0.0;
    for (uint32_t y = 0; y < image.height; ++y) {
        glm::vec4 d = glm::abs(pixelAt(image, a, y) - pixelAt(image, b, y));
        total += std::max({d.r, d.g, d.b});
    }
    return total / image.height;
}

// The spread (max - min) of the brightest-varying channel along row `y`.
float rowSpread(const RgbaImage& image, uint32_t y) {
    glm::vec4 low(255.0f), high(0.0f);
    for (uint32_t x = 0; x < image.width; ++x) {
        low = glm::min(low, pixelAt(image, x, y));
        high = glm::max(high, pixelAt(image, x, y));
    }
    glm::vec4 spread = high - low;
    return std::max({spread.r, spread.g, spread.b});
}

// One living-room panorama for the tests that look at it (rendering is the slow part).
const RgbaImage& livingRoomPanorama() {
    static RgbaImage panorama = [] {
        std::filesystem::path path = freshOutput("listing-panorama.png");
        Run run = openhouse(renderArguments(path, "--panorama --size 1024x512 --eye " + kLivingRoomEye +
                                                      " --yaw " + std::to_string(kPanoramaYaw)));
        REQUIRE(run.exitCode == 0);
        return readImage(path);
    }();
    return panorama;
}

RgbaImage livingRoomPhoto(const std::string& name, float yawDegrees) {
    std::filesystem::path path = freshOutput(name);
    Run run = openhouse(renderArguments(path, "--fov 90 --size 256x256 --eye " + kLivingRoomEye + " --yaw " +
                                                  std::to_string(yawDegrees)));
    REQUIRE(run.exitCode == 0);
    return readImage(path);
}

}  // namespace

TEST_SUITE("gpu") {

TEST_CASE("a panorama of the demo apartment is 2:1 and lit") {
    const RgbaImage& panorama = livingRoomPanorama();
    CHECK(panorama.width == 1024);
    CHECK(panorama.height == 512);
    CHECK(meanLuminance(panorama) > 40.0);
    CHECK(distinctColours(panorama) > 2000);
}

TEST_CASE("a panorama's first and last columns match, so it wraps round without a seam") {
    const RgbaImage& panorama = livingRoomPanorama();
    double seam = columnDifference(panorama, 0, panorama.width - 1);
    // Neighbouring columns elsewhere differ about as much; a broken wrap (a
    // column from the wrong face) differs by tens of levels.
    double elsewhere = columnDifference(panorama, panorama.width / 3, panorama.width / 3 + 1);
    INFO("seam " << seam << ", neighbouring columns elsewhere " << elsewhere);
    CHECK(seam < 4.0);
    CHECK(seam < elsewhere + 2.0);
}

TEST_CASE("a panorama's top row is the one point straight up, stretched across") {
    const RgbaImage& panorama = livingRoomPanorama();
    CHECK(rowSpread(panorama, 0) <= 8.0f);
    // The ceiling is lit, not a hole to the sky or a black void.
    CHECK(meanLuminance(panorama, 0, 1) > 40.0);
}

TEST_CASE("a panorama's middle shows what a photo from the same eye and yaw shows") {
    const RgbaImage& panorama = livingRoomPanorama();
    RgbaImage forward = livingRoomPhoto("listing-forward.png", kPanoramaYaw);
    double matched = photoVersusPanorama(forward, panorama, 0.0f);
    // Sanity of the metric: the view behind differs from the forward one.
    double behind = photoVersusPanorama(forward, panorama, 180.0f);
    INFO("mean difference forward " << matched << ", against the view behind " << behind);
    CHECK(matched < 6.0);
    CHECK(behind > 3.0 * matched);
}

TEST_CASE("a panorama's right half shows what is on the viewer's right") {
    const RgbaImage& panorama = livingRoomPanorama();
    // --yaw turns left, so the view 90° to the right is yaw - 90.
    RgbaImage right = livingRoomPhoto("listing-right.png", kPanoramaYaw - 90.0f);
    double matched = photoVersusPanorama(right, panorama, 90.0f);
    double mirrored = photoVersusPanorama(right, panorama, -90.0f);
    INFO("mean difference at +90° " << matched << ", at -90° " << mirrored);
    CHECK(matched < 6.0);
    CHECK(mirrored > 3.0 * matched);
}

TEST_CASE("a photo written as .jpg is a JPEG that stb_image decodes at the asked size") {
    std::filesystem::path path = freshOutput("listing-photo.jpg");
    Run run = openhouse(renderArguments(path, "--size 320x240 --fov 70 --eye 5.5,1.5,6.8 --yaw 63 --pitch -8"));
    REQUIRE(run.exitCode == 0);
    std::ifstream file(path, std::ios::binary);
    unsigned char magic[3] = {};
    file.read(reinterpret_cast<char*>(magic), 3);
    CHECK((magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF));
    int width = 0, height = 0, channels = 0;
    stbi_uc* pixels = stbi_load(path.string().c_str(), &width, &height, &channels, 4);
    REQUIRE_MESSAGE(pixels != nullptr, stbi_failure_reason());
    RgbaImage photo{uint32_t(width), uint32_t(height), {pixels, pixels + size_t(width) * height * 4}};
    stbi_image_free(pixels);
    CHECK(width == 320);
    CHECK(height == 240);
    CHECK(meanLuminance(photo) > 40.0);
}

TEST_CASE("an MSAA count the GPU lacks renders with the nearest one it has, validation clean") {
    // lavapipe has 1x and 4x but no 2x; with validation on, a bad count would exit 5.
    std::filesystem::path twice = freshOutput("listing-msaa2.png"), none = freshOutput("listing-msaa1.png");
    REQUIRE(openhouse(renderArguments(twice, "--size 160x120 --msaa 2 --eye 5.5,1.5,6.8 --yaw 63")).exitCode == 0);
    REQUIRE(openhouse(renderArguments(none, "--size 160x120 --msaa 1 --eye 5.5,1.5,6.8 --yaw 63")).exitCode == 0);
    RgbaImage image = readImage(twice);
    CHECK(meanLuminance(image) > 40.0);
    CHECK(compareImages(image, readImage(none)).meanAbsoluteError < 2.0);
}

// The living-room panorama (scenes/demo-listing/listing.json: eye 3.0,1.6,6.2,
// heading 300, so its centre is at yaw 60), looked at 45° to the left of its
// centre, where two of its cube's faces meet: a cube turned the wrong way, or
// not at all, shows another wall.
const std::string kLivingRoomView = "--size 256x192 --fov 70 --pitch -10";

TEST_CASE("inside the demo listing's living-room panorama, the view matches the model's from its eye") {
    RgbaImage inside = renderListing("inside-panorama.png", "--inside-panorama 0 --yaw 105 " + kLivingRoomView);
    RgbaImage model = renderListing("inside-panorama-model.png", "--eye 3.0,1.6,6.2 --yaw 105 " + kLivingRoomView);
    RgbaImage across = renderListing("inside-panorama-across.png", "--eye 3.0,1.6,6.2 --yaw 285 " + kLivingRoomView);
    double matched = compareImages(inside, model).meanAbsoluteError;
    double other = compareImages(inside, across).meanAbsoluteError;
    INFO("mean error against the model from the same eye " << matched << ", against the opposite view " << other);
    // Measured 1.1 on lavapipe (31 against the opposite view): the panorama
    // was rendered from this model and eye, then went through an
    // equirectangular JPEG, resampling to cube faces and BC7.
    CHECK(matched < 2.0);
    CHECK(other > 3.0 * matched);
    GoldenResult golden = checkGolden("panorama-inside-living-room", inside);
    CHECK_MESSAGE(golden.passed, golden.message);
}

TEST_CASE("inside a panorama both eyes see the same image: it turns with the head but never shifts") {
    const std::string view = "--yaw 150 --size 160x120 --fov 70";
    const std::string stereo = view + " --stereo --ipd 0.063";
    auto [left, right] = stereoHalves(renderListing("inside-panorama-stereo.png", "--inside-panorama 0 " + stereo));
    auto [modelLeft, modelRight] =
        stereoHalves(renderListing("inside-panorama-stereo-model.png", "--eye 3.0,1.6,6.2 " + stereo));
    RgbaImage mono = renderListing("inside-panorama-mono.png", "--inside-panorama 0 " + view);
    double eyesInside = compareImages(left, right).meanAbsoluteError;
    double eyesInModel = compareImages(modelLeft, modelRight).meanAbsoluteError;
    INFO("left against right eye inside the panorama " << eyesInside << ", in the model " << eyesInModel);
    CHECK(eyesInside < 0.1);
    CHECK(eyesInModel > 1.0);  // the model has parallax: the comparison can tell
    CHECK(compareImages(left, mono).meanAbsoluteError < 0.1);  // and each eye sees what one view sees
}

TEST_CASE("a photo opened large fills a panel in front of the view at the size the tour shows it") {
    const std::string view = "--eye 3.0,1.6,6.2 --yaw 150 " + kLivingRoomView;
    RgbaImage withPhoto = renderListing("photo-panel.png", "--photo 2 " + view);
    RgbaImage model = renderListing("photo-panel-model.png", view);
    // 0.9 m tall at 1 m in a 70° view: the middle 64% of the rows; the rest is the model.
    double above = compareImages(rows(withPhoto, 0, 30), rows(model, 0, 30)).meanAbsoluteError;
    double below = compareImages(rows(withPhoto, 162, 30), rows(model, 162, 30)).meanAbsoluteError;
    double middle = compareImages(rows(withPhoto, 40, 112), rows(model, 40, 112)).meanAbsoluteError;
    INFO("against the model alone: above the panel " << above << ", below " << below << ", across it " << middle);
    CHECK(above < 0.5);
    CHECK(below < 0.5);
    CHECK(middle > 10.0);
    GoldenResult golden = checkGolden("photo-panel-kitchen", withPhoto);
    CHECK_MESSAGE(golden.passed, golden.message);
}

TEST_CASE("a photo opened large by a wall is drawn over the wall, just as in the middle of a room") {
    // A third of a metre from the wall between the living room and the
    // bedroom, facing it: the wall is nearer than the panel's metre.
    const std::string byWall = "--eye 2.0,1.6,3.8 --yaw 0 " + kLivingRoomView;
    RgbaImage wall = renderListing("photo-by-wall-model.png", byWall);
    RgbaImage withPhoto = renderListing("photo-by-wall.png", "--photo 2 " + byWall);
    RgbaImage inRoom = renderListing("photo-in-room.png", "--photo 2 --eye 3.0,1.6,6.2 --yaw 150 " + kLivingRoomView);
    // The panel's middle (it spans rows 35..157 and columns 46..210): the
    // photo, exactly as where nothing is near; above it the wall.
    double across = compareImages(crop(withPhoto, 60, 45, 136, 100), crop(inRoom, 60, 45, 136, 100)).meanAbsoluteError;
    double againstWall = compareImages(crop(withPhoto, 60, 45, 136, 100), crop(wall, 60, 45, 136, 100)).meanAbsoluteError;
    double above = compareImages(rows(withPhoto, 0, 30), rows(wall, 0, 30)).meanAbsoluteError;
    INFO("the panel's middle against the photo in the open room " << across << ", against the wall " << againstWall
                                                                  << "; above the panel against the wall " << above);
    CHECK(across < 0.5);
    CHECK(againstWall > 10.0);
    CHECK(above < 0.5);
}

TEST_CASE("a panorama or photo the bundle lacks, or a model that is no bundle, is refused with exit code 2") {
    std::filesystem::path path = freshOutput("inside-refused.png");
    Run missing = openhouse("render " + quoted(kDemoListing) + " --out " + quoted(path.string()) +
                            " --size 64x48 --inside-panorama 99 2>&1");
    CHECK(missing.exitCode == 2);
    CHECK_MESSAGE(missing.output.find("no panorama 99") != std::string::npos, missing.output);
    Run noPhoto = openhouse("render " + quoted(kDemoListing) + " --out " + quoted(path.string()) +
                            " --size 64x48 --photo 99 2>&1");
    CHECK(noPhoto.exitCode == 2);
    CHECK_MESSAGE(noPhoto.output.find("no photo 99") != std::string::npos, noPhoto.output);
    Run model = openhouse(renderArguments(path, "--size 64x48 --inside-panorama 0") + " 2>&1");
    CHECK(model.exitCode == 2);
    CHECK_MESSAGE(model.output.find("not a tour bundle") != std::string::npos, model.output);
    CHECK_FALSE(std::filesystem::exists(path));
}

}  // TEST_SUITE("gpu")

// Refused before the model is even loaded: no GPU needed, so these also run
// in the sanitizer build.
TEST_SUITE("refusals") {

TEST_CASE("a panorama whose size is not 2:1 is refused with exit code 2 and no file") {
    std::filesystem::path path = freshOutput("listing-refused.jpg");
    Run run = openhouse(renderArguments(path, "--panorama --eye 1,1.6,1 --size 1000x600") + " 2>&1");
    CHECK(run.exitCode == 2);
    CHECK_MESSAGE(run.output.find("2:1") != std::string::npos, run.output);
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("an output with an extension that is not .png, .jpg or .jpeg is refused with exit code 2") {
    std::filesystem::path path = freshOutput("listing-refused.bmp");
    Run run = openhouse(renderArguments(path, "--size 64x48") + " 2>&1");
    CHECK(run.exitCode == 2);
    CHECK_MESSAGE(run.output.find(".bmp") != std::string::npos, run.output);
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("a field of view outside 10..170 degrees is refused with exit code 2") {
    std::filesystem::path path = freshOutput("listing-refused-fov.png");
    Run run = openhouse(renderArguments(path, "--size 64x48 --eye 1,1.6,1 --fov 175") + " 2>&1");
    CHECK(run.exitCode == 2);
    CHECK_MESSAGE(run.output.find("--fov") != std::string::npos, run.output);
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("a panorama without an eye is refused with exit code 2") {
    std::filesystem::path path = freshOutput("listing-refused-eye.png");
    Run run = openhouse(renderArguments(path, "--panorama --size 64x32") + " 2>&1");
    CHECK(run.exitCode == 2);
    CHECK_FALSE(std::filesystem::exists(path));
}

}  // TEST_SUITE("refusals")

}  // namespace oh::test
