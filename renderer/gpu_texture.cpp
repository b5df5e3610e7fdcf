#include "renderer/gpu_texture.h"

#include <string>
#include <vector>

#include "renderer/texture_upload.h"

namespace oh::gfx {

Result<GpuTexture> GpuTexture::upload(GpuContext& context, const PackedImageDesc& desc, std::span<const uint8_t> bytes,
                                      const char* name, UploadStats* stats) {
    const uint32_t layers = desc.cube ? 6 : 1;
    if (desc.width == 0 || desc.height == 0 || desc.mipLevels == 0 ||
        desc.mipLevels > scene::fullMipCount(desc.width, desc.height) || (desc.cube && desc.width != desc.height))
        return makeError(std::string(name) + ": " + std::to_string(desc.width) + "x" + std::to_string(desc.height) +
                         " with " + std::to_string(desc.mipLevels) + " mip levels is not an image to upload");
    const uint64_t expected = layers * scene::mipChainBytes(desc.format, desc.width, desc.height, desc.mipLevels);
    if (bytes.size() != expected)
        return makeError(std::string(name) + ": " + std::to_string(bytes.size()) + " bytes where its size and format need " +
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
    imageDesc.flags = desc.cube ? VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT : 0u;
    auto image = GpuImage::create(context, imageDesc, name);
    if (!image) return image.error();

    UploadStats localStats;
    std::vector<PendingUpload> pending{{bytes.data(), bytes.size(), &image.value(), desc.format, desc.mipLevels}};
    OH_TRY(flushUploads(context, pending, stats ? *stats : localStats));
    auto view = createImageView(context, image->get(), desc.cube ? VK_IMAGE_VIEW_TYPE_CUBE : VK_IMAGE_VIEW_TYPE_2D,
                                imageDesc.format, VK_IMAGE_ASPECT_COLOR_BIT);
    if (!view) return view.error();
    GpuTexture texture;
    texture.m_image = std::move(image.value());
    texture.m_view = std::move(view.value());
    return texture;
}

}  // namespace oh::gfx
