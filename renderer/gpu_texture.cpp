#include "renderer/gpu_texture.h"

#include <chrono>
#include <string>
#include <vector>

#include "renderer/texture_upload.h"

namespace oh::gfx {

Result<GpuImage> GpuTexture::createImage(GpuContext& context, const PackedImageDesc& desc, uint64_t bytes,
                                         const char* name) {
    const uint32_t layers = desc.cube ? 6 : 1;
    if (desc.width == 0 || desc.height == 0 || desc.mipLevels == 0 ||
        desc.mipLevels > scene::fullMipCount(desc.width, desc.height) || (desc.cube && desc.width != desc.height))
        return makeError(std::string(name) + ": " + std::to_string(desc.width) + "x" + std::to_string(desc.height) +
                         " with " + std::to_string(desc.mipLevels) + " mip levels is not an image to upload");
    const uint64_t expected = layers * scene::mipChainBytes(desc.format, desc.width, desc.height, desc.mipLevels);
    if (bytes != expected)
        return makeError(std::string(name) + ": " + std::to_string(bytes) + " bytes where its size and format need " +
                         std::to_string(expected));
    if (desc.format != scene::PixelFormat::Rgba8 && !context.supportsBlockCompression())
        return makeError(std::string(name) + ": this GPU cannot sample BC-compressed textures (textureCompressionBC)",
                         kExitNoDevice);

    ImageDesc imageDesc;
    imageDesc.format = viewFormat(desc.format, desc.srgb);
    imageDesc.extent = {desc.width, desc.height, 1};
    imageDesc.mipLevels = desc.mipLevels;
    imageDesc.arrayLayers = layers;
    imageDesc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    imageDesc.flags = desc.cube ? VkImageCreateFlags(VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT) : 0u;
    return GpuImage::create(context, imageDesc, name);
}

Result<GpuTexture> GpuTexture::withView(GpuContext& context, GpuImage image, bool cube) {
    auto view = createImageView(context, image.get(), cube ? VK_IMAGE_VIEW_TYPE_CUBE : VK_IMAGE_VIEW_TYPE_2D,
                                image.desc().format, VK_IMAGE_ASPECT_COLOR_BIT);
    if (!view) return view.error();
    GpuTexture texture;
    texture.m_image = std::move(image);
    texture.m_view = std::move(view.value());
    return texture;
}

Result<GpuTexture> GpuTexture::upload(GpuContext& context, const PackedImageDesc& desc, std::span<const uint8_t> bytes,
                                      const char* name, UploadStats* stats) {
    auto image = createImage(context, desc, bytes.size(), name);
    if (!image) return image.error();
    UploadStats localStats;
    std::vector<PendingUpload> pending{{bytes.data(), bytes.size(), &image.value(), desc.format, desc.mipLevels}};
    OH_TRY(flushUploads(context, pending, stats ? *stats : localStats));
    return withView(context, std::move(image.value()), desc.cube);
}

Result<GpuTextureLoad> GpuTextureLoad::start(GpuContext& context, const PackedImageDesc& desc, std::string name,
                                             Fill fill) {
    const uint64_t bytes = (desc.cube ? 6 : 1) * scene::mipChainBytes(desc.format, desc.width, desc.height, desc.mipLevels);
    auto image = GpuTexture::createImage(context, desc, bytes, name.c_str());
    if (!image) return image.error();
    auto staging = GpuBuffer::create(context, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                     (name + " staging").c_str());
    if (!staging) return staging.error();
    GpuTextureLoad load;
    load.m_context = &context;
    load.m_cube = desc.cube;
    load.m_format = desc.format;
    load.m_memoryBytes = image->memorySize();
    load.m_image = std::move(image.value());
    load.m_staging = std::move(staging.value());
    // The worker touches only the mapped staging memory (which stays put when
    // the load moves) and what `fill` holds.
    std::span<uint8_t> target(static_cast<uint8_t*>(load.m_staging.mapped()), bytes);
    load.m_filled = std::async(std::launch::async, [fill = std::move(fill), target] { return fill(target); });
    return load;
}

Result<std::optional<GpuTexture>> GpuTextureLoad::poll() {
    if (!m_copy) {
        if (m_filled.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::optional<GpuTexture>();
        OH_TRY(m_filled.get());
        auto copy = m_context->submit([&](VkCommandBuffer cmd) {
            recordStoredLevels(cmd, m_staging.get(), 0, m_image, m_format);
        });
        if (!copy) return copy.error();
        m_copy = std::move(copy.value());
        return std::optional<GpuTexture>();
    }
    auto finished = m_copy->finished();
    if (!finished) return finished.error();
    if (!*finished) return std::optional<GpuTexture>();
    m_copy.reset();
    m_staging = GpuBuffer();
    auto texture = GpuTexture::withView(*m_context, std::move(m_image), m_cube);
    if (!texture) return texture.error();
    return std::optional<GpuTexture>(std::move(texture.value()));
}

}  // namespace oh::gfx
