// The map's tiles on the GPU: which tiles of the tile set are wanted on
// screen, read and decoded on a loader thread (its own connection to the
// MBTiles file; PNG or JPEG through stb_image), then copied into the layers
// of one 2D-array image during a frame. Least recently drawn tiles give their
// layer up first. A tile still loading is drawn as the part of its nearest
// loaded ancestor, so zooming shows a blurred map at once, never a hole.
//
// Not for: where the tiles go on screen (map/map_view.h), the tile set's
// format (map/mbtiles.h).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/image.h"
#include "core/result.h"
#include "map/map_view.h"
#include "map/mbtiles.h"
#include "renderer/screen_quads.h"
#include "renderer/vk_context.h"

namespace oh::table {

class MapTiles {
public:
    // Layers on the GPU: 384 tiles of 256 px = 96 MiB, several screens of a 4K table.
    static constexpr uint32_t kLayers = 384;
    static constexpr uint32_t kUploadsPerFrame = 6;

    // Opens `path` (an MBTiles raster set) and reads one tile to learn the
    // tile size. Errors name the file.
    // `targetFormat`: the window's; tiles are kept so that they show as stored on it.
    static Result<std::unique_ptr<MapTiles>> open(gfx::GpuContext& context, const std::filesystem::path& path,
                                                  VkFormat targetFormat, uint32_t framesInFlight);
    ~MapTiles();
    MapTiles(const MapTiles&) = delete;
    MapTiles& operator=(const MapTiles&) = delete;

    const map::TileSetInfo& info() const { return m_info; }
    const gfx::ImageLayers& layers() const { return m_layers; }

    // For the frame in `slot`: asks for the tiles `view` shows, copies
    // tiles that have arrived into layers (recorded into `cmd`), and returns
    // the quads to draw, ancestors standing in for tiles still on their way.
    std::vector<gfx::ScreenQuad> frame(VkCommandBuffer cmd, uint32_t slot, const map::MapView& view);
    // Tiles asked for and not yet on the GPU (scripted screenshots wait for 0).
    size_t pending() const;

private:
    struct Decoded {
        map::TileId tile;
        RgbaImage pixels;  // empty: the set has no such tile, or it could not be read
    };
    struct Resident {
        uint32_t layer = 0;
        uint64_t lastUsed = 0;
    };
    struct TileHash {
        size_t operator()(const map::TileId& t) const {
            return std::hash<uint64_t>()((uint64_t(t.z) << 58) ^ (uint64_t(t.x) << 29) ^ uint64_t(t.y));
        }
    };

    MapTiles() = default;
    void loaderMain(map::MbTiles tiles);
    void request(const map::TileId& tile);
    std::optional<uint32_t> takeLayer();

    map::TileSetInfo m_info;
    uint32_t m_tileSize = 256;
    gfx::ImageLayers m_layers;
    uint64_t m_frameNumber = 0;
    std::unordered_map<map::TileId, Resident, TileHash> m_resident;
    std::unordered_map<map::TileId, bool, TileHash> m_missing;    // the set has none: ask no more
    std::unordered_map<map::TileId, bool, TileHash> m_requested;  // asked for, not arrived
    std::vector<uint32_t> m_freeLayers;

    // Loader thread: tiles wanted (newest first is wrong for a pan: keep the
    // order they are asked in, which is nearest the centre first) and results.
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<map::TileId> m_queue;
    std::vector<Decoded> m_done;
    bool m_stop = false;
    std::thread m_loader;
};

}  // namespace oh::table
