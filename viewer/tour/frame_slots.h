// Frames in flight for a presenter: one command pool and, per slot, a
// command buffer and a fence the GPU signals when it has finished that slot's
// last submission. Fences start signalled, so the first wait on each slot
// returns at once.
//
// Not for: swapchain images or semaphores (their number follows the
// swapchain, not the frames in flight).
#pragma once

#include <vulkan/vulkan.h>

#include <vector>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/vk_context.h"

namespace oh::viewer {

struct FrameSlot {
    VkCommandBuffer commandBuffer = VK_NULL_HANDLE;  // resettable, from the slots' pool
    gfx::UniqueFence done;
};

class FrameSlots {
public:
    FrameSlots() = default;
    static Result<FrameSlots> create(const gfx::GpuContext& context, uint32_t count);

    FrameSlot& operator[](uint32_t slot) { return m_slots[slot]; }

private:
    gfx::UniqueCommandPool m_pool;  // frees the command buffers with it
    std::vector<FrameSlot> m_slots;
};

}  // namespace oh::viewer
