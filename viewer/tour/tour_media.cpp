#include "viewer/tour/tour_media.h"

#include <algorithm>
#include <string>

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

Status TourMedia::update() {
    ++m_frame;
    // One full cube per frame at most: each is a long upload. Others still
    // wanted are asked for again this frame.
    std::vector<size_t> wanted = std::exchange(m_wantFull, {});
    if (!wanted.empty()) {
        // acquire() stamps it as used this frame: it stays for the panorama() call that follows.
        auto full = acquire(Kind::PanoramaFull, wanted.front());
        if (!full) return full.error();
    }
    evictOverCap();
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
    // The part holds the preview cube, then the full cube (bundle/manifest.h
    // CubePart); decodeManifest checked it is exactly their size.
    const bundle::CubePart& cube = m_manifest.panoramas[index].cube;
    auto bytes = m_bundle.part(cube.part, bundle::PartKind::Panorama);
    if (!bytes) return bytes.error();
    const bool preview = kind == Kind::PanoramaPreview;
    const uint32_t faceSize = preview ? cube.previewFaceSize : cube.faceSize;
    auto levels = preview ? bytes->first(cube.previewBytes()) : bytes->subspan(cube.previewBytes());
    gfx::PackedImageDesc desc{cube.format, faceSize, faceSize, scene::fullMipCount(faceSize, faceSize), true};
    std::string name = cube.part + (preview ? " (preview)" : "");
    return gfx::GpuTexture::upload(m_context, desc, levels, name.c_str());
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
