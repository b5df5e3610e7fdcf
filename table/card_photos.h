// A listing's photos for its card on the table: read from its bundle and
// decoded on a worker thread (each at most kPhotoHeight tall), copied into
// layers of one picture image during frames as they arrive, one shown at a
// time and swiped through. Opening another card drops what the last one had.
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

    // `format`: the layers' (the window's encoding; map_tiles.h explains).
    static Result<std::unique_ptr<CardPhotos>> create(gfx::GpuContext& context, VkFormat format,
                                                      uint32_t framesInFlight);
    ~CardPhotos();

    const gfx::ImageLayers& layers() const { return m_layers; }

    // Starts reading `bundle`'s photos, forgetting the previous card's.
    void open(const std::filesystem::path& bundle, const bundle::OpenOptions& options);
    void close();
    // Copies photos that have arrived into layers (recorded into `cmd`).
    void frame(VkCommandBuffer cmd, uint32_t slot);

    // Photos the listing has (up to kMaxPhotos), once its manifest is read.
    size_t count() const;
    bool ready(size_t index) const;
    // Photos asked for and not yet on the GPU (scripted screenshots wait for 0).
    size_t pending() const;
    // Photo `index` fitted inside `min`..`max` (pixels), centred, if it is on the GPU.
    std::optional<gfx::ScreenQuad> quad(size_t index, glm::vec2 min, glm::vec2 max) const;

private:
    struct Loaded {
        size_t index = 0;
        RgbaImage pixels;  // at most kLayerSize wide, kPhotoHeight tall
    };
    struct Job {  // shared with the worker, which may outlive a closed card by one photo
        std::atomic<bool> cancelled{false};
        std::mutex mutex;
        size_t count = 0;
        bool countKnown = false;
        std::vector<Loaded> done;
    };

    CardPhotos() = default;

    gfx::ImageLayers m_layers;
    std::shared_ptr<Job> m_job;
    std::future<void> m_worker;
    std::vector<std::optional<glm::uvec2>> m_onGpu;  // per photo: its size in its layer (layer = index)
};

}  // namespace oh::table
