#include "viewer/xr/xr_runtime.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <vector>

#include "core/log.h"

namespace oh::viewer {
namespace {

std::vector<std::string> instanceExtensions() {
    uint32_t count = 0;
    if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr))) return {};
    std::vector<XrExtensionProperties> properties(count, {XR_TYPE_EXTENSION_PROPERTIES});
    if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, properties.data()))) return {};
    std::vector<std::string> names;
    for (const auto& property : properties) names.emplace_back(property.extensionName);
    return names;
}

bool contains(const std::vector<std::string>& names, const char* name) {
    for (const auto& entry : names)
        if (entry == name) return true;
    return false;
}

// Whether the loader will find a runtime to load: XR_RUNTIME_JSON, or an
// active_runtime.json where the Linux loader looks for one (XDG config home
// and dirs, then /etc). Checked first because the loader prints its own
// error lines when there is none, and no headset is the desktop's normal case.
bool runtimeConfigured() {
    const char* manifest = std::getenv("XR_RUNTIME_JSON");
    if (manifest && *manifest) return true;
    std::vector<std::filesystem::path> folders;
    if (const char* home = std::getenv("XDG_CONFIG_HOME"); home && *home) folders.emplace_back(home);
    else if (const char* user = std::getenv("HOME"); user && *user) folders.emplace_back(std::filesystem::path(user) / ".config");
    const char* dirs = std::getenv("XDG_CONFIG_DIRS");
    std::stringstream list(dirs && *dirs ? dirs : "/etc/xdg");
    for (std::string folder; std::getline(list, folder, ':');)
        if (!folder.empty()) folders.emplace_back(folder);
    folders.emplace_back("/etc");
    folders.emplace_back("/usr/local/etc");
    std::error_code error;
    for (const auto& folder : folders)
        for (const char* name : {"active_runtime.json", "active_runtime." OH_SYSTEM_PROCESSOR ".json"})
            if (std::filesystem::exists(folder / "openxr" / "1" / name, error)) return true;
    return false;
}

// What the loader says when the runtime is not there or will not start. API
// layers may turn the runtime's refusal into INITIALIZATION_FAILED (Debian's
// core validation layer does): the same "try again later".
bool meansNoRuntime(XrResult result) {
    return result == XR_ERROR_RUNTIME_UNAVAILABLE || result == XR_ERROR_RUNTIME_FAILURE ||
           result == XR_ERROR_INSTANCE_LOST || result == XR_ERROR_INITIALIZATION_FAILED;
}

}  // namespace

template <typename Function>
Function XrRuntime::procAddress(const char* name) const {
    PFN_xrVoidFunction function = nullptr;
    if (XR_FAILED(xrGetInstanceProcAddr(m_instance.get(), name, &function))) return nullptr;
    return reinterpret_cast<Function>(function);
}

Result<std::unique_ptr<XrRuntime>> XrRuntime::create(const XrRuntimeOptions& options) {
    std::unique_ptr<XrRuntime> runtime(new XrRuntime());
    OH_TRY(runtime->init(options));
    return runtime;
}

XrRuntime::~XrRuntime() = default;

Status XrRuntime::init(const XrRuntimeOptions& options) {
    // With no runtime, the loader fails here (it loads the runtime to list
    // its extensions).
    std::vector<std::string> available;
    if (runtimeConfigured()) available = instanceExtensions();
    if (available.empty())
        return makeError("no OpenXR runtime is active (start your headset's software: Meta Quest Link, SteamVR, "
                         "Monado, or set XR_RUNTIME_JSON)",
                         kExitNoXrRuntime);
    if (!contains(available, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME))
        return makeError("the OpenXR runtime cannot drive Vulkan apps (no " XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME ")",
                         kExitNoXrRuntime);

    std::vector<const char*> enabled = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
    m_depthLayers = contains(available, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    if (m_depthLayers) enabled.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    bool debugUtils = options.validation && contains(available, XR_EXT_DEBUG_UTILS_EXTENSION_NAME);
    if (debugUtils) enabled.push_back(XR_EXT_DEBUG_UTILS_EXTENSION_NAME);

    XrInstanceCreateInfo createInfo{XR_TYPE_INSTANCE_CREATE_INFO};
    std::strncpy(createInfo.applicationInfo.applicationName, "OpenHouse", XR_MAX_APPLICATION_NAME_SIZE - 1);
    std::strncpy(createInfo.applicationInfo.engineName, "OpenHouse", XR_MAX_ENGINE_NAME_SIZE - 1);
    createInfo.applicationInfo.applicationVersion = 1;
    createInfo.applicationInfo.engineVersion = 1;
    createInfo.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    createInfo.enabledExtensionCount = uint32_t(enabled.size());
    createInfo.enabledExtensionNames = enabled.data();
    XrInstance instance = XR_NULL_HANDLE;
    XrResult created = xrCreateInstance(&createInfo, &instance);
    if (meansNoRuntime(created))
        return makeError(std::string("the OpenXR runtime did not start (") + xrResultName(created) + ")", kExitNoXrRuntime);
    OH_XR_TRY(created);
    m_instance = UniqueXrInstance(instance);

    if (debugUtils) {
        auto createMessenger = procAddress<PFN_xrCreateDebugUtilsMessengerEXT>("xrCreateDebugUtilsMessengerEXT");
        XrDebugUtilsMessengerCreateInfoEXT messengerInfo{XR_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
        messengerInfo.messageSeverities =
            XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
        messengerInfo.messageTypes = XR_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                                     XR_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                                     XR_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT |
                                     XR_DEBUG_UTILS_MESSAGE_TYPE_CONFORMANCE_BIT_EXT;
        messengerInfo.userCallback = &XrRuntime::debugCallback;
        messengerInfo.userData = this;
        XrDebugUtilsMessengerEXT messenger = XR_NULL_HANDLE;  // destroyed with the instance
        if (createMessenger) OH_XR_TRY(createMessenger(m_instance.get(), &messengerInfo, &messenger));
    }

    XrInstanceProperties instanceProperties{XR_TYPE_INSTANCE_PROPERTIES};
    OH_XR_TRY(xrGetInstanceProperties(m_instance.get(), &instanceProperties));
    m_runtimeName = std::string(instanceProperties.runtimeName) + " " +
                    std::to_string(XR_VERSION_MAJOR(instanceProperties.runtimeVersion)) + "." +
                    std::to_string(XR_VERSION_MINOR(instanceProperties.runtimeVersion)) + "." +
                    std::to_string(XR_VERSION_PATCH(instanceProperties.runtimeVersion));

    XrSystemGetInfo systemInfo{XR_TYPE_SYSTEM_GET_INFO};
    systemInfo.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    XrResult system = xrGetSystem(m_instance.get(), &systemInfo, &m_system);
    if (system == XR_ERROR_FORM_FACTOR_UNAVAILABLE)
        return makeError(m_runtimeName + " is running but no headset is connected (plug it in or start Link)",
                         kExitNoHeadset);
    OH_XR_TRY(system);
    XrSystemProperties systemProperties{XR_TYPE_SYSTEM_PROPERTIES};
    OH_XR_TRY(xrGetSystemProperties(m_instance.get(), m_system, &systemProperties));
    m_systemName = systemProperties.systemName;
    return queryVulkanRequirements();
}

Status XrRuntime::queryVulkanRequirements() {
    // Required before the session, and the range of Vulkan versions the runtime accepts.
    auto getRequirements =
        procAddress<PFN_xrGetVulkanGraphicsRequirements2KHR>("xrGetVulkanGraphicsRequirements2KHR");
    if (!getRequirements) return makeError("the OpenXR runtime lacks xrGetVulkanGraphicsRequirements2KHR", kExitNoXrRuntime);
    XrGraphicsRequirementsVulkan2KHR requirements{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
    OH_XR_TRY(getRequirements(m_instance.get(), m_system, &requirements));
    if (XR_VERSION_MAJOR(requirements.maxApiVersionSupported) == 1 &&
        XR_VERSION_MINOR(requirements.maxApiVersionSupported) < 2)
        return makeError(m_runtimeName + " supports Vulkan up to 1." +
                             std::to_string(XR_VERSION_MINOR(requirements.maxApiVersionSupported)) +
                             " only; OpenHouse needs 1.2",
                         kExitNoXrRuntime);
    return ok();
}

void XrRuntime::configureVulkan(gfx::ContextOptions& options) {
    options.createInstance = [this](const VkInstanceCreateInfo& vulkanInfo) -> Result<VkInstance> {
        auto createInstance = procAddress<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR");
        if (!createInstance) return makeError("the OpenXR runtime lacks xrCreateVulkanInstanceKHR", kExitNoXrRuntime);
        XrVulkanInstanceCreateInfoKHR info{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
        info.systemId = m_system;
        info.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
        info.vulkanCreateInfo = &vulkanInfo;
        VkInstance instance = VK_NULL_HANDLE;
        VkResult vulkanResult = VK_SUCCESS;
        OH_XR_TRY(createInstance(m_instance.get(), &info, &instance, &vulkanResult));
        if (vulkanResult != VK_SUCCESS)
            return makeError("the OpenXR runtime could not create a Vulkan instance (VkResult " +
                                 std::to_string(int(vulkanResult)) + ")",
                             kExitNoDevice);
        return instance;
    };
    options.choosePhysicalDevice = [this](VkInstance instance) -> Result<VkPhysicalDevice> {
        auto getDevice = procAddress<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR");
        if (!getDevice) return makeError("the OpenXR runtime lacks xrGetVulkanGraphicsDevice2KHR", kExitNoXrRuntime);
        XrVulkanGraphicsDeviceGetInfoKHR info{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
        info.systemId = m_system;
        info.vulkanInstance = instance;
        VkPhysicalDevice gpu = VK_NULL_HANDLE;
        OH_XR_TRY(getDevice(m_instance.get(), &info, &gpu));
        return gpu;
    };
    options.createDevice = [this](VkPhysicalDevice gpu, const VkDeviceCreateInfo& vulkanInfo) -> Result<VkDevice> {
        auto createDevice = procAddress<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR");
        if (!createDevice) return makeError("the OpenXR runtime lacks xrCreateVulkanDeviceKHR", kExitNoXrRuntime);
        XrVulkanDeviceCreateInfoKHR info{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
        info.systemId = m_system;
        info.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
        info.vulkanPhysicalDevice = gpu;
        info.vulkanCreateInfo = &vulkanInfo;
        VkDevice device = VK_NULL_HANDLE;
        VkResult vulkanResult = VK_SUCCESS;
        OH_XR_TRY(createDevice(m_instance.get(), &info, &device, &vulkanResult));
        if (vulkanResult != VK_SUCCESS)
            return makeError("the OpenXR runtime could not create a Vulkan device (VkResult " +
                                 std::to_string(int(vulkanResult)) + ")",
                             kExitNoDevice);
        return device;
    };
}

Status XrRuntime::adoptVulkan(const gfx::GpuContext& context) {
    auto getDevice = procAddress<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR");
    if (!getDevice) return makeError("the OpenXR runtime lacks xrGetVulkanGraphicsDevice2KHR", kExitNoXrRuntime);
    XrVulkanGraphicsDeviceGetInfoKHR info{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
    info.systemId = m_system;
    info.vulkanInstance = context.instance();
    VkPhysicalDevice gpu = VK_NULL_HANDLE;
    OH_XR_TRY(getDevice(m_instance.get(), &info, &gpu));
    if (gpu != context.physicalDevice())
        return makeError("the headset is now on another GPU than " + context.deviceName() +
                             ": restart OpenHouse to continue",
                         kExitNoDevice);
    return ok();
}

bool XrRuntime::pollEvent(XrEventDataBuffer& event) {
    event = {XR_TYPE_EVENT_DATA_BUFFER};
    return xrPollEvent(m_instance.get(), &event) == XR_SUCCESS;
}

XrBool32 XRAPI_CALL XrRuntime::debugCallback(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                             XrDebugUtilsMessageTypeFlagsEXT, const XrDebugUtilsMessengerCallbackDataEXT* data,
                                             void* user) {
    auto* self = static_cast<XrRuntime*>(user);
    self->m_validationMessages.fetch_add(1);
    const char* function = data && data->functionName ? data->functionName : "";
    const char* message = data && data->message ? data->message : "(no text)";
    if (severity & XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)
        OH_LOG_ERROR("OpenXR validation: %s: %s", function, message);
    else
        OH_LOG_WARN("OpenXR validation: %s: %s", function, message);
    return XR_FALSE;
}

}  // namespace oh::viewer
