// The tour's pictures on the GPU (viewer/tour/tour_media.h) and how the
// renderer shows them (renderer/overlay.h PanoramaBackdrop): the demo
// listing's panoramas preview first then full, cross-faded with the model,
// hiding it (and skipping its draws) at full opacity while overlays stay on
// top; a full cube of the size a 16K panorama packs to loading in the
// background while frames go on; and a 200-photo listing kept within the
// media's memory cap. Renders on lavapipe with validation on; images go to
// build/test-output to look at.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include <glm/gtc/matrix_transform.hpp>

#include "bundle/bundle_writer.h"
#include "bundle/manifest.h"
#include "image_compare.h"
#include "program_run.h"
#include "render_fixture.h"
#include "viewer/tour/tour_assets.h"
#include "viewer/tour/tour_media.h"

namespace oh::test {
namespace {

constexpr uint32_t kWidth = 256, kHeight = 192;
const std::string kDemoListing = std::string(OH_BINARY_DIR) + "/scenes/demo-listing.tour";
// The demo listing's first panorama: the living room, its eye and heading
// (scenes/demo-listing/listing.json); the second, the kitchen; the third, the bedroom.
constexpr size_t kLivingRoom = 0;
constexpr size_t kKitchen = 1;
constexpr size_t kBedroom = 2;
const glm::vec3 kLivingRoomEye{3.0f, 1.6f, 6.2f};

viewer::TourModel loadDemoListing() {
    viewer::TourRequest request;
    request.input = kDemoListing;
    auto model = viewer::loadTourModel(request, /*buildCollision=*/false);
    REQUIRE_MESSAGE(model.has_value(), (model ? "" : model.error().message));
    REQUIRE(model->manifest.has_value());
    REQUIRE(model->manifest->panoramas.size() > kLivingRoom);
    return std::move(model.value());
}

// The demo listing's model on the GPU, per test case: the shared renderer
// (render_fixture.h) is destroyed at exit before any static would be.
struct DemoListing {
    viewer::TourModel model = loadDemoListing();
    gfx::HeadlessRenderer& headless = headlessRenderer(kWidth, kHeight);
    gfx::GpuScene scene = [this] {
        auto uploaded = headless.upload(model.scene);
        REQUIRE_MESSAGE(uploaded.has_value(), (uploaded ? "" : uploaded.error().message));
        return std::move(uploaded.value());
    }();
};
float heading(const DemoListing& listing, size_t panorama) {
    return glm::radians(float(listing.model.manifest->panoramas[panorama].place.heading.value_or(0.0)));
}

RgbaImage render(DemoListing& listing, const gfx::View& view, const gfx::FrameOverlays& overlays,
                 gfx::FrameStats* stats = nullptr) {
    uint32_t messagesBefore = listing.headless.context().validationMessageCount();
    auto images = listing.headless.render(listing.scene, std::span(&view, 1), {}, stats, overlays);
    REQUIRE_MESSAGE(images.has_value(), (images ? "" : images.error().message));
    CHECK(listing.headless.context().validationMessageCount() == messagesBefore);
    return std::move(images->front());
}

void save(const RgbaImage& image, const std::string& name) {
    CHECK(writePng(testOutputDir() / name, image).has_value());
}

// Mean of the RGB channels, 0..255.
double meanLevel(const RgbaImage& image) {
    double sum = 0.0;
    for (size_t p = 0; p < image.pixels.size(); p += 4) sum += image.pixels[p] + image.pixels[p + 1] + image.pixels[p + 2];
    return sum / (3.0 * double(image.width) * image.height);
}

// Mean absolute difference between horizontal neighbours: fine detail.
double sharpness(const RgbaImage& image) {
    double sum = 0.0;
    for (uint32_t y = 0; y < image.height; ++y)
        for (uint32_t x = 0; x + 1 < image.width; ++x)
            for (uint32_t c = 0; c < 3; ++c) {
                size_t p = (size_t(y) * image.width + x) * 4 + c;
                sum += std::abs(int(image.pixels[p + 4]) - int(image.pixels[p]));
            }
    return sum / (3.0 * double(image.width - 1) * image.height);
}

double toLinear(double level) {
    double c = level / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double toLevel(double linear) {
    double c = linear <= 0.0031308 ? linear * 12.92 : 1.055 * std::pow(linear, 1.0 / 2.4) - 0.055;
    return c * 255.0;
}

// Frames of update() until panorama `index`'s full cube is there (it loads
// in the background), each frame asking for the panorama as a tour does.
viewer::PictureView fullCube(viewer::TourMedia& media, size_t index) {
    auto start = std::chrono::steady_clock::now();
    for (;;) {
        auto cube = media.panorama(index);
        REQUIRE_MESSAGE(cube.has_value(), (cube ? "" : cube.error().message));
        if (cube->full) return *cube;
        REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        auto updated = media.update();
        REQUIRE_MESSAGE(updated.has_value(), (updated ? "" : updated.error().message));
    }
}

const glm::vec4 kMagenta{1.0f, 0.0f, 1.0f, 1.0f};

bool isMagenta(const RgbaImage& image, uint32_t x, uint32_t y) {
    const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
    return p[0] > 200 && p[1] < 60 && p[2] > 200;
}

}  // namespace

TEST_SUITE("gpu") {

TEST_CASE("a panorama's preview cube shows at once, not black, and update() brings the sharper full cube") {
    DemoListing listing;
    viewer::TourMedia media(listing.headless.context(), *listing.model.bundle, *listing.model.manifest,
                            {.framesInFlight = 0});
    auto preview = media.panorama(kLivingRoom);
    REQUIRE_MESSAGE(preview.has_value(), (preview ? "" : preview.error().message));
    CHECK_FALSE(preview->full);
    gfx::View view = viewFrom(listing.model.scene, kLivingRoomEye, 60.0f, 0.0f, float(kWidth) / kHeight);
    gfx::FrameOverlays overlays;
    overlays.panorama = {preview->view, heading(listing, kLivingRoom), 1.0f};
    RgbaImage blurred = render(listing, view, overlays);
    save(blurred, "panorama-preview.png");

    viewer::PictureView full = fullCube(media, kLivingRoom);
    overlays.panorama.cube = full.view;
    RgbaImage sharp = render(listing, view, overlays);
    save(sharp, "panorama-full.png");

    INFO("mean level preview " << meanLevel(blurred) << ", full " << meanLevel(sharp) << "; sharpness preview "
                               << sharpness(blurred) << ", full " << sharpness(sharp));
    CHECK(meanLevel(blurred) > 40.0);
    // The same room, only blurred: the colours agree on average...
    CHECK(std::abs(meanLevel(blurred) - meanLevel(sharp)) < 5.0);
    CHECK(compareImages(blurred, sharp).meanAbsoluteError < 20.0);
    // ...but the 64-pixel faces have far less detail than the 1024-pixel ones.
    CHECK(sharpness(blurred) < 0.6 * sharpness(sharp));
}

TEST_CASE("a panorama shows no seam where its cube's faces meet") {
    DemoListing listing;
    viewer::TourMedia media(listing.headless.context(), *listing.model.bundle, *listing.model.manifest,
                            {.framesInFlight = 0});
    viewer::PictureView cube = fullCube(media, kLivingRoom);
    // Heading 0 and 45° to the right: the edge between the -Z and +X faces
    // runs down the middle of the image, between columns 127 and 128.
    gfx::View view = viewFrom(listing.model.scene, kLivingRoomEye, -45.0f, 0.0f, float(kWidth) / kHeight);
    gfx::FrameOverlays overlays;
    overlays.panorama = {cube.view, 0.0f, 1.0f};
    RgbaImage image = render(listing, view, overlays);
    save(image, "panorama-face-edge.png");
    auto columnStep = [&](uint32_t x) {  // mean difference between columns x and x + 1
        double sum = 0.0;
        for (uint32_t y = 0; y < image.height; ++y)
            for (uint32_t c = 0; c < 3; ++c) {
                size_t p = (size_t(y) * image.width + x) * 4 + c;
                sum += std::abs(int(image.pixels[p + 4]) - int(image.pixels[p]));
            }
        return sum / (3.0 * image.height);
    };
    double edge = columnStep(kWidth / 2 - 1);
    double elsewhere = (columnStep(kWidth / 4) + columnStep(kWidth * 3 / 4)) / 2.0;
    INFO("step across the face edge " << edge << ", between columns elsewhere " << elsewhere);
    CHECK(edge < elsewhere + 2.0);
}

TEST_CASE("an opaque panorama hides the model and skips its draws; half opacity blends the two") {
    DemoListing listing;
    viewer::TourMedia media(listing.headless.context(), *listing.model.bundle, *listing.model.manifest,
                            {.framesInFlight = 0});
    // The kitchen's panorama seen from the living room: the two ends of the fade differ.
    viewer::PictureView cube = fullCube(media, kKitchen);
    gfx::View view = viewFrom(listing.model.scene, kLivingRoomEye, 150.0f, -10.0f, float(kWidth) / kHeight);

    gfx::FrameStats modelStats, panoramaStats, fadeStats;
    RgbaImage model = render(listing, view, {}, &modelStats);
    gfx::FrameOverlays overlays;
    overlays.panorama = {cube.view, heading(listing, kKitchen), 1.0f};
    RgbaImage panorama = render(listing, view, overlays, &panoramaStats);
    overlays.panorama.opacity = 0.5f;
    RgbaImage fade = render(listing, view, overlays, &fadeStats);
    save(model, "panorama-fade-0.png");
    save(fade, "panorama-fade-50.png");
    save(panorama, "panorama-fade-100.png");

    // Nothing of the model is culled, sorted or drawn: one draw, the panorama's.
    CHECK(modelStats.drawCalls > 5);
    CHECK(panoramaStats.visibleInstances == 0);
    CHECK(panoramaStats.drawCalls == 1);
    CHECK(fadeStats.drawCalls == modelStats.drawCalls + 1);

    // Blending happens in linear light on the sRGB target.
    RgbaImage expected = model;
    for (size_t p = 0; p < expected.pixels.size(); ++p)
        if (p % 4 != 3)
            expected.pixels[p] = uint8_t(std::lround(
                std::clamp(toLevel(0.5 * toLinear(model.pixels[p]) + 0.5 * toLinear(panorama.pixels[p])), 0.0, 255.0)));
    double fadeError = compareImages(fade, expected).meanAbsoluteError;
    double endsApart = compareImages(model, panorama).meanAbsoluteError;
    INFO("half opacity against the blend of both: " << fadeError << "; model against panorama: " << endsApart);
    CHECK(fadeError < 1.0);
    CHECK(endsApart > 20.0);
}

TEST_CASE("overlays drawn over a panorama are not hidden by the model's walls behind it") {
    DemoListing listing;
    viewer::TourMedia media(listing.headless.context(), *listing.model.bundle, *listing.model.manifest,
                            {.framesInFlight = 0});
    auto cube = media.panorama(kLivingRoom);
    REQUIRE(cube.has_value());
    // A marker in the bedroom, seen from the living room through the wall between them.
    const glm::vec3 marker{2.0f, 1.6f, 1.5f};
    glm::vec3 towards = marker - kLivingRoomEye;
    float yaw = glm::degrees(std::atan2(-towards.x, -towards.z));
    gfx::View view = viewFrom(listing.model.scene, kLivingRoomEye, yaw, 0.0f, float(kWidth) / kHeight);
    gfx::OverlayGeometry geometry;
    geometry.addBox(glm::translate(glm::mat4(1.0f), marker), glm::vec3(0.15f), kMagenta);
    gfx::FrameOverlays overlays;
    overlays.geometry = &geometry;
    RgbaImage inModel = render(listing, view, overlays);
    overlays.panorama = {cube->view, heading(listing, kLivingRoom), 1.0f};
    RgbaImage inPanorama = render(listing, view, overlays);
    save(inModel, "panorama-marker-in-model.png");
    save(inPanorama, "panorama-marker-in-panorama.png");
    CHECK_FALSE(isMagenta(inModel, kWidth / 2, kHeight / 2));  // the wall hides it in the model...
    CHECK(isMagenta(inPanorama, kWidth / 2, kHeight / 2));     // ...not in the panorama
}

TEST_CASE("a 16K panorama's full cube loads in the background: every frame goes on, showing the preview until then") {
    // What openhouse-pack makes of a 16384x8192 panorama: faces of 2048 (its
    // cap), 32 MiB of BC7 with mips, and the 64-pixel preview. The blocks'
    // bytes are random (any 16 bytes decode as some BC7 block): this measures
    // loading, not looks.
    bundle::CubePart cube{"panoramas/0/cube", "panoramas/0/preview", scene::PixelFormat::Bc7, 2048, 64};
    std::mt19937 random(16384);
    auto noise = [&](uint64_t size) {
        std::vector<uint8_t> bytes(size);
        for (uint8_t& byte : bytes) byte = uint8_t(random());
        return bytes;
    };
    std::filesystem::path path = testOutputDir() / "panorama-16k.tour";
    REQUIRE(bundle::writeBundle(path, {{cube.part, bundle::PartKind::Panorama, noise(cube.bytes())},
                                       {cube.previewPart, bundle::PartKind::PanoramaPreview, noise(cube.previewBytes())}})
                .has_value());
    auto reader = bundle::BundleReader::open(path);
    REQUIRE_MESSAGE(reader.has_value(), (reader ? "" : reader.error().message));
    bundle::Manifest manifest;
    manifest.panoramas.push_back({cube, {}});

    gfx::HeadlessRenderer& headless = headlessRenderer(kWidth, kHeight);
    uint32_t messagesBefore = headless.context().validationMessageCount();
    using Clock = std::chrono::steady_clock;
    auto milliseconds = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
    {
        viewer::TourMedia media(headless.context(), *reader, manifest);
        auto enter = Clock::now();
        auto preview = media.panorama(0);
        REQUIRE_MESSAGE(preview.has_value(), (preview ? "" : preview.error().message));
        CHECK_FALSE(preview->full);
        double firstFrame = milliseconds(Clock::now() - enter);

        // Frames at the headset's pace until the full cube is there: each
        // update() only moves the load on.
        double slowestUpdate = 0.0;
        int frames = 0, framesLoading = 0;
        bool full = false;
        while (!full) {
            auto before = Clock::now();
            REQUIRE(media.update().has_value());
            slowestUpdate = std::max(slowestUpdate, milliseconds(Clock::now() - before));
            framesLoading += media.loading();
            auto cubeNow = media.panorama(0);
            REQUIRE(cubeNow.has_value());
            full = cubeNow->full;
            REQUIRE(++frames < 60 * 90);  // a minute of frames
            std::this_thread::sleep_for(std::chrono::microseconds(11111));
        }
        double toFull = milliseconds(Clock::now() - enter);
        MESSAGE("16K panorama: preview in " << firstFrame << " ms, full cube after " << frames << " frames ("
                                            << toFull << " ms), slowest update() " << slowestUpdate << " ms");
        CHECK(firstFrame < 50.0);     // a 32 KiB part: one small upload
        CHECK(framesLoading >= 1);    // the load spanned frames: it did not stall one until done
        // Reading, checking and copying 32 MiB in one frame takes far longer
        // (0.7 s here); starting the load allocates its memory, the one cost left.
        CHECK(slowestUpdate < 60.0);
        CHECK(media.gpuBytes() >= cube.bytes() + cube.previewBytes());
    }
    CHECK(headless.context().validationMessageCount() == messagesBefore);
}

TEST_CASE("leaving a panorama while its full cube loads, or closing the tour then, is safe") {
    DemoListing listing;
    uint32_t messagesBefore = listing.headless.context().validationMessageCount();
    {
        viewer::TourMedia media(listing.headless.context(), *listing.model.bundle, *listing.model.manifest,
                                {.framesInFlight = 0});
        REQUIRE(media.panorama(kLivingRoom).has_value());
        REQUIRE(media.update().has_value());  // the living room's full cube starts loading...
        CHECK(media.loading());
        REQUIRE(media.panorama(kKitchen).has_value());  // ...the visitor moves on to the kitchen
        viewer::PictureView kitchen = fullCube(media, kKitchen);
        CHECK(kitchen.full);
        REQUIRE(media.panorama(kBedroom).has_value());
        REQUIRE(media.update().has_value());
        CHECK(media.loading());
    }  // destroyed with a load under way: waits for it, frees everything
    CHECK(listing.headless.context().validationMessageCount() == messagesBefore);
}

TEST_CASE("a listing of 200 photos stays within the media's memory cap, the least recently used going first") {
    // 200 small photos of different colours, packed as an agent would.
    std::filesystem::path folder = testOutputDir() / "listing-200-photos";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder / "photos");
    std::string photos;
    for (uint32_t i = 0; i < 200; ++i) {
        RgbaImage image{96, 64, std::vector<uint8_t>(96 * 64 * 4, 255)};
        for (size_t p = 0; p < image.pixels.size(); p += 4) {
            image.pixels[p] = uint8_t(i);
            image.pixels[p + 1] = uint8_t((p / 4) % 96 * 2);
            image.pixels[p + 2] = uint8_t(255 - i);
        }
        std::string name = "photos/" + std::to_string(i) + ".png";
        REQUIRE(writePng(folder / name, image).has_value());
        photos += std::string(i ? "," : "") + "{\"file\": \"" + name + "\"}";
    }
    std::ofstream(folder / "listing.json")
        << R"({"formatVersion": 1, "id": "two-hundred-photos",
              "address": {"street": "Testikatu 1", "postalCode": "00100", "city": "Helsinki"},
              "location": {"latitude": 60.17, "longitude": 24.94}, "price": {"asking": 100000, "currency": "EUR"},
              "area": {"living": 30}, "rooms": {"count": 1}, "yearBuilt": 2000, "description": {"fi": "Testi."},
              "agent": {"name": "Aino Virtanen", "phone": "+358 40 555 0123"}, "photos": [)"
        << photos << "]}\n";
    std::filesystem::path bundlePath = testOutputDir() / "listing-200-photos.tour";
    ProgramRun pack = runProgram(std::string("'") + OH_PACK_EXE + "' -q '" + folder.string() + "' -o '" +
                                     bundlePath.string() + "'",
                                 testOutputDir());
    REQUIRE_MESSAGE(pack.exitCode == 0, pack.errors);

    viewer::TourRequest request;
    request.input = bundlePath;
    auto model = viewer::loadTourModel(request, false);
    REQUIRE_MESSAGE(model.has_value(), (model ? "" : model.error().message));
    REQUIRE(model->manifest->photos.size() == 200);
    gfx::HeadlessRenderer& headless = headlessRenderer(kWidth, kHeight);
    uint64_t before = gfx::liveDeviceMemoryBytes();
    {
        constexpr uint64_t kCap = 512 * 1024;
        viewer::TourMedia media(headless.context(), *model->bundle, *model->manifest, {.memoryCap = kCap});
        uint64_t most = 0;
        for (size_t i = 0; i < 200; ++i) {  // a visitor paging through the photos, each shown until sharp
            REQUIRE(media.update().has_value());
            auto photo = media.photo(i);
            REQUIRE_MESSAGE(photo.has_value(), (photo ? "" : photo.error().message));
            CHECK(photo->view != VK_NULL_HANDLE);
            CHECK_FALSE(photo->full);  // its thumbnail, at once
            auto display = media.fullPhoto(i);
            REQUIRE_MESSAGE(display.has_value(), (display ? "" : display.error().message));
            CHECK(*display != photo->view);
            most = std::max(most, media.gpuBytes());
        }
        INFO("resident " << media.residentCount() << " pictures, " << media.gpuBytes() << " bytes, at most " << most);
        CHECK(most <= kCap);
        CHECK(media.residentCount() < 200);
        CHECK(media.residentCount() > 10);  // the cap is used, not emptied at every step
        // The GPU's own count agrees: only what the media says it holds is allocated.
        CHECK(gfx::liveDeviceMemoryBytes() - before == media.gpuBytes());
        // An evicted photo comes back when asked for again.
        REQUIRE(media.update().has_value());
        auto again = media.photo(0);
        REQUIRE(again.has_value());
        CHECK(again->view != VK_NULL_HANDLE);
    }
    CHECK(gfx::liveDeviceMemoryBytes() == before);
}

}  // TEST_SUITE("gpu")

}  // namespace oh::test
