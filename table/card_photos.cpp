#include "table/card_photos.h"

#include <algorithm>
#include <cstring>

#include "bundle/manifest.h"
#include "core/log.h"
#include "viewer/ui/photo_gallery.h"

namespace oh::table {

Result<std::unique_ptr<CardPhotos>> CardPhotos::create(gfx::GpuContext& context, VkFormat format,
                                                       uint32_t framesInFlight) {
    std::unique_ptr<CardPhotos> photos(new CardPhotos());
    auto layers = gfx::ImageLayers::create(context, format, kLayerSize, kMaxPhotos, framesInFlight, 2, "card photos");
    if (!layers) return layers.error();
    photos->m_layers = std::move(layers.value());
    return photos;
}

CardPhotos::~CardPhotos() { close(); }

void CardPhotos::close() {
    if (m_job) m_job->cancelled = true;
    if (m_worker.valid()) m_worker.wait();
    m_job.reset();
    m_onGpu.clear();
}

void CardPhotos::open(const std::filesystem::path& bundle, const bundle::OpenOptions& options) {
    close();
    auto job = std::make_shared<Job>();
    m_job = job;
    m_worker = std::async(std::launch::async, [job, bundle, options] {
        auto reader = bundle::BundleReader::open(bundle, options);
        auto manifest = reader ? bundle::decodeManifest(*reader) : Result<bundle::Manifest>(reader.error());
        if (!manifest) {
            OH_LOG_WARN("the card shows no photos: %s", manifest.error().message.c_str());
            std::lock_guard lock(job->mutex);
            job->countKnown = true;
            return;
        }
        size_t count = std::min<size_t>(manifest->photos.size(), kMaxPhotos);
        {
            std::lock_guard lock(job->mutex);
            job->count = count;
            job->countKnown = true;
        }
        for (size_t i = 0; i < count && !job->cancelled; ++i) {
            auto pixels = viewer::decodePictureAtMost(*reader, manifest->photos[i].display, bundle::PartKind::Photo,
                                                      kPhotoHeight);
            if (!pixels) {
                OH_LOG_WARN("%s", pixels.error().message.c_str());
                continue;
            }
            if (pixels->width > kLayerSize || pixels->height > kLayerSize) continue;  // a panorama-wide photo: left out
            std::lock_guard lock(job->mutex);
            job->done.push_back({i, std::move(pixels.value())});
        }
    });
}

void CardPhotos::frame(VkCommandBuffer cmd, uint32_t slot) {
    m_layers.beginFrame(slot);
    if (!m_job) return;
    std::lock_guard lock(m_job->mutex);
    if (m_onGpu.size() != m_job->count) m_onGpu.resize(m_job->count);
    while (!m_job->done.empty() && m_layers.uploadsLeft() > 0) {
        Loaded& loaded = m_job->done.front();
        // The layer is square; the photo goes into its top-left corner and
        // the quad samples only that part.
        RgbaImage layer;
        layer.width = layer.height = kLayerSize;
        layer.pixels.assign(size_t(kLayerSize) * kLayerSize * 4, 0);
        for (uint32_t row = 0; row < loaded.pixels.height; ++row)
            std::memcpy(&layer.pixels[size_t(row) * kLayerSize * 4], &loaded.pixels.pixels[size_t(row) * loaded.pixels.width * 4],
                        size_t(loaded.pixels.width) * 4);
        m_layers.upload(cmd, uint32_t(loaded.index), layer);
        m_onGpu[loaded.index] = glm::uvec2(loaded.pixels.width, loaded.pixels.height);
        m_job->done.erase(m_job->done.begin());
    }
}

size_t CardPhotos::count() const {
    if (!m_job) return 0;
    std::lock_guard lock(m_job->mutex);
    return m_job->count;
}

bool CardPhotos::ready(size_t index) const { return index < m_onGpu.size() && m_onGpu[index].has_value(); }

size_t CardPhotos::pending() const {
    if (!m_job) return 0;
    std::lock_guard lock(m_job->mutex);
    if (!m_job->countKnown) return 1;
    size_t onGpu = size_t(std::count_if(m_onGpu.begin(), m_onGpu.end(), [](const auto& p) { return p.has_value(); }));
    bool working = m_worker.valid() && m_worker.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
    return working || !m_job->done.empty() ? std::max<size_t>(m_job->count - onGpu, 1) : 0;
}

std::optional<gfx::ScreenQuad> CardPhotos::quad(size_t index, glm::vec2 min, glm::vec2 max) const {
    if (!ready(index)) return std::nullopt;
    glm::vec2 size(*m_onGpu[index]);
    glm::vec2 box = max - min;
    float scale = std::min(box.x / size.x, box.y / size.y);
    glm::vec2 shown = size * scale;
    glm::vec2 topLeft = min + (box - shown) * 0.5f;
    gfx::ScreenQuad quad;
    quad.corners = {topLeft, topLeft + glm::vec2(shown.x, 0), topLeft + shown, topLeft + glm::vec2(0, shown.y)};
    quad.uvMax = size / float(kLayerSize);
    quad.layer = uint32_t(index);
    return quad;
}

}  // namespace oh::table
