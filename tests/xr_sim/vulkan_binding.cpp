// XR_KHR_vulkan_enable2: graphics requirements, and the Vulkan instance and
// device created for the app through its own vkGetInstanceProcAddr. The
// simulated headset needs no extra Vulkan extensions.
#include <vector>

#include "sim_api.h"
#include "sim_objects.h"
#include "system.h"

namespace oh::xrsim {

XrResult xrGetVulkanGraphicsRequirements2KHR(XrInstance instance, XrSystemId systemId,
                                             XrGraphicsRequirementsVulkanKHR* requirements) {
    Instance* live = nullptr;
    if (XrResult r = lookupSystem(instance, systemId, &live); r != XR_SUCCESS) return r;
    if (!requirements || requirements->type != XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR)
        return XR_ERROR_VALIDATION_FAILURE;
    requirements->minApiVersionSupported = XR_MAKE_VERSION(1, 0, 0);
    requirements->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
    live->graphicsRequirementsQueried = true;
    return XR_SUCCESS;
}

XrResult xrCreateVulkanInstanceKHR(XrInstance instance, const XrVulkanInstanceCreateInfoKHR* info,
                                   VkInstance* vulkanInstance, VkResult* vulkanResult) {
    Instance* live = nullptr;
    if (!info) return XR_ERROR_VALIDATION_FAILURE;
    if (XrResult r = lookupSystem(instance, info->systemId, &live); r != XR_SUCCESS) return r;
    if (info->type != XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR || !info->pfnGetInstanceProcAddr ||
        !info->vulkanCreateInfo || !vulkanInstance || !vulkanResult || info->createFlags != 0)
        return XR_ERROR_VALIDATION_FAILURE;
    if (!live->graphicsRequirementsQueried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
    auto createInstance =
        reinterpret_cast<PFN_vkCreateInstance>(info->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
    if (!createInstance) return XR_ERROR_RUNTIME_FAILURE;
    *vulkanResult = createInstance(info->vulkanCreateInfo, info->vulkanAllocator, vulkanInstance);
    return XR_SUCCESS;
}

XrResult xrGetVulkanGraphicsDevice2KHR(XrInstance instance, const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                       VkPhysicalDevice* physicalDevice) {
    Instance* live = nullptr;
    if (!info) return XR_ERROR_VALIDATION_FAILURE;
    if (XrResult r = lookupSystem(instance, info->systemId, &live); r != XR_SUCCESS) return r;
    if (info->type != XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR || !info->vulkanInstance || !physicalDevice)
        return XR_ERROR_VALIDATION_FAILURE;
    if (!live->graphicsRequirementsQueried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
    uint32_t count = 0;
    vkEnumeratePhysicalDevices(info->vulkanInstance, &count, nullptr);
    std::vector<VkPhysicalDevice> devices(count);
    if (count == 0 || vkEnumeratePhysicalDevices(info->vulkanInstance, &count, devices.data()) < 0)
        return XR_ERROR_RUNTIME_FAILURE;
    live->vkInstance = info->vulkanInstance;
    live->vkPhysicalDevice = devices.front();
    *physicalDevice = devices.front();
    return XR_SUCCESS;
}

XrResult xrCreateVulkanDeviceKHR(XrInstance instance, const XrVulkanDeviceCreateInfoKHR* info, VkDevice* device,
                                 VkResult* vulkanResult) {
    Instance* live = nullptr;
    if (!info) return XR_ERROR_VALIDATION_FAILURE;
    if (XrResult r = lookupSystem(instance, info->systemId, &live); r != XR_SUCCESS) return r;
    if (info->type != XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR || !info->pfnGetInstanceProcAddr ||
        !info->vulkanCreateInfo || !device || !vulkanResult || info->createFlags != 0)
        return XR_ERROR_VALIDATION_FAILURE;
    if (!live->graphicsRequirementsQueried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
    if (!live->vkInstance || info->vulkanPhysicalDevice != live->vkPhysicalDevice)
        return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    auto createDevice =
        reinterpret_cast<PFN_vkCreateDevice>(info->pfnGetInstanceProcAddr(live->vkInstance, "vkCreateDevice"));
    if (!createDevice) return XR_ERROR_RUNTIME_FAILURE;
    *vulkanResult = createDevice(info->vulkanPhysicalDevice, info->vulkanCreateInfo, info->vulkanAllocator, device);
    return XR_SUCCESS;
}

}  // namespace oh::xrsim
