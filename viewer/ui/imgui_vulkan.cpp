#include "viewer/ui/imgui_vulkan.h"

#include <imgui.h>
#include <backends/imgui_impl_vulkan.h>

#include <algorithm>
#include <string>

#include "renderer/vk_check.h"
#include "viewer/ui/euro_sign.h"
#include "viewer/ui/atlas_images.h"

namespace oh::viewer {

Result<gfx::UniqueDescriptorPool> createImguiDescriptorPool(VkDevice device) {
    VkDescriptorPoolSize poolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    poolInfo.maxSets = 1;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &poolSize;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool));
    return gfx::UniqueDescriptorPool(device, pool);
}

Status startImguiVulkanBackend(gfx::GpuContext& context, const ImguiBackendDesc& desc) {
    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = context.instance();
    info.PhysicalDevice = context.physicalDevice();
    info.Device = context.device();
    info.QueueFamily = context.queueFamily();
    info.Queue = context.queue();
    info.DescriptorPool = desc.descriptorPool;
    info.MinImageCount = std::max(desc.framesInFlight, 2u);
    info.ImageCount = info.MinImageCount;
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    info.CheckVkResultFn = desc.checkResult;
    if (!ImGui_ImplVulkan_Init(&info, desc.renderPass))
        return makeError(std::string("Dear ImGui's Vulkan backend could not start") +
                             (desc.user ? std::string(" for ") + desc.user : std::string()),
                         kExitNoDevice);
    return ok();
}

Status uploadImguiFonts(gfx::GpuContext& context, const std::function<void(VkCommandBuffer)>& alsoRecord,
                        std::span<AtlasImages* const> pictures, bool targetEncodesSrgb) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    for (AtlasImages* images : pictures) images->reserveIn(atlas);
    buildFontsWithEuroSign(atlas);  // prices in the listing card
    for (AtlasImages* images : pictures) images->copyInto(atlas, targetEncodesSrgb);
    OH_TRY(context.submitAndWait([&](VkCommandBuffer cmd) {
        ImGui_ImplVulkan_CreateFontsTexture(cmd);
        if (alsoRecord) alsoRecord(cmd);
    }));
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    return ok();
}

}  // namespace oh::viewer
