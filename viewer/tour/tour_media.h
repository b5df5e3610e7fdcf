// TourMedia: the GPU side of a tour bundle's pictures — each listing photo at
// display size and as a thumbnail, and each panorama's cube — uploaded when
// first asked for and kept within a memory cap, the least recently used
// going first, so a listing of 200 photos never has them all on the GPU.
// A picture comes in two steps, so no frame waits for one and none shows
// black: a small stand-in at once (a photo's thumbnail, a panorama's 32 KiB
// preview cube; one small upload), then the picture itself loaded in the
// background — read and hash-checked on a worker thread, copied by the GPU
// while frames go on — and returned once it is there.
//
// Call from the thread that records frames. Views stay valid until the
// TourMedia evicts them: an image is freed only when no frame still in flight
// can read it (not asked for in the last framesInFlight + 1 updates).
// Destroying a TourMedia frees everything: wait for the GPU first.
//
// Not for: drawing (the tour puts the views into gfx::FrameOverlays: a photo
// in an OverlayQuad, a panorama as the PanoramaBackdrop), the model's textures
// (GpuScene), where things go in the tour (tour_spots.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "core/result.h"
#include "renderer/gpu_texture.h"
#include "renderer/vk_context.h"

namespace oh::viewer {

struct MediaOptions {
    // GPU memory the pictures may hold (mips and allocation rounding
    // included). Exceeded only while more than this is in use by the frames
    // in flight. The default holds two full 2048² panoramas (32 MiB each)
    // beside 40 display-size photos (4 MiB each at 2048x1536, BC7 with mips).
    uint64_t memoryCap = uint64_t(256) << 20;
    uint32_t framesInFlight = 2;  // the presenter's (tour/frame_slots.h)
};

// A picture as far as it is uploaded: a photo (2D, sRGB, with mips, for an
// OverlayQuad) or a panorama's cube (for the PanoramaBackdrop).
struct PictureView {
    VkImageView view = VK_NULL_HANDLE;
    bool full = false;  // false: the stand-in, until update() brings the picture itself
};

class TourMedia {
public:
    // `bundle` and `manifest` (TourAssets holds both) must outlive this.
    TourMedia(gfx::GpuContext& context, const bundle::BundleReader& bundle, const bundle::Manifest& manifest,
              const MediaOptions& options = {});
    TourMedia(const TourMedia&) = delete;
    TourMedia& operator=(const TourMedia&) = delete;

    // Listing photo `index` (manifest.photos): at display size when it is on
    // the GPU; else its thumbnail (uploaded now if need be), and an update()
    // starts loading the display size. Errors: no such photo, a damaged part,
    // out of GPU memory.
    Result<PictureView> photo(size_t index);
    // Panorama `index`'s cube likewise, its preview cube standing in.
    Result<PictureView> panorama(size_t index);
    // The picture itself, waited for: for a still render, never in a frame loop.
    Result<VkImageView> fullPhoto(size_t index);
    Result<VkImageView> fullPanorama(size_t index);

    // Once per frame, before anything is asked for or recorded: counts the
    // frame (for eviction) and moves the background load on without waiting —
    // one picture at a time, the first whose stand-in was returned since the
    // last update(). Errors: a damaged part, the GPU's.
    Status update();
    // Waits until the pictures asked for since the last update() are loaded
    // (the one loading, then the others): for a scripted run's screenshot,
    // never in a frame a visitor sees.
    Status settle();
    // Whether a picture is being loaded in the background.
    bool loading() const { return m_loading.has_value(); }

    uint64_t gpuBytes() const { return m_gpuBytes; }
    size_t residentCount() const { return m_resident.size(); }
    uint64_t memoryCap() const { return m_options.memoryCap; }

private:
    enum class Kind { Photo, Thumbnail, PanoramaPreview, PanoramaFull };
    using Key = std::pair<Kind, size_t>;
    struct Resident {
        gfx::GpuTexture texture;
        uint64_t lastUsedFrame = 0;
    };
    // Where a picture's bytes are and what they are.
    struct Source {
        const std::string* part;
        bundle::PartKind kind;
        gfx::PackedImageDesc desc;
    };
    struct BackgroundLoad {
        Key key;
        uint64_t bytes = 0;  // its GPU memory, counted in m_gpuBytes from the start
        gfx::GpuTextureLoad load;
    };

    // `full` when it is on the GPU, else `standIn` (uploaded now if need be)
    // with `full` wanted for the next update().
    Result<PictureView> progressive(Kind full, Kind standIn, size_t index);
    Result<VkImageView> waitForFull(Kind full, Kind standIn, size_t index);
    // The picture's view, uploaded now if need be, stamped as used this frame.
    Result<VkImageView> acquire(Kind kind, size_t index);
    Result<Source> source(Kind kind, size_t index) const;
    Status startLoad(const Key& key);
    Status pollLoad();
    // Frees least recently used pictures no frame in flight can read until under the cap.
    void evictOverCap();

    gfx::GpuContext& m_context;
    const bundle::BundleReader& m_bundle;
    const bundle::Manifest& m_manifest;
    MediaOptions m_options;
    std::map<Key, Resident> m_resident;
    std::vector<Key> m_wanted;  // pictures shown by their stand-ins this frame
    std::optional<BackgroundLoad> m_loading;
    uint64_t m_gpuBytes = 0;
    uint64_t m_frame = 0;
};

}  // namespace oh::viewer
