// TourMedia: the GPU side of a tour bundle's pictures — each listing photo at
// display size and as a thumbnail, and each panorama's cube — uploaded when
// first asked for and kept within a memory cap, the least recently used
// going first, so a listing of 200 photos never has them all on the GPU.
// A panorama comes in two steps: its small preview cube at once (a 32 KiB
// part), so the frame that enters it already shows it (blurred, never black),
// and its full cube loaded in the background — read and checked on a worker
// thread, copied by the GPU while frames go on — returned once it is there.
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

// A panorama's cube as far as it is uploaded.
struct PanoramaCube {
    VkImageView cube = VK_NULL_HANDLE;
    bool full = false;  // false: the preview, until update() brings the full cube
};

class TourMedia {
public:
    // `bundle` and `manifest` (TourAssets holds both) must outlive this.
    TourMedia(gfx::GpuContext& context, const bundle::BundleReader& bundle, const bundle::Manifest& manifest,
              const MediaOptions& options = {});
    TourMedia(const TourMedia&) = delete;
    TourMedia& operator=(const TourMedia&) = delete;

    // Listing photo `index` (manifest.photos), a 2D sRGB view with mips for
    // an OverlayQuad: uploaded now if it is not on the GPU. Errors: no such
    // photo, a damaged part, out of GPU memory.
    Result<VkImageView> photo(size_t index);
    Result<VkImageView> thumbnail(size_t index);
    // Panorama `index`'s cube for the PanoramaBackdrop: the full cube when it
    // is on the GPU; else the preview (uploaded now if need be), and the next
    // update() starts loading the full cube.
    Result<PanoramaCube> panorama(size_t index);
    // Its full cube, waited for: for a still render, never in a frame loop.
    Result<VkImageView> fullPanorama(size_t index);

    // Once per frame, before anything is asked for or recorded: counts the
    // frame (for eviction) and moves the background load on without waiting —
    // one full cube at a time, the first whose preview was returned since the
    // last update(). Errors: a damaged cube part, the GPU's.
    Status update();
    // Whether a full cube is being loaded.
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

    // The picture's view, uploaded first if need be, stamped as used this frame.
    Result<VkImageView> acquire(Kind kind, size_t index);
    Result<gfx::GpuTexture> load(Kind kind, size_t index) const;
    // Starts loading panorama `index`'s full cube; finishes a load under way.
    Status startFullCube(size_t index);
    Status pollFullCube();
    // Frees least recently used pictures no frame in flight can read until under the cap.
    void evictOverCap();

    gfx::GpuContext& m_context;
    const bundle::BundleReader& m_bundle;
    const bundle::Manifest& m_manifest;
    MediaOptions m_options;
    std::map<Key, Resident> m_resident;
    std::vector<size_t> m_wantFull;  // panoramas shown as previews this frame
    struct FullCubeLoad {
        size_t index = 0;
        uint64_t bytes = 0;  // its GPU memory, counted in m_gpuBytes from the start
        gfx::GpuTextureLoad load;
    };
    std::optional<FullCubeLoad> m_loading;
    uint64_t m_gpuBytes = 0;
    uint64_t m_frame = 0;
};

}  // namespace oh::viewer
