#include "tools/pack/picture_stage.h"

#include <chrono>
#include <cstdio>

#include "core/file_io.h"
#include "texture/texture_encode.h"
#include "tools/pack/panorama.h"
#include "tools/pack/photo_input.h"
#include "tools/pack/texture_stage.h"
#include "tools/pack/work_queue.h"

namespace oh::pack {
namespace {

using Clock = StageClock;

// One picture job's output: its parts in order, and where its time went.
struct JobResult {
    std::optional<Error> error;
    std::vector<bundle::Part> parts;
    std::vector<bundle::ImagePart> images;
    std::optional<bundle::CubePart> cube;
    double decodeSeconds = 0.0;
    double resizeSeconds = 0.0;
    double compressSeconds = 0.0;

    void add(const texture::EncodedTexture& encoded) {
        resizeSeconds += encoded.resizeSeconds;
        compressSeconds += encoded.compressSeconds;
    }
};

Result<bundle::ImagePart> encodeImage(const RgbaImage& image, const std::string& part, bundle::PartKind kind,
                                      EncodeCache* cache, JobResult& out) {
    auto encoded = encodeTexture(cache, image, texture::TextureUsage::Color);
    if (!encoded) return encoded.error();
    out.add(*encoded);
    bundle::ImagePart info{part, pixelFormatOf(encoded->format), encoded->width, encoded->height,
                           uint32_t(encoded->levels.size())};
    out.parts.push_back({part, kind, std::move(encoded->data)});
    return info;
}

Result<RgbaImage> decode(const std::filesystem::path& file, uint32_t maxLongEdge, JobResult& out) {
    auto start = Clock::now();
    auto image = loadPhoto(file, PhotoLoadOptions{maxLongEdge});
    out.decodeSeconds += secondsSince(start);
    return image;
}

void packPhoto(const std::filesystem::path& file, size_t index, EncodeCache* cache, JobResult& out) {
    auto display = decode(file, kDisplayLongEdge, out);
    if (!display) return void(out.error = display.error());
    std::string prefix = "photos/" + std::to_string(index) + "/";
    auto displayPart = encodeImage(*display, prefix + "display", bundle::PartKind::Photo, cache, out);
    if (!displayPart) return void(out.error = displayPart.error());
    // The thumbnail from the display copy: one decode per photo.
    auto start = Clock::now();
    RgbaImage thumbnail = texture::resizeToBudget(*display, kThumbnailLongEdge, texture::MipFilter::Srgb);
    out.resizeSeconds += secondsSince(start);
    auto thumbnailPart = encodeImage(thumbnail, prefix + "thumbnail", bundle::PartKind::PhotoThumbnail, cache, out);
    if (!thumbnailPart) return void(out.error = thumbnailPart.error());
    out.images = {*displayPart, *thumbnailPart};
}

// The full cube's six faces with their mips, and the preview cube's.
void packPanorama(const std::filesystem::path& file, size_t index, const PictureStageOptions& options,
                  JobResult& out) {
    auto start = Clock::now();
    auto cube = equirectToCube(file, PanoramaOptions{options.maxPanoramaFaceSize, options.previewFaceSize});
    out.decodeSeconds += secondsSince(start);
    if (!cube) return void(out.error = cube.error());
    std::string prefix = "panoramas/" + std::to_string(index) + "/";
    bundle::CubePart part{prefix + "cube", prefix + "preview", scene::PixelFormat::Bc7, cube->faces[0].width,
                          cube->preview[0].width};
    for (bool preview : {false, true}) {
        std::vector<uint8_t> bytes;
        for (const RgbaImage& face : preview ? cube->preview : cube->faces) {
            auto encoded = encodeTexture(options.cache, face, texture::TextureUsage::Color);
            if (!encoded) return void(out.error = makeError(displayPath(file) + ": " + encoded.error().message));
            out.add(*encoded);
            part.format = pixelFormatOf(encoded->format);
            bytes.insert(bytes.end(), encoded->data.begin(), encoded->data.end());
        }
        out.parts.push_back({preview ? part.previewPart : part.part,
                             preview ? bundle::PartKind::PanoramaPreview : bundle::PartKind::Panorama,
                             std::move(bytes)});
    }
    out.cube = part;
}

void packFloorPlan(const std::filesystem::path& file, const PictureStageOptions& options, JobResult& out) {
    auto plan = decode(file, options.maxFloorPlanSize, out);
    if (!plan) return void(out.error = plan.error());
    auto part = encodeImage(*plan, "floorplan", bundle::PartKind::FloorPlan, options.cache, out);
    if (!part) return void(out.error = part.error());
    out.images = {*part};
}

}  // namespace

Result<PictureParts> packPictures(const listing::Listing& listing, const std::filesystem::path& folder,
                                  const PictureStageOptions& options, ProgressBar& progress) {
    auto start = Clock::now();
    const size_t photos = listing.photos.size(), panoramas = listing.panoramas.size();
    const size_t jobs = photos + panoramas + (listing.floorPlan ? 1 : 0);
    std::vector<JobResult> results(jobs);
    auto run = [&](size_t job) {
        if (job < photos) packPhoto(folder / listing.photos[job].file, job, options.cache, results[job]);
        else if (job < photos + panoramas)
            packPanorama(folder / listing.panoramas[job - photos].file, job - photos, options, results[job]);
        else packFloorPlan(folder / *listing.floorPlan, options, results[job]);
    };
    progress.begin("pictures", jobs);
    // Panoramas are the largest jobs: they start first.
    runJobs(jobs, options.threads, run, [&](size_t job) { return job >= photos && job < photos + panoramas ? 1.0 : 0.0; },
            [&](size_t done, size_t) { progress.update(done); });

    PictureParts out;
    for (size_t job = 0; job < jobs; ++job) {
        JobResult& result = results[job];
        if (result.error) return *result.error;
        out.stats.decodeSeconds += result.decodeSeconds;
        out.stats.resizeSeconds += result.resizeSeconds;
        out.stats.compressSeconds += result.compressSeconds;
        if (job < photos) out.photos.push_back({result.images[0], result.images[1]});
        else if (job < photos + panoramas) out.panoramas.push_back(*result.cube);
        else out.floorPlan = result.images[0];
        for (bundle::Part& part : result.parts) out.parts.push_back(std::move(part));
    }
    out.stats.seconds = secondsSince(start);
    char summary[160];
    std::snprintf(summary, sizeof summary,
                  "%zu photos, %zu panoramas%s, %.1f s (jobs: decoding %.1f s, resizing %.1f s, compressing %.1f s)",
                  photos, panoramas, listing.floorPlan ? ", floor plan" : "", out.stats.seconds,
                  out.stats.decodeSeconds, out.stats.resizeSeconds, out.stats.compressSeconds);
    progress.finish(summary);
    return out;
}

}  // namespace oh::pack
