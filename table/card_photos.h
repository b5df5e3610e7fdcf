// A listing's pictures for its card on the table: its photos and, when the
// bundle has one, its floor plan (the listing's own, else the one the packer
// drew from the model), as pages (the photos in order, then the
// plan). Read from its bundle and decoded on a worker thread (each photo at
// most kPhotoHeight tall, the plan as large as a layer holds so its lines
// stay readable), copied into layers of one picture image during frames as
// they arrive, one shown at a time and swiped through. Opening another card
// drops what the last one had.
//
// Not for: the photos in the tour (viewer/tour/tour_media.h).
#pragma once

#include <atomic>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "core/image.h"
#include "core/result.h"
#include "renderer/screen_quads.h"
#include "renderer/vk_context.h"

namespace oh::table {

class CardPhotos {
public:
    static constexpr uint32_t kLayerSize = 1024;  // a photo at most this wide, on a layer of this size
    static constexpr uint32_t kPhotoHeight = 720;
    static constexpr uint32_t kMaxPhotos = 12;  // the first photos of a listing; the tour has them all
    static constexpr uint32_t kMaxPages = kMaxPhotos + 1;  // and the floor plan

    // `format`: the layers' (the window's encoding; map_tiles.h explains).
    static Result<std::unique_ptr<CardPhotos>> create(gfx::GpuContext& context, VkFormat format,
                                                      uint32_t framesInFlight);
    ~CardPhotos();

    const gfx::ImageLayers& layers() const { return m_layers; }

    // Starts reading the pictures `manifest` (the card's, already read)
    // names from `bundle`, forgetting the previous card's.
    void open(const std::filesystem::path& bundle, const bundle::OpenOptions& options,
              const bundle::Manifest& manifest);
    void close();
    // Copies pictures that have arrived into layers (recorded into `cmd`).
    void frame(VkCommandBuffer cmd, uint32_t slot);

    // What the listing has: photos (up to kMaxPhotos), whether it has a
    // floor plan, and both as pages.
    size_t photoCount() const;
    bool hasFloorPlan() const;
    size_t pageCount() const { return photoCount() + (hasFloorPlan() ? 1 : 0); }
    // Whether page `page` is the floor plan (the last page, when there is one).
    bool isFloorPlan(size_t page) const { return hasFloorPlan() && page == photoCount(); }
    bool ready(size_t page) const;
    // Pages asked for and not yet on the GPU (scripted screenshots wait for 0).
    size_t pending() const;
    // Page `page` fitted whole inside `min`..`max` (pixels), centred, if it is on the GPU.
    std::optional<gfx::ScreenQuad> quad(size_t page, glm::vec2 min, glm::vec2 max) const;

private:
    struct Loaded {
        size_t page = 0;
        RgbaImage pixels;  // at most kLayerSize wide and tall (a photo at most kPhotoHeight)
    };
    struct Job {  // shared with the worker, which may outlive a closed card by one picture
        std::atomic<bool> cancelled{false};
        std::mutex mutex;
        size_t count = 0;  // photos
        bool floorPlan = false;
        std::vector<Loaded> done;
    };

    CardPhotos() = default;

    gfx::ImageLayers m_layers;
    std::shared_ptr<Job> m_job;
    std::future<void> m_worker;
    std::vector<std::optional<glm::uvec2>> m_onGpu;  // per page: its size in its layer (layer = page)
};

}  // namespace oh::table
