// The set-up of Dear ImGui's Vulkan backend that the desktop overlay
// (UiOverlay) and the headset panel (WorldPanel) share: the descriptor pool
// the backend takes its font texture's set from, starting the backend on the
// current ImGui context (for a render pass made with gfx::createColorRenderPass),
// and uploading the fonts.
//
// Not for: ImGui contexts, styles, platform/input backends, framebuffers or
// per-frame drawing (each user's own), nor shutting the backend down
// (ImGui_ImplVulkan_Shutdown, by whoever started it).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <span>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/vk_context.h"

namespace oh::viewer {

class AtlasImages;

// Room for the one descriptor set Dear ImGui 1.86's Vulkan backend allocates
// (its font texture), freeable. The pool must outlive the backend.
Result<gfx::UniqueDescriptorPool> createImguiDescriptorPool(VkDevice device);

struct ImguiBackendDesc {
    VkDescriptorPool descriptorPool = VK_NULL_HANDLE;  // from createImguiDescriptorPool
    VkRenderPass renderPass = VK_NULL_HANDLE;          // ImGui's pipeline is built for it
    // Frames whose draws may be pending at once: the backend keeps a vertex/index
    // buffer pair per frame and takes the next pair on every draw (at least two).
    uint32_t framesInFlight = 2;
    void (*checkResult)(VkResult) = nullptr;  // called with each backend VkResult (no user data: a plain function)
    const char* user = nullptr;               // named in the error message when set, e.g. "the headset panel"
};
// Starts the Vulkan backend on the current ImGui context.
// Errors: the backend refuses (kExitNoDevice).
Status startImguiVulkanBackend(gfx::GpuContext& context, const ImguiBackendDesc& desc);

// Uploads the current context's font atlas, built with the euro sign
// (euro_sign.h), waits for the GPU and frees the staging buffer. `alsoRecord`, when given, is recorded into the same command
// buffer after the upload. `pictures` go into the atlas too;
// `targetEncodesSrgb`: ImGui draws into an sRGB image (AtlasImages::copyInto).
Status uploadImguiFonts(gfx::GpuContext& context, const std::function<void(VkCommandBuffer)>& alsoRecord = {},
                        std::span<AtlasImages* const> pictures = {}, bool targetEncodesSrgb = false);

}  // namespace oh::viewer
