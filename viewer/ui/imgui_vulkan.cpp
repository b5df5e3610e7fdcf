#include "viewer/ui/imgui_vulkan.h"

#include <imgui.h>
#include <backends/imgui_impl_vulkan.h>

#include <algorithm>
#include <string>

#include "renderer/vk_check.h"
#include "viewer/ui/euro_sign.h"
#include "viewer/ui/photo_gallery.h"

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

Result<gfx::UniqueRenderPass> createImguiRenderPass(VkDevice device, const ImguiPassDesc& desc) {
    VkAttachmentDescription color{};
    color.format = desc.format;
    color.samples = VK_SAMPLE_COUNT_1_BIT;
    color.loadOp = desc.loadOp;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    color.initialLayout = desc.initialLayout;
    color.finalLayout = desc.finalLayout;
    VkAttachmentReference colorRef{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 1;
    subpass.pColorAttachments = &colorRef;
    VkSubpassDependency dependencies[2]{};
    dependencies[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    dependencies[0].dstSubpass = 0;
    dependencies[0].srcStageMask = desc.earlierStages;
    dependencies[0].srcAccessMask = desc.earlierWrites;
    dependencies[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    dependencies[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    dependencies[1].srcSubpass = 0;
    dependencies[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    dependencies[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    dependencies[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    dependencies[1].dstStageMask = desc.laterStages;
    dependencies[1].dstAccessMask = desc.laterAccess;
    VkRenderPassCreateInfo passInfo{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    passInfo.attachmentCount = 1;
    passInfo.pAttachments = &color;
    passInfo.subpassCount = 1;
    passInfo.pSubpasses = &subpass;
    passInfo.dependencyCount = 2;
    passInfo.pDependencies = dependencies;
    VkRenderPass renderPass = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateRenderPass(device, &passInfo, nullptr, &renderPass));
    return gfx::UniqueRenderPass(device, renderPass);
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
                        PhotoGallery* gallery, bool targetEncodesSrgb) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    if (gallery) gallery->reserveIn(atlas);
    buildFontsWithEuroSign(atlas);  // prices in the listing card
    if (gallery) gallery->copyInto(atlas, targetEncodesSrgb);
    OH_TRY(context.submitAndWait([&](VkCommandBuffer cmd) {
        ImGui_ImplVulkan_CreateFontsTexture(cmd);
        if (alsoRecord) alsoRecord(cmd);
    }));
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    return ok();
}

}  // namespace oh::viewer
