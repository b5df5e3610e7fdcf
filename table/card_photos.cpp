#include "table/card_photos.h"

#include <algorithm>
#include <cstring>

#include "bundle/manifest.h"
#include "core/log.h"
#include "viewer/tour/picture_decode.h"

namespace oh::table {
namespace {

// The height to ask decodePictureAtMost for so the level it picks fits a
// `side`-pixel square whichever way the picture is long: the height of the
// first mip level no wider and no taller than `side` (mips halve, rounding down).
uint32_t heightFitting(const bundle::ImagePart& part, uint32_t side) {
    uint32_t width = part.width, height = part.height;
    for (uint32_t level = 1; level < part.mipLevels && (width > side || height > side); ++level) {
        width = std::max(width / 2, 1u);
        height = std::max(height / 2, 1u);
    }
    return height;
}

}  // namespace

Result<std::unique_ptr<CardPhotos>> CardPhotos::create(gfx::GpuContext& context, VkFormat format,
                                                       uint32_t framesInFlight) {
    std::unique_ptr<CardPhotos> photos(new CardPhotos());
    auto layers = gfx::ImageLayers::create(context, format, kLayerSize, kMaxPages, framesInFlight, 2, "card pictures");
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

void CardPhotos::open(const std::filesystem::path& bundle, const bundle::OpenOptions& options,
                      const bundle::Manifest& manifest) {
    close();
    auto job = std::make_shared<Job>();
    // The pages are known at once, from the manifest the card has read: the
    // card keeps their place from its first frame, so nothing moves under a
    // finger when the pictures arrive.
    const size_t count = std::min<size_t>(manifest.photos.size(), kMaxPhotos);
    job->count = count;
    // The listing's own plan, else the one the packer drew from the model.
    std::optional<bundle::ImagePart> plan = manifest.floorPlan;
    bundle::PartKind planKind = bundle::PartKind::FloorPlan;
    if (!plan && manifest.generatedPlan) {
        plan = manifest.generatedPlan->image;
        planKind = bundle::PartKind::GeneratedPlan;
    }
    job->floorPlan = plan.has_value();
    m_job = job;
    if (count == 0 && !job->floorPlan) return;
    std::vector<bundle::ImagePart> photos;
    for (size_t i = 0; i < count; ++i) photos.push_back(manifest.photos[i].display);
    m_worker = std::async(std::launch::async, [job, bundle, options, photos, plan, planKind] {
        auto reader = bundle::BundleReader::open(bundle, options);
        if (!reader) {
            OH_LOG_WARN("the card shows no pictures: %s", reader.error().message.c_str());
            return;
        }
        for (size_t i = 0; i < photos.size() && !job->cancelled; ++i) {
            auto pixels = viewer::decodePictureAtMost(*reader, photos[i], bundle::PartKind::Photo,
                                                      kPhotoHeight);
            if (!pixels) {
                OH_LOG_WARN("%s", pixels.error().message.c_str());
                continue;
            }
            if (pixels->width > kLayerSize || pixels->height > kLayerSize) continue;  // a panorama-wide photo: left out
            std::lock_guard lock(job->mutex);
            job->done.push_back({i, std::move(pixels.value())});
        }
        if (!plan || job->cancelled) return;
        auto pixels = viewer::decodePictureAtMost(*reader, *plan, planKind,
                                                  heightFitting(*plan, kLayerSize));
        if (!pixels) {
            OH_LOG_WARN("%s", pixels.error().message.c_str());
            return;
        }
        if (pixels->width > kLayerSize || pixels->height > kLayerSize) {
            OH_LOG_WARN("%s: the floor plan has no level small enough for the card (%ux%u)",
                        reader->displayName().c_str(), pixels->width, pixels->height);
            return;
        }
        std::lock_guard lock(job->mutex);
        job->done.push_back({photos.size(), std::move(pixels.value())});
    });
}

void CardPhotos::frame(VkCommandBuffer cmd, uint32_t slot) {
    m_layers.beginFrame(slot);
    if (!m_job) return;
    std::lock_guard lock(m_job->mutex);
    const size_t pages = m_job->count + (m_job->floorPlan ? 1 : 0);
    if (m_onGpu.size() != pages) m_onGpu.resize(pages);
    while (!m_job->done.empty() && m_layers.uploadsLeft() > 0) {
        Loaded& loaded = m_job->done.front();
        // The layer is square; the picture goes into its top-left corner and
        // the quad samples only that part.
        RgbaImage layer;
        layer.width = layer.height = kLayerSize;
        layer.pixels.assign(size_t(kLayerSize) * kLayerSize * 4, 0);
        for (uint32_t row = 0; row < loaded.pixels.height; ++row)
            std::memcpy(&layer.pixels[size_t(row) * kLayerSize * 4], &loaded.pixels.pixels[size_t(row) * loaded.pixels.width * 4],
                        size_t(loaded.pixels.width) * 4);
        m_layers.upload(cmd, uint32_t(loaded.page), layer);
        m_onGpu[loaded.page] = glm::uvec2(loaded.pixels.width, loaded.pixels.height);
        m_job->done.erase(m_job->done.begin());
    }
}

size_t CardPhotos::photoCount() const {
    if (!m_job) return 0;
    std::lock_guard lock(m_job->mutex);
    return m_job->count;
}

bool CardPhotos::hasFloorPlan() const {
    if (!m_job) return false;
    std::lock_guard lock(m_job->mutex);
    return m_job->floorPlan;
}

bool CardPhotos::ready(size_t page) const { return page < m_onGpu.size() && m_onGpu[page].has_value(); }

size_t CardPhotos::pending() const {
    if (!m_job) return 0;
    std::lock_guard lock(m_job->mutex);
    size_t onGpu = size_t(std::count_if(m_onGpu.begin(), m_onGpu.end(), [](const auto& p) { return p.has_value(); }));
    bool working = m_worker.valid() && m_worker.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
    const size_t pages = m_job->count + (m_job->floorPlan ? 1 : 0);
    return working || !m_job->done.empty() ? std::max<size_t>(pages - onGpu, 1) : 0;
}

std::optional<gfx::ScreenQuad> CardPhotos::quad(size_t page, glm::vec2 min, glm::vec2 max) const {
    if (!ready(page)) return std::nullopt;
    glm::vec2 size(*m_onGpu[page]);
    glm::vec2 box = max - min;
    float scale = std::min(box.x / size.x, box.y / size.y);
    glm::vec2 shown = size * scale;
    glm::vec2 topLeft = min + (box - shown) * 0.5f;
    gfx::ScreenQuad quad;
    quad.corners = {topLeft, topLeft + glm::vec2(shown.x, 0), topLeft + shown, topLeft + glm::vec2(0, shown.y)};
    quad.uvMax = size / float(kLayerSize);
    quad.layer = uint32_t(page);
    return quad;
}

}  // namespace oh::table
