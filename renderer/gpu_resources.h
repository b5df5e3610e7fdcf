// Move-only owners of Vulkan buffers, images and the small objects around them.
// Each wrapper destroys its handle (and memory) in its destructor; the caller
// makes sure the GPU is done with it (frame fences, or device idle on unload).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>
#include <utility>

#include "core/result.h"
#include "renderer/vk_context.h"

namespace oh::gfx {

// A generic owner for a device-level handle destroyed with vkDestroyX(device, handle, nullptr).
template <typename Handle, void (*Destroy)(VkDevice, Handle, const VkAllocationCallbacks*)>
class DeviceHandle {
public:
    DeviceHandle() = default;
    DeviceHandle(VkDevice device, Handle handle) : m_device(device), m_handle(handle) {}
    ~DeviceHandle() { reset(); }
    DeviceHandle(DeviceHandle&& other) noexcept
        : m_device(other.m_device), m_handle(std::exchange(other.m_handle, VK_NULL_HANDLE)) {}
    DeviceHandle& operator=(DeviceHandle&& other) noexcept {
        if (this != &other) {
            reset();
            m_device = other.m_device;
            m_handle = std::exchange(other.m_handle, VK_NULL_HANDLE);
        }
        return *this;
    }
    DeviceHandle(const DeviceHandle&) = delete;
    DeviceHandle& operator=(const DeviceHandle&) = delete;

    Handle get() const { return m_handle; }
    operator Handle() const { return m_handle; }
    explicit operator bool() const { return m_handle != VK_NULL_HANDLE; }
    void reset() {
        if (m_handle) Destroy(m_device, m_handle, nullptr);
        m_handle = VK_NULL_HANDLE;
    }

private:
    VkDevice m_device = VK_NULL_HANDLE;
    Handle m_handle = VK_NULL_HANDLE;
};

using UniqueSampler = DeviceHandle<VkSampler, vkDestroySampler>;
using UniqueImageView = DeviceHandle<VkImageView, vkDestroyImageView>;
using UniqueShaderModule = DeviceHandle<VkShaderModule, vkDestroyShaderModule>;
using UniquePipeline = DeviceHandle<VkPipeline, vkDestroyPipeline>;
using UniquePipelineLayout = DeviceHandle<VkPipelineLayout, vkDestroyPipelineLayout>;
using UniqueDescriptorSetLayout = DeviceHandle<VkDescriptorSetLayout, vkDestroyDescriptorSetLayout>;
using UniqueDescriptorPool = DeviceHandle<VkDescriptorPool, vkDestroyDescriptorPool>;
using UniqueRenderPass = DeviceHandle<VkRenderPass, vkDestroyRenderPass>;
using UniqueFramebuffer = DeviceHandle<VkFramebuffer, vkDestroyFramebuffer>;
using UniqueCommandPool = DeviceHandle<VkCommandPool, vkDestroyCommandPool>;
using UniqueFence = DeviceHandle<VkFence, vkDestroyFence>;
using UniqueSemaphore = DeviceHandle<VkSemaphore, vkDestroySemaphore>;

class GpuBuffer {
public:
    GpuBuffer() = default;
    ~GpuBuffer() { reset(); }
    GpuBuffer(GpuBuffer&& other) noexcept { *this = std::move(other); }
    GpuBuffer& operator=(GpuBuffer&& other) noexcept;
    GpuBuffer(const GpuBuffer&) = delete;
    GpuBuffer& operator=(const GpuBuffer&) = delete;

    // Host-visible buffers are persistently mapped (mapped() != nullptr) and coherent.
    static Result<GpuBuffer> create(const GpuContext& context, VkDeviceSize size, VkBufferUsageFlags usage,
                                    VkMemoryPropertyFlags memory, const char* debugName = nullptr);

    VkBuffer get() const { return m_buffer; }
    VkDeviceSize size() const { return m_size; }
    void* mapped() const { return m_mapped; }
    explicit operator bool() const { return m_buffer != VK_NULL_HANDLE; }
    void reset();

private:
    VkDevice m_device = VK_NULL_HANDLE;
    VkBuffer m_buffer = VK_NULL_HANDLE;
    VkDeviceMemory m_memory = VK_NULL_HANDLE;
    VkDeviceSize m_size = 0;
    VkDeviceSize m_memorySize = 0;
    void* m_mapped = nullptr;
};

struct ImageDesc {
    VkImageType type = VK_IMAGE_TYPE_2D;
    VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
    VkExtent3D extent{1, 1, 1};
    uint32_t mipLevels = 1;
    uint32_t arrayLayers = 1;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    VkImageUsageFlags usage = VK_IMAGE_USAGE_SAMPLED_BIT;
    VkImageCreateFlags flags = 0;  // VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT for cube maps
    bool lazilyAllocated = false;  // transient MSAA attachments on tilers
};

class GpuImage {
public:
    GpuImage() = default;
    ~GpuImage() { reset(); }
    GpuImage(GpuImage&& other) noexcept { *this = std::move(other); }
    GpuImage& operator=(GpuImage&& other) noexcept;
    GpuImage(const GpuImage&) = delete;
    GpuImage& operator=(const GpuImage&) = delete;

    static Result<GpuImage> create(const GpuContext& context, const ImageDesc& desc, const char* debugName = nullptr);

    VkImage get() const { return m_image; }
    const ImageDesc& desc() const { return m_desc; }
    explicit operator bool() const { return m_image != VK_NULL_HANDLE; }
    VkDeviceSize memorySize() const { return m_memorySize; }
    void reset();

private:
    VkDevice m_device = VK_NULL_HANDLE;
    VkImage m_image = VK_NULL_HANDLE;
    VkDeviceMemory m_memory = VK_NULL_HANDLE;
    VkDeviceSize m_memorySize = 0;
    ImageDesc m_desc;
};

// A view on `image`: all mips, layers [baseLayer, baseLayer+layerCount).
Result<UniqueImageView> createImageView(const GpuContext& context, VkImage image, VkImageViewType viewType,
                                        VkFormat format, VkImageAspectFlags aspect, uint32_t baseMip = 0,
                                        uint32_t mipCount = VK_REMAINING_MIP_LEVELS, uint32_t baseLayer = 0,
                                        uint32_t layerCount = VK_REMAINING_ARRAY_LAYERS);

Result<UniqueShaderModule> createShaderModule(const GpuContext& context, std::span<const uint32_t> spirv);

// A render pass of one colour attachment, one subpass, and a dependency on
// each side of it (Dear ImGui's passes, the table's picture passes). Inside
// the pass the attachment is read and written in the colour-output stage.
struct ColorPassDesc {
    VkFormat format = VK_FORMAT_UNDEFINED;
    VkAttachmentLoadOp loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;  // LOAD: draw over the image; CLEAR: replace it
    VkImageLayout initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkImageLayout finalLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    // What the pass waits for: earlier work on the image, its stages and writes.
    VkPipelineStageFlags earlierStages = 0;
    VkAccessFlags earlierWrites = 0;
    // What waits for the pass's colour writes: later work on the image.
    VkPipelineStageFlags laterStages = 0;
    VkAccessFlags laterAccess = 0;
};
Result<UniqueRenderPass> createColorRenderPass(VkDevice device, const ColorPassDesc& desc);

// An imageless framebuffer for a render pass with one colour attachment of
// `format`: fits every image view of that size and usage (a swapchain's images).
Result<UniqueFramebuffer> createColorFramebuffer(VkDevice device, VkRenderPass renderPass, VkFormat format,
                                                VkExtent2D extent, VkImageUsageFlags usage);

// Records a layout transition with a conservative full pipeline barrier on the
// given subresource range. For set-up paths; per-frame code uses exact barriers.
void transitionImage(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, VkImageLayout from,
                     VkImageLayout to, uint32_t baseMip = 0, uint32_t mipCount = VK_REMAINING_MIP_LEVELS,
                     uint32_t baseLayer = 0, uint32_t layerCount = VK_REMAINING_ARRAY_LAYERS);


// Bytes of device memory currently held by all GpuBuffers and GpuImages, so
// tests can check that unloading a scene gives everything back.
uint64_t liveDeviceMemoryBytes();

// Makes `buffer` a persistently mapped host-visible buffer of at least
// `bytes`, replacing it (at least doubling) only when too small, so steady
// per-frame use allocates nothing. The caller guarantees the GPU is done with
// the old buffer (per-frame buffers: that frame slot's fence was waited on).
Status ensureHostBuffer(const GpuContext& context, GpuBuffer& buffer, VkDeviceSize bytes, VkBufferUsageFlags usage,
                        const char* debugName);

// Uploads `bytes` into a new device-local buffer through a staging buffer.
Result<GpuBuffer> uploadBuffer(GpuContext& context, std::span<const uint8_t> bytes, VkBufferUsageFlags usage,
                               const char* debugName = nullptr);

}  // namespace oh::gfx
