// bench_pictures: the listing's pictures in the tour, timed on real stereo
// frames (two views, by default of 1440x1584, one Quest 2 eye each, 4x MSAA) recorded
// through the tour's own TourMedia and TourPictures and submitted as the
// headset's loop submits them. Every frame is waited for before the next
// begins, so the GPU's work (on lavapipe: the same CPU cores) stays out of
// the next frame's times; a frame's time is wall-clock from the first call
// of its work to its submission, so an upload waited for counts in full.
//   bench_pictures [--frames N] [--eye-size WxH] BUNDLE.tour
// The eye size changes the GPU's work only: what is recorded and submitted is
// the same at any size. (lavapipe samples BC7 in software, which makes a
// full-size frame inside a panorama take minutes.)
// For bench/make_picture_listing.sh's bundle (posed photos, panoramas). Prints
// one tab-separated line per run; bench/run.sh runs it in fresh processes and
// takes medians:
//   markers                 photos with a pose (a camera marker each)
//   model, markers, inside  CPU ms per frame, median and p90 of N frames
//                           each: the model alone (no pictures: the tour
//                           without them); the model with the markers (the
//                           tour's update, a pick along the view as a
//                           pointer hovers, the shapes); inside panorama 0
//                           (its full cube, the hotspots)
//   photo                   a photo opened large, not on the GPU yet (its
//                           thumbnail stands in first), median over
//                           kPhotoSwitches photos: an arrival (below); then
//                           the ms to its frame when it is already on the GPU
//   per panorama            its cube's face size, and an arrival on entering
//                           it with nothing on the GPU (a fresh TourMedia)
// An arrival: ms from asking for the picture to the first frame with it (its
// stand-in) submitted; frames and wall ms from asking to the first frame
// with the full picture submitted; the longest frame's ms on the way.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/log.h"
#include "renderer/camera.h"
#include "renderer/offscreen.h"
#include "renderer/renderer.h"
#include "renderer/vk_check.h"
#include "renderer/vk_context.h"
#include "viewer/tour/frame_slots.h"
#include "viewer/tour/photo_panel.h"
#include "viewer/tour/tour_assets.h"
#include "viewer/tour/tour_media.h"
#include "viewer/tour/tour_pictures.h"

using namespace oh;
using Clock = std::chrono::steady_clock;

namespace {

constexpr float kVerticalFov = 1.6f;            // radians, about a Quest 2 eye's
constexpr float kFrameSeconds = 1.0f / 72.0f;   // the tour's clock per frame (fades)
constexpr size_t kPhotoSwitches = 10;           // photos asked for, cold then resident
constexpr int kMaxFramesToFull = 600;           // a full cube later than this is an error
constexpr int kSettleFrames = 8;                // into a panorama: its fade and full cube
constexpr float kSettleFrameSeconds = 0.1f;     // the tour's clock per settling frame

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    return values[size_t(std::lround(p * double(values.size() - 1)))];
}

int fail(const Error& error) {
    std::fprintf(stderr, "error: %s\n", error.message.c_str());
    return error.exitCode;
}

// Stereo frames into an offscreen target, each submitted with a fence and
// waited for, as a headset frame is once its slot comes round again.
class StereoFrames {
public:
    static Result<StereoFrames> create(gfx::GpuContext& context, const gfx::Renderer& renderer, VkExtent2D eyeSize) {
        auto target = gfx::OffscreenTarget::create(context, eyeSize, 2, renderer.options().colorFormat);
        if (!target) return target.error();
        auto slots = viewer::FrameSlots::create(context, 1);
        if (!slots) return slots.error();
        return StereoFrames(context, std::move(target.value()), std::move(slots.value()), eyeSize);
    }

    float aspect() const { return float(m_eyeSize.width) / float(m_eyeSize.height); }

    // Records `views` and `overlays` over the tour's model, submits, and
    // returns the milliseconds from `start` to the submission; returns once
    // the GPU has finished the frame.
    Result<double> draw(Clock::time_point start, const viewer::TourAssets& tour, std::span<const gfx::View> views,
                        const gfx::FrameOverlays& overlays) {
        viewer::FrameSlot& slot = m_slots[0];
        VkCommandBuffer cmd = slot.commandBuffer;
        OH_VK_TRY(vkResetCommandBuffer(cmd, 0));
        VkCommandBufferBeginInfo beginInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        beginInfo.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        OH_VK_TRY(vkBeginCommandBuffer(cmd, &beginInfo));
        auto recorded = tour.renderer->record(
            cmd, tour.gpuScene, gfx::FrameRequest{.target = m_target->frameTarget(), .views = views, .overlays = overlays});
        OH_VK_TRY(vkEndCommandBuffer(cmd));
        if (!recorded) return recorded.error();
        VkFence fence = slot.done.get();
        OH_VK_TRY(vkResetFences(m_context->device(), 1, &fence));
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &cmd;
        OH_VK_TRY(vkQueueSubmit(m_context->queue(), 1, &submit, fence));
        double ms = msSince(start);
        OH_VK_TRY(vkWaitForFences(m_context->device(), 1, &fence, VK_TRUE, UINT64_MAX));
        return ms;
    }

private:
    StereoFrames(gfx::GpuContext& context, std::unique_ptr<gfx::OffscreenTarget> target, viewer::FrameSlots slots,
                 VkExtent2D eyeSize)
        : m_context(&context), m_target(std::move(target)), m_slots(std::move(slots)), m_eyeSize(eyeSize) {}

    gfx::GpuContext* m_context;
    std::unique_ptr<gfx::OffscreenTarget> m_target;
    viewer::FrameSlots m_slots;
    VkExtent2D m_eyeSize;
};

// Both eyes of a head at `head`, turned `frame` hundredths of a radian
// further left (a slowly turning head).
struct StereoView {
    gfx::Viewpoint head;
    gfx::View eyes[2];
};
StereoView stereoView(const scene::Scene& scene, float aspect, gfx::Viewpoint head, int frame) {
    head.yawRadians += 0.01f * float(frame);
    glm::vec2 range = gfx::depthRangeFor(scene.bounds, head.eye);
    glm::mat4 projection = gfx::perspective(kVerticalFov, aspect, std::min(range.x, 0.05f), range.y);
    auto [left, right] = gfx::stereoEyeViews(head.viewMatrix(), 0.063f);
    return {head, {{left, projection}, {right, projection}}};
}

// Photo `index` opened large in front of `view`'s head, as the tour opens it.
gfx::OverlayQuad photoQuad(const bundle::Manifest& manifest, size_t index, const StereoView& view, VkImageView image) {
    const bundle::ImagePart& display = manifest.photos[index].display;
    return {viewer::photoPanelTransform(view.head.viewMatrix(), float(display.width) / float(display.height)), image};
}

struct FrameTimes {
    double median = 0.0, p90 = 0.0;
};
FrameTimes summarise(const std::vector<double>& ms) { return {percentile(ms, 0.5), percentile(ms, 0.9)}; }

struct Bench {
    gfx::GpuContext& context;
    viewer::TourAssets& tour;
    StereoFrames& frames;
    gfx::Viewpoint start;  // the tour's start spot
    int frameCount = 30;
};

// The model alone, as a tour without pictures draws it.
Result<FrameTimes> modelFrames(Bench& bench) {
    std::vector<double> ms;
    for (int frame = 0; frame < bench.frameCount + 2; ++frame) {
        StereoView view = stereoView(bench.tour.scene, bench.frames.aspect(), bench.start, frame);
        auto drawn = bench.frames.draw(Clock::now(), bench.tour, view.eyes, {});
        if (!drawn) return drawn.error();
        if (frame >= 2) ms.push_back(*drawn);  // the first frames warm caches
    }
    return summarise(ms);
}

// One frame of the tour with its pictures, as the desktop and headset tours
// drive them: a pick along the view (the pointer or laser hovering), the
// update, the overlays.
Result<double> pictureFrame(Bench& bench, viewer::TourPictures& pictures, gfx::Viewpoint& head, int frame,
                            float seconds = kFrameSeconds) {
    auto start = Clock::now();
    StereoView view = stereoView(bench.tour.scene, bench.frames.aspect(), head, frame);
    std::optional<viewer::VisitTarget> hovered =
        pictures.modelVisible() ? pictures.pick(view.head.eye, view.head.forward(), view.head.eye) : std::nullopt;
    OH_TRY(pictures.update(seconds, view.head.eye, hovered));
    if (auto relocation = pictures.takeRelocation()) head.eye = relocation->eye;
    gfx::OverlayGeometry shapes;
    pictures.addShapes(shapes);
    std::vector<gfx::OverlayQuad> quads;
    pictures.appendQuads(quads);
    gfx::FrameOverlays overlays{&shapes, quads, {.fade = pictures.screenFade()}, pictures.backdrop()};
    return bench.frames.draw(start, bench.tour, view.eyes, overlays);
}

// The model with every photo's marker; then inside panorama 0.
Result<std::pair<FrameTimes, FrameTimes>> pictureFrames(Bench& bench) {
    viewer::TourPictures pictures(bench.context, bench.tour);
    gfx::Viewpoint head = bench.start;
    std::vector<double> markers, inside;
    for (int frame = 0; frame < bench.frameCount + 2; ++frame) {
        auto ms = pictureFrame(bench, pictures, head, frame);
        if (!ms) return ms.error();
        if (frame >= 2) markers.push_back(*ms);
    }
    pictures.choose({viewer::VisitTarget::Kind::Panorama, 0});
    for (int frame = 0; frame < kSettleFrames; ++frame)
        if (auto ms = pictureFrame(bench, pictures, head, frame, kSettleFrameSeconds); !ms) return ms.error();
    if (pictures.modelVisible()) return makeError("panorama 0 does not cover the view after its fade");
    for (int frame = 0; frame < bench.frameCount; ++frame) {
        auto ms = pictureFrame(bench, pictures, head, frame);
        if (!ms) return ms.error();
        inside.push_back(*ms);
    }
    return std::pair{summarise(markers), summarise(inside)};
}

// From asking for a picture with nothing of it on the GPU to its full
// version on screen: the first frame (its stand-in), the frames and wall
// milliseconds until the frame with the full picture, the longest frame.
struct Arrival {
    double firstFrameMs = 0.0;
    int framesToFull = 0;
    double msToFull = 0.0;
    double longestFrameMs = 0.0;
};

enum class Picture { Photo, Panorama };

// Asks `media` for picture `index` in a frame of its own, then draws frames
// (update, ask, record) until the full picture shows: a panorama around its
// place, a photo opened large at the start spot.
Result<Arrival> arrive(Bench& bench, viewer::TourMedia& media, Picture picture, size_t index) {
    const bundle::Manifest& manifest = *bench.tour.manifest;
    gfx::Viewpoint head = bench.start;
    float heading = 0.0f;
    if (picture == Picture::Panorama) {
        const bundle::PanoramaPlace& place = manifest.panoramas[index].place;
        if (const auto& at = place.position) head.eye = glm::vec3((*at)[0], (*at)[1], (*at)[2]);
        heading = glm::radians(float(place.heading.value_or(0.0)));
    }
    Arrival arrival;
    auto asked = Clock::now();
    for (int frame = 0; frame < kMaxFramesToFull; ++frame) {
        auto start = Clock::now();
        if (frame > 0) OH_TRY(media.update());  // asking: the frame's first call is photo() or panorama()
        auto shown = picture == Picture::Panorama ? media.panorama(index) : media.photo(index);
        if (!shown) return shown.error();
        StereoView view = stereoView(bench.tour.scene, bench.frames.aspect(), head, frame);
        gfx::OverlayQuad quad;
        gfx::FrameOverlays overlays;
        if (picture == Picture::Panorama) {
            overlays.panorama = {shown->view, heading, 1.0f};
        } else {
            quad = photoQuad(manifest, index, view, shown->view);
            overlays.quads = std::span(&quad, 1);
        }
        auto ms = bench.frames.draw(start, bench.tour, view.eyes, overlays);
        if (!ms) return ms.error();
        if (frame == 0) arrival.firstFrameMs = *ms;
        arrival.longestFrameMs = std::max(arrival.longestFrameMs, *ms);
        if (shown->full) {
            arrival.framesToFull = frame + 1;
            arrival.msToFull = std::chrono::duration<double, std::milli>(start - asked).count() + *ms;
            return arrival;
        }
    }
    return makeError(std::string(picture == Picture::Panorama ? "panorama " : "photo ") + std::to_string(index) +
                     ": not full after " + std::to_string(kMaxFramesToFull) + " frames");
}

// Medians of each figure over several arrivals.
Arrival medianOf(const std::vector<Arrival>& arrivals) {
    std::vector<double> first, frames, toFull, longest;
    for (const Arrival& arrival : arrivals) {
        first.push_back(arrival.firstFrameMs);
        frames.push_back(arrival.framesToFull);
        toFull.push_back(arrival.msToFull);
        longest.push_back(arrival.longestFrameMs);
    }
    return {percentile(first, 0.5), int(percentile(frames, 0.5)), percentile(toFull, 0.5), percentile(longest, 0.5)};
}

struct PhotoSwitches {
    Arrival cold;       // not on the GPU yet
    double residentMs;  // already on it: shown full at once
};

// Photos opened large one after another: kPhotoSwitches photos spread over
// the listing, none on the GPU yet; then the same again, all resident.
Result<PhotoSwitches> photoSwitches(Bench& bench) {
    viewer::TourMedia media(bench.context, *bench.tour.bundle, *bench.tour.manifest);
    std::vector<Arrival> cold, resident;
    for (int pass = 0; pass < 2; ++pass)
        for (size_t i = 0; i < kPhotoSwitches; ++i) {
            auto arrival = arrive(bench, media, Picture::Photo, i * bench.tour.manifest->photos.size() / kPhotoSwitches);
            if (!arrival) return arrival.error();
            (pass == 0 ? cold : resident).push_back(*arrival);
        }
    return PhotoSwitches{medianOf(cold), medianOf(resident).firstFrameMs};
}

// Panorama `index` entered with nothing on the GPU (a fresh TourMedia).
Result<Arrival> enterPanorama(Bench& bench, size_t index) {
    viewer::TourMedia media(bench.context, *bench.tour.bundle, *bench.tour.manifest);
    return arrive(bench, media, Picture::Panorama, index);
}

// First uses of the photo and panorama pipelines, so that the first photo or
// panorama measured does not pay for them: a throwaway TourMedia's preview
// and photo, one frame each.
Status warmUp(Bench& bench) {
    viewer::TourMedia media(bench.context, *bench.tour.bundle, *bench.tour.manifest);
    auto cube = media.panorama(0);
    if (!cube) return cube.error();
    size_t last = bench.tour.manifest->photos.size() - 1;  // not among photoSwitches' photos
    auto photo = media.photo(last);
    if (!photo) return photo.error();
    StereoView view = stereoView(bench.tour.scene, bench.frames.aspect(), bench.start, 0);
    gfx::OverlayQuad quad = photoQuad(*bench.tour.manifest, last, view, photo->view);
    for (const gfx::FrameOverlays& overlays :
         {gfx::FrameOverlays{.panorama = {cube->view, 0.0f, 1.0f}}, gfx::FrameOverlays{.quads = std::span(&quad, 1)}})
        if (auto ms = bench.frames.draw(Clock::now(), bench.tour, view.eyes, overlays); !ms) return ms.error();
    return ok();
}

}  // namespace

int main(int argc, char** argv) {
    int frameCount = 30;
    VkExtent2D eyeSize{1440, 1584};
    const char* input = nullptr;
    bool usable = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frameCount = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--eye-size") == 0 && i + 1 < argc)
            usable = std::sscanf(argv[++i], "%ux%u", &eyeSize.width, &eyeSize.height) == 2;
        else input = argv[i];
    }
    if (!input || !usable) {
        std::fprintf(stderr, "usage: bench_pictures [--frames N] [--eye-size WxH] BUNDLE.tour\n");
        return 2;
    }
    setMinLogLevel(LogLevel::Error);

    auto context = gfx::GpuContext::create({});
    if (!context) return fail(context.error());
    viewer::TourRequest request;
    request.input = input;
    gfx::RendererOptions rendererOptions;
    rendererOptions.viewCount = 2;
    rendererOptions.framesInFlight = 1;  // every frame is waited for
    auto tour = viewer::loadTour(**context, request, rendererOptions);
    if (!tour) return fail(tour.error());
    const bundle::Manifest* manifest = (*tour)->manifest ? &*(*tour)->manifest : nullptr;
    if (!manifest || manifest->photos.empty() || manifest->panoramas.empty() || !(*tour)->packedStart)
        return fail(makeError(std::string(input) + ": not a listing bundle with photos, panoramas and a model to stand in "
                              "(bench/make_picture_listing.sh makes one)"));
    auto frames = StereoFrames::create(**context, *(*tour)->renderer, eyeSize);
    if (!frames) return fail(frames.error());
    const nav::StartSpot& spot = *(*tour)->packedStart;
    Bench bench{**context, **tour, *frames,
                gfx::Viewpoint{spot.eye, std::atan2(-spot.forward.x, -spot.forward.z), 0.0f}, frameCount};

    if (Status warm = warmUp(bench); !warm) return fail(warm.error());
    auto model = modelFrames(bench);
    if (!model) return fail(model.error());
    auto pictures = pictureFrames(bench);
    if (!pictures) return fail(pictures.error());
    auto photos = photoSwitches(bench);
    if (!photos) return fail(photos.error());
    std::vector<Arrival> entries;
    for (size_t i = 0; i < manifest->panoramas.size(); ++i) {
        auto entry = enterPanorama(bench, i);
        if (!entry) return fail(entry.error());
        entries.push_back(*entry);
    }

    size_t markers = 0;
    for (const listing::Photo& photo : manifest->listing->photos) markers += photo.camera.has_value();
    auto [markerTimes, insideTimes] = *pictures;
    auto printArrival = [](const Arrival& arrival) {
        std::printf("\t%.1f\t%d\t%.1f\t%.1f", arrival.firstFrameMs, arrival.framesToFull, arrival.msToFull,
                    arrival.longestFrameMs);
    };
    std::printf("%zu\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f", markers, model->median, model->p90, markerTimes.median,
                markerTimes.p90, insideTimes.median, insideTimes.p90);
    printArrival(photos->cold);
    std::printf("\t%.1f", photos->residentMs);
    for (size_t i = 0; i < entries.size(); ++i) {
        std::printf("\t%u", manifest->panoramas[i].cube.faceSize);
        printArrival(entries[i]);
    }
    std::printf("\n");
    return 0;
}
