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

Result<VkImageView> TourMedia::photo(size_t index) { return acquire(Kind::Photo, index); }

Result<VkImageView> TourMedia::thumbnail(size_t index) { return acquire(Kind::Thumbnail, index); }

Result<PanoramaCube> TourMedia::panorama(size_t index) {
    if (auto full = m_resident.find({Kind::PanoramaFull, index}); full != m_resident.end()) {
        full->second.lastUsedFrame = m_frame;
        return PanoramaCube{full->second.texture.view(), true};
    }
    auto preview = acquire(Kind::PanoramaPreview, index);
    if (!preview) return preview.error();
    if (std::find(m_wantFull.begin(), m_wantFull.end(), index) == m_wantFull.end()) m_wantFull.push_back(index);
    return PanoramaCube{preview.value(), false};
}

Result<VkImageView> TourMedia::fullPanorama(size_t index) {
    for (;;) {
        auto cube = panorama(index);
        if (!cube) return cube.error();
        if (cube->full) return cube->cube;
        OH_TRY(update());
        if (m_loading) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

Status TourMedia::update() {
    ++m_frame;
    // One full cube at a time: each is a long read and copy. Others still
    // wanted are asked for again this frame.
    std::vector<size_t> wanted = std::exchange(m_wantFull, {});
    if (m_loading) OH_TRY(pollFullCube());
    if (!m_loading && !wanted.empty() && !m_resident.contains({Kind::PanoramaFull, wanted.front()}))
        OH_TRY(startFullCube(wanted.front()));
    evictOverCap();
    return ok();
}

Status TourMedia::startFullCube(size_t index) {
    // panorama() returned its preview: the index is in range.
    const bundle::CubePart& cube = m_manifest.panoramas[index].cube;
    gfx::PackedImageDesc desc{cube.format, cube.faceSize, cube.faceSize, scene::fullMipCount(cube.faceSize, cube.faceSize),
                              true};
    // The worker reads the part (checking its hash: the slow part) straight
    // into staging memory; the reader is thread-safe and outlives this.
    auto fill = [&bundle = m_bundle, part = cube.part](std::span<uint8_t> staging) -> Status {
        auto bytes = bundle.part(part, bundle::PartKind::Panorama);
        if (!bytes) return bytes.error();
        if (bytes->size() != staging.size())  // decodeManifest checked it; a cheap guard for the copy
            return makeError(bundle.displayName() + ": part '" + part + "' changed size");
        std::memcpy(staging.data(), bytes->data(), staging.size());
        return ok();
    };
    auto load = gfx::GpuTextureLoad::start(m_context, desc, cube.part, std::move(fill));
    if (!load) return load.error();
    m_loading.emplace(FullCubeLoad{index, load->memoryBytes(), std::move(load.value())});
    m_gpuBytes += m_loading->bytes;
    return ok();
}

Status TourMedia::pollFullCube() {
    auto texture = m_loading->load.poll();
    if (!texture) {
        m_gpuBytes -= m_loading->bytes;
        m_loading.reset();
        return texture.error();
    }
    if (!texture->has_value()) return ok();
    // Its memory is counted since the start. Stamped as used this frame: it
    // stays for the panorama() call that follows.
    m_resident.emplace(Key{Kind::PanoramaFull, m_loading->index}, Resident{std::move(**texture), m_frame});
    m_loading.reset();
    return ok();
}

Result<VkImageView> TourMedia::acquire(Kind kind, size_t index) {
    auto resident = m_resident.find({kind, index});
    if (resident == m_resident.end()) {
        auto texture = load(kind, index);
        if (!texture) return texture.error();
        m_gpuBytes += texture->memoryBytes();
        resident = m_resident.emplace(Key{kind, index}, Resident{std::move(texture.value()), m_frame}).first;
    }
    resident->second.lastUsedFrame = m_frame;
    evictOverCap();
    return resident->second.texture.view();
}

Result<gfx::GpuTexture> TourMedia::load(Kind kind, size_t index) const {
    const bool isPhoto = kind == Kind::Photo || kind == Kind::Thumbnail;
    const size_t count = isPhoto ? m_manifest.photos.size() : m_manifest.panoramas.size();
    if (index >= count)
        return makeError(m_bundle.displayName() + ": no " + (isPhoto ? "photo " : "panorama ") +
                         std::to_string(index) + " (it has " + std::to_string(count) + ", counted from 0)");
    if (isPhoto) {
        const bundle::PhotoParts& parts = m_manifest.photos[index];
        const bundle::ImagePart& image = kind == Kind::Photo ? parts.display : parts.thumbnail;
        auto bytes =
            m_bundle.part(image.part, kind == Kind::Photo ? bundle::PartKind::Photo : bundle::PartKind::PhotoThumbnail);
        if (!bytes) return bytes.error();
        gfx::PackedImageDesc desc{image.format, image.width, image.height, image.mipLevels};
        return gfx::GpuTexture::upload(m_context, desc, *bytes, image.part.c_str());
    }
    // Full cubes load in the background (startFullCube); here the preview,
    // whose part decodeManifest checked is exactly its size.
    const bundle::CubePart& cube = m_manifest.panoramas[index].cube;
    auto bytes = m_bundle.part(cube.previewPart, bundle::PartKind::PanoramaPreview);
    if (!bytes) return bytes.error();
    const uint32_t faceSize = cube.previewFaceSize;
    gfx::PackedImageDesc desc{cube.format, faceSize, faceSize, scene::fullMipCount(faceSize, faceSize), true};
    return gfx::GpuTexture::upload(m_context, desc, *bytes, cube.previewPart.c_str());
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
