#include "table/map_tiles.h"

#include <stb/stb_image.h>

#include <algorithm>
#include <cmath>

#include "core/log.h"

namespace oh::table {
namespace {

// A tile's pixels as RGBA, or empty when they cannot be decoded or are not
// `size` square (a set mixing tile sizes is damaged: its odd tiles are left out).
RgbaImage decodeTile(const std::vector<uint8_t>& encoded, uint32_t size) {
    int width = 0, height = 0, channels = 0;
    stbi_uc* pixels = stbi_load_from_memory(encoded.data(), int(encoded.size()), &width, &height, &channels, 4);
    RgbaImage image;
    if (!pixels) return image;
    if (size == 0 || (uint32_t(width) == size && uint32_t(height) == size)) {
        image.width = uint32_t(width);
        image.height = uint32_t(height);
        image.pixels.assign(pixels, pixels + size_t(width) * height * 4);
    }
    stbi_image_free(pixels);
    return image;
}

glm::vec2 toVec(const map::ScreenPoint& point) { return {float(point.x), float(point.y)}; }

}  // namespace

Result<std::unique_ptr<MapTiles>> MapTiles::open(gfx::GpuContext& context, const std::filesystem::path& path,
                                                 VkFormat targetFormat, uint32_t framesInFlight) {
    auto tiles = map::MbTiles::open(path);
    if (!tiles) return tiles.error();
    std::unique_ptr<MapTiles> cache(new MapTiles());
    cache->m_info = tiles->info();
    // The tile size, from the tile at the set's centre (or the first zoom's).
    map::TileId probe = map::tileAt(map::toWorld(cache->m_info.center), cache->m_info.minZoom);
    auto bytes = tiles->tile(probe);
    if (!bytes) return bytes.error();
    if (!*bytes)
        return makeError(path.string() + ": no tile at the map's centre (zoom " +
                             std::to_string(cache->m_info.minZoom) + "): is its `center` inside its tiles?",
                         kExitBadInput);
    RgbaImage first = decodeTile(**bytes, 0);
    if (first.pixels.empty() || first.width != first.height || first.width < 64 || first.width > 1024)
        return makeError(path.string() + ": its tiles are not square PNG or JPEG images of 64 to 1024 pixels",
                         kExitBadInput);
    cache->m_tileSize = first.width;
    const bool targetEncodes = targetFormat == VK_FORMAT_B8G8R8A8_SRGB || targetFormat == VK_FORMAT_R8G8B8A8_SRGB;
    auto layers = gfx::ImageLayers::create(context, targetEncodes ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM,
                                           cache->m_tileSize, kLayers, framesInFlight, kUploadsPerFrame, "map tiles");
    if (!layers) return layers.error();
    cache->m_layers = std::move(layers.value());
    for (uint32_t layer = kLayers; layer-- > 0;) cache->m_freeLayers.push_back(layer);
    cache->m_loader = std::thread(&MapTiles::loaderMain, cache.get(), std::move(tiles.value()));
    return cache;
}

MapTiles::~MapTiles() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_loader.joinable()) m_loader.join();
}

void MapTiles::loaderMain(map::MbTiles tiles) {
    bool loggedError = false;
    for (;;) {
        map::TileId tile;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || !m_queue.empty(); });
            if (m_stop) return;
            tile = m_queue.front();
            m_queue.pop_front();
        }
        Decoded decoded{tile, {}};
        auto bytes = tiles.tile(tile);
        if (!bytes) {
            if (!loggedError) OH_LOG_WARN("%s", bytes.error().message.c_str());
            loggedError = true;
        } else if (*bytes) {
            decoded.pixels = decodeTile(**bytes, m_tileSize);
        }
        std::lock_guard lock(m_mutex);
        m_done.push_back(std::move(decoded));
    }
}

void MapTiles::request(const map::TileId& tile) {
    if (m_resident.count(tile) || m_missing.count(tile) || m_requested.count(tile)) return;
    m_requested[tile] = true;
    std::lock_guard lock(m_mutex);
    m_queue.push_back(tile);
    m_wake.notify_one();
}

std::optional<uint32_t> MapTiles::takeLayer() {
    if (!m_freeLayers.empty()) {
        uint32_t layer = m_freeLayers.back();
        m_freeLayers.pop_back();
        return layer;
    }
    // The least recently drawn tile, unless it was drawn this very frame.
    auto oldest = std::min_element(m_resident.begin(), m_resident.end(),
                                   [](const auto& a, const auto& b) { return a.second.lastUsed < b.second.lastUsed; });
    if (oldest == m_resident.end() || oldest->second.lastUsed == m_frameNumber) return std::nullopt;
    uint32_t layer = oldest->second.layer;
    m_resident.erase(oldest);
    return layer;
}

size_t MapTiles::pending() const { return m_requested.size(); }

std::vector<gfx::ScreenQuad> MapTiles::frame(VkCommandBuffer cmd, uint32_t slot, const map::MapView& view) {
    ++m_frameNumber;
    m_layers.beginFrame(slot);
    std::vector<map::VisibleTile> visible = view.visibleTiles(m_info.minZoom, m_info.maxZoom);
    // What this frame needs loaded: each tile not on the GPU, or for a tile
    // the set leaves out (open sea, background at street level) its nearest
    // ancestor the set has, which is what shows there.
    std::vector<map::TileId> wanted;
    for (const map::VisibleTile& tile : visible) {
        auto resident = m_resident.find(tile.tile);
        if (resident != m_resident.end()) {
            resident->second.lastUsed = m_frameNumber;
            continue;
        }
        map::TileId load = tile.tile;
        for (int up = 1; m_missing.count(load) && up <= tile.tile.z - m_info.minZoom; ++up)
            load = map::parentPart(tile.tile, up).parent;
        if (!m_missing.count(load) && !m_resident.count(load)) wanted.push_back(load);
    }
    {
        // Drop what the loader has not started and the view no longer needs.
        std::lock_guard lock(m_mutex);
        std::erase_if(m_queue, [&](const map::TileId& queued) {
            bool needed = std::find(wanted.begin(), wanted.end(), queued) != wanted.end();
            if (!needed) m_requested.erase(queued);
            return !needed;
        });
    }
    for (const map::TileId& tile : wanted) request(tile);

    // Arrived tiles into layers, as many as this frame's staging holds; the rest wait.
    std::vector<Decoded> arrived;
    {
        std::lock_guard lock(m_mutex);
        size_t take = std::min<size_t>(m_done.size(), m_layers.uploadsLeft());
        std::move(m_done.begin(), m_done.begin() + take, std::back_inserter(arrived));
        m_done.erase(m_done.begin(), m_done.begin() + take);
    }
    for (Decoded& decoded : arrived) {
        m_requested.erase(decoded.tile);
        if (decoded.pixels.pixels.empty()) {
            m_missing[decoded.tile] = true;
            continue;
        }
        std::optional<uint32_t> layer = takeLayer();
        if (!layer) continue;  // every layer is on screen: a screen larger than the cache
        m_layers.upload(cmd, *layer, decoded.pixels);
        m_resident[decoded.tile] = {*layer, m_frameNumber};
    }

    std::vector<gfx::ScreenQuad> quads;
    quads.reserve(visible.size());
    for (const map::VisibleTile& tile : visible) {
        gfx::ScreenQuad quad;
        quad.corners = {toVec(tile.corners[0]), toVec(tile.corners[1]), toVec(tile.corners[2]),
                        toVec(tile.corners[3])};
        if (auto resident = m_resident.find(tile.tile); resident != m_resident.end()) {
            quad.layer = resident->second.layer;
            quads.push_back(quad);
            continue;
        }
        // The nearest ancestor on the GPU stands in, magnified.
        for (int up = 1; up <= tile.tile.z - m_info.minZoom; ++up) {
            map::ParentPart part = map::parentPart(tile.tile, up);
            auto parent = m_resident.find(part.parent);
            if (parent == m_resident.end()) continue;
            parent->second.lastUsed = m_frameNumber;
            quad.layer = parent->second.layer;
            quad.uvMin = {float(part.u0), float(part.v0)};
            quad.uvMax = {float(part.u1), float(part.v1)};
            quads.push_back(quad);
            break;
        }
    }
    return quads;
}

}  // namespace oh::table
