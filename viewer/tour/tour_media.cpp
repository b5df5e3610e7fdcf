#include "viewer/tour/tour_media.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

namespace oh::viewer {

TourMedia::TourMedia(gfx::GpuContext& context, const bundle::BundleReader& bundle, const bundle::Manifest& manifest,
                     const MediaOptions& options)
    : m_context(context), m_bundle(bundle), m_manifest(manifest), m_options(options) {}

Result<PictureView> TourMedia::photo(size_t index) { return progressive(Kind::Photo, Kind::Thumbnail, index); }

Result<PictureView> TourMedia::panorama(size_t index) {
    return progressive(Kind::PanoramaFull, Kind::PanoramaPreview, index);
}

Result<VkImageView> TourMedia::fullPhoto(size_t index) { return waitForFull(Kind::Photo, Kind::Thumbnail, index); }

Result<VkImageView> TourMedia::fullPanorama(size_t index) {
    return waitForFull(Kind::PanoramaFull, Kind::PanoramaPreview, index);
}

Result<PictureView> TourMedia::progressive(Kind full, Kind standIn, size_t index) {
    if (auto resident = m_resident.find({full, index}); resident != m_resident.end()) {
        resident->second.lastUsedFrame = m_frame;
        return PictureView{resident->second.texture.view(), true};
    }
    auto shown = acquire(standIn, index);
    if (!shown) return shown.error();
    Key wanted{full, index};
    if (std::find(m_wanted.begin(), m_wanted.end(), wanted) == m_wanted.end()) m_wanted.push_back(wanted);
    return PictureView{shown.value(), false};
}

Result<VkImageView> TourMedia::waitForFull(Kind full, Kind standIn, size_t index) {
    for (;;) {
        auto picture = progressive(full, standIn, index);
        if (!picture) return picture.error();
        if (picture->full) return picture->view;
        OH_TRY(update());
        if (m_loading) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

Status TourMedia::settle() {
    std::vector<Key> wanted = std::exchange(m_wanted, {});
    for (;;) {
        if (m_loading) {
            OH_TRY(pollLoad());
            if (m_loading) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        } else if (!wanted.empty()) {
            Key next = wanted.front();
            wanted.erase(wanted.begin());
            if (!m_resident.contains(next)) OH_TRY(startLoad(next));
        } else {
            return ok();
        }
    }
}

Status TourMedia::update() {
    ++m_frame;
    // One picture at a time: the first asked for last frame, the others again
    // this frame if they are still wanted.
    std::vector<Key> wanted = std::exchange(m_wanted, {});
    if (m_loading) OH_TRY(pollLoad());
    if (!m_loading && !wanted.empty() && !m_resident.contains(wanted.front())) OH_TRY(startLoad(wanted.front()));
    evictOverCap();
    return ok();
}

Status TourMedia::startLoad(const Key& key) {
    auto from = source(key.first, key.second);
    if (!from) return from.error();
    // The worker reads the part (checking its hash: the slow part) straight
    // into staging memory; the reader is thread-safe and outlives this.
    auto fill = [&bundle = m_bundle, part = *from->part, kind = from->kind](std::span<uint8_t> staging) -> Status {
        auto bytes = bundle.part(part, kind);
        if (!bytes) return bytes.error();
        if (bytes->size() != staging.size())  // decodeManifest checked it; a cheap guard for the copy
            return makeError(bundle.displayName() + ": part '" + part + "' changed size");
        std::memcpy(staging.data(), bytes->data(), staging.size());
        return ok();
    };
    auto load = gfx::GpuTextureLoad::start(m_context, from->desc, *from->part, std::move(fill));
    if (!load) return load.error();
    m_loading.emplace(BackgroundLoad{key, load->memoryBytes(), std::move(load.value())});
    m_gpuBytes += m_loading->bytes;
    return ok();
}

Status TourMedia::pollLoad() {
    auto texture = m_loading->load.poll();
    if (!texture) {
        m_gpuBytes -= m_loading->bytes;
        m_loading.reset();
        return texture.error();
    }
    if (!texture->has_value()) return ok();
    // Its memory is counted since the start. Stamped as used this frame: it
    // stays for the call that follows.
    m_resident.emplace(m_loading->key, Resident{std::move(**texture), m_frame});
    m_loading.reset();
    return ok();
}

Result<VkImageView> TourMedia::acquire(Kind kind, size_t index) {
    auto resident = m_resident.find({kind, index});
    if (resident == m_resident.end()) {
        auto from = source(kind, index);
        if (!from) return from.error();
        auto bytes = m_bundle.part(*from->part, from->kind);
        if (!bytes) return bytes.error();
        auto texture = gfx::GpuTexture::upload(m_context, from->desc, *bytes, from->part->c_str());
        if (!texture) return texture.error();
        m_gpuBytes += texture->memoryBytes();
        resident = m_resident.emplace(Key{kind, index}, Resident{std::move(texture.value()), m_frame}).first;
    }
    resident->second.lastUsedFrame = m_frame;
    evictOverCap();
    return resident->second.texture.view();
}

// decodeManifest checked each part named here exists, is of its kind and
// holds exactly the bytes its size and format need.
Result<TourMedia::Source> TourMedia::source(Kind kind, size_t index) const {
    const bool isPhoto = kind == Kind::Photo || kind == Kind::Thumbnail;
    const size_t count = isPhoto ? m_manifest.photos.size() : m_manifest.panoramas.size();
    if (index >= count)
        return makeError(m_bundle.displayName() + ": no " + (isPhoto ? "photo " : "panorama ") +
                         std::to_string(index) + " (it has " + std::to_string(count) + ", counted from 0)");
    if (isPhoto) {
        const bundle::PhotoParts& parts = m_manifest.photos[index];
        const bundle::ImagePart& image = kind == Kind::Photo ? parts.display : parts.thumbnail;
        return Source{&image.part, kind == Kind::Photo ? bundle::PartKind::Photo : bundle::PartKind::PhotoThumbnail,
                      {image.format, image.width, image.height, image.mipLevels}};
    }
    const bundle::CubePart& cube = m_manifest.panoramas[index].cube;
    const bool preview = kind == Kind::PanoramaPreview;
    const uint32_t faceSize = preview ? cube.previewFaceSize : cube.faceSize;
    return Source{preview ? &cube.previewPart : &cube.part,
                  preview ? bundle::PartKind::PanoramaPreview : bundle::PartKind::Panorama,
                  {cube.format, faceSize, faceSize, scene::fullMipCount(faceSize, faceSize), true}};
}

void TourMedia::evictOverCap() {
    while (m_gpuBytes > m_options.memoryCap) {
        auto oldest = m_resident.end();
        for (auto it = m_resident.begin(); it != m_resident.end(); ++it) {
            bool inFlight = it->second.lastUsedFrame + m_options.framesInFlight >= m_frame;
            if (!inFlight && (oldest == m_resident.end() || it->second.lastUsedFrame < oldest->second.lastUsedFrame))
                oldest = it;
        }
        if (oldest == m_resident.end()) return;  // all read by frames in flight: over the cap until they are done
        m_gpuBytes -= oldest->second.texture.memoryBytes();
        m_resident.erase(oldest);
    }
}

}  // namespace oh::viewer
