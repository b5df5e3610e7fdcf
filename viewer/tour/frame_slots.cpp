#include "viewer/tour/frame_slots.h"

#include "renderer/vk_check.h"

namespace oh::viewer {

Result<FrameSlots> FrameSlots::create(const gfx::GpuContext& context, uint32_t count) {
    VkDevice device = context.device();
    FrameSlots slots;
    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    poolInfo.queueFamilyIndex = context.queueFamily();
    VkCommandPool pool = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateCommandPool(device, &poolInfo, nullptr, &pool));
    slots.m_pool = gfx::UniqueCommandPool(device, pool);
    slots.m_slots.resize(count);
    for (FrameSlot& slot : slots.m_slots) {
        VkCommandBufferAllocateInfo allocInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        allocInfo.commandPool = pool;
        allocInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        allocInfo.commandBufferCount = 1;
        OH_VK_TRY(vkAllocateCommandBuffers(device, &allocInfo, &slot.commandBuffer));
        VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        fenceInfo.flags = VK_FENCE_CREATE_SIGNALED_BIT;
        VkFence fence = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateFence(device, &fenceInfo, nullptr, &fence));
        slot.done = gfx::UniqueFence(device, fence);
    }
    return slots;
}

}  // namespace oh::viewer
