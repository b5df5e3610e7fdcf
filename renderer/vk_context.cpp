#include "renderer/vk_context.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/log.h"
#include "renderer/vk_check.h"

namespace oh::gfx {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool hasLayer(const char* name) {
    uint32_t count = 0;
    vkEnumerateInstanceLayerProperties(&count, nullptr);
    std::vector<VkLayerProperties> layers(count);
    vkEnumerateInstanceLayerProperties(&count, layers.data());
    return std::any_of(layers.begin(), layers.end(), [&](auto& l) { return std::strcmp(l.layerName, name) == 0; });
}

bool hasInstanceExtension(const char* name) {
    uint32_t count = 0;
    vkEnumerateInstanceExtensionProperties(nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> extensions(count);
    vkEnumerateInstanceExtensionProperties(nullptr, &count, extensions.data());
    return std::any_of(extensions.begin(), extensions.end(),
                       [&](auto& e) { return std::strcmp(e.extensionName, name) == 0; });
}

bool deviceHasExtension(VkPhysicalDevice gpu, const char* name) {
    uint32_t count = 0;
    vkEnumerateDeviceExtensionProperties(gpu, nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> extensions(count);
    vkEnumerateDeviceExtensionProperties(gpu, nullptr, &count, extensions.data());
    return std::any_of(extensions.begin(), extensions.end(),
                       [&](auto& e) { return std::strcmp(e.extensionName, name) == 0; });
}

int deviceTypeRank(VkPhysicalDeviceType type) {
    switch (type) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
        default: return 0;
    }
}

Result<std::vector<const char*>> instanceLayers(bool validation) {
    std::vector<const char*> layers;
    if (validation) {
        if (!hasLayer(kValidationLayer))
            return makeError("Vulkan validation requested but VK_LAYER_KHRONOS_validation is not installed "
                             "(Debian: apt-get install vulkan-validationlayers)",
                             kExitNoDevice);
        layers.push_back(kValidationLayer);
    }
    return layers;
}

std::vector<VkQueueFamilyProperties> queueFamilies(VkPhysicalDevice gpu) {
    uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(gpu, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    vkGetPhysicalDeviceQueueFamilyProperties(gpu, &count, families.data());
    return families;
}

// A graphics + compute family that also passes the caller's filter; -1 if none.
int queueFamilyFor(const ContextOptions& options, VkInstance instance, VkPhysicalDevice gpu) {
    const std::vector<VkQueueFamilyProperties> families = queueFamilies(gpu);
    for (uint32_t i = 0; i < families.size(); ++i) {
        bool graphics = (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) &&
                        (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT);
        if (graphics && (!options.queueFamilyFilter || options.queueFamilyFilter(instance, gpu, i))) return int(i);
    }
    return -1;
}

// Why the renderer cannot use `gpu` (completing "the GPU ..."); empty if it can.
std::string unusableReason(const ContextOptions& options, VkInstance instance, VkPhysicalDevice gpu) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(gpu, &props);
    if (props.apiVersion < VK_API_VERSION_1_2)
        return "supports only Vulkan " + std::to_string(VK_API_VERSION_MINOR(props.apiVersion)) + ".x";
    VkPhysicalDeviceVulkan12Features features12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    VkPhysicalDeviceVulkan11Features features11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES, &features12};
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &features11};
    vkGetPhysicalDeviceFeatures2(gpu, &features);
    if (!features11.multiview) return "has no multiview";
    if (!features12.imagelessFramebuffer) return "has no imageless framebuffers";
    if (props.apiVersion < VK_API_VERSION_1_3 &&
        !deviceHasExtension(gpu, VK_EXT_EXTENDED_DYNAMIC_STATE_EXTENSION_NAME))
        return "has neither Vulkan 1.3 nor VK_EXT_extended_dynamic_state";
    for (const char* name : options.deviceExtensions)
        if (!deviceHasExtension(gpu, name)) return std::string("lacks ") + name;
    if (queueFamilyFor(options, instance, gpu) < 0) return "has no suitable graphics queue";
    return {};
}

// The highest-ranked usable GPU: by type, well ahead of that the one the caller named.
Result<VkPhysicalDevice> bestPhysicalDevice(const ContextOptions& options, VkInstance instance) {
    uint32_t count = 0;
    vkEnumeratePhysicalDevices(instance, &count, nullptr);
    std::vector<VkPhysicalDevice> gpus(count);
    vkEnumeratePhysicalDevices(instance, &count, gpus.data());
    if (gpus.empty()) return makeError("no GPU with a Vulkan driver found", kExitNoDevice);
    VkPhysicalDevice best = VK_NULL_HANDLE;
    int bestRank = -1;
    std::string reasons;
    for (VkPhysicalDevice gpu : gpus) {
        VkPhysicalDeviceProperties props;
        vkGetPhysicalDeviceProperties(gpu, &props);
        std::string reason = unusableReason(options, instance, gpu);
        if (!reason.empty()) {
            reasons += std::string(reasons.empty() ? "" : "; ") + props.deviceName + " " + reason;
            continue;
        }
        int rank = deviceTypeRank(props.deviceType);
        if (!options.preferredDeviceName.empty() &&
            std::string(props.deviceName).find(options.preferredDeviceName) != std::string::npos)
            rank += 100;
        if (rank > bestRank) {
            bestRank = rank;
            best = gpu;
        }
    }
    if (!best) return makeError("no usable GPU: " + reasons, kExitNoDevice);
    return best;
}

// Nanoseconds per timestamp tick on `queueFamily`; 0 if it has no timestamps.
double queueTimestampPeriodNs(VkPhysicalDevice gpu, uint32_t queueFamily) {
    const std::vector<VkQueueFamilyProperties> families = queueFamilies(gpu);
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(gpu, &props);
    return families[queueFamily].timestampValidBits > 0 ? props.limits.timestampPeriod : 0.0;
}

}  // namespace

bool validationRequested() {
    const char* value = std::getenv("OPENHOUSE_VALIDATION");
    return value && *value && std::strcmp(value, "0") != 0;
}

Result<std::unique_ptr<GpuContext>> GpuContext::create(const ContextOptions& options) {
    std::unique_ptr<GpuContext> context(new GpuContext());
    OH_TRY(context->init(options));
    return context;
}

Status GpuContext::init(const ContextOptions& options) {
    auto instanceApiVersion = initInstance(options);
    if (!instanceApiVersion) return instanceApiVersion.error();
    OH_TRY(selectPhysicalDevice(options));
    readDeviceProperties();
    OH_TRY(initDevice(options, *instanceApiVersion));
    OH_TRY(loadDynamicStateCommands());
    return createUploadPool();
}

Result<uint32_t> GpuContext::initInstance(const ContextOptions& options) {
    uint32_t loaderVersion = VK_API_VERSION_1_0;
    if (vkEnumerateInstanceVersion(&loaderVersion) != VK_SUCCESS || loaderVersion < VK_API_VERSION_1_2)
        return makeError("the Vulkan loader is older than 1.2; update the graphics driver", kExitNoDevice);

    bool validation = options.validation || validationRequested();
    auto layers = instanceLayers(validation);
    if (!layers) return layers.error();
    std::vector<const char*> instanceExtensions = options.instanceExtensions;
    m_debugUtils = hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    if (m_debugUtils) instanceExtensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    for (const char* name : options.instanceExtensions)
        if (!hasInstanceExtension(name))
            return makeError(std::string("the Vulkan driver lacks instance extension ") + name, kExitNoDevice);

    VkApplicationInfo appInfo{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    appInfo.pApplicationName = options.applicationName.c_str();
    appInfo.applicationVersion = VK_MAKE_VERSION(0, 1, 0);
    appInfo.pEngineName = "OpenHouse";
    appInfo.engineVersion = VK_MAKE_VERSION(0, 1, 0);
    appInfo.apiVersion = loaderVersion >= VK_API_VERSION_1_3 ? VK_API_VERSION_1_3 : VK_API_VERSION_1_2;

    VkDebugUtilsMessengerCreateInfoEXT messengerInfo = messengerCreateInfo();
    VkInstanceCreateInfo instanceInfo{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    instanceInfo.pApplicationInfo = &appInfo;
    instanceInfo.enabledLayerCount = uint32_t(layers->size());
    instanceInfo.ppEnabledLayerNames = layers->data();
    instanceInfo.enabledExtensionCount = uint32_t(instanceExtensions.size());
    instanceInfo.ppEnabledExtensionNames = instanceExtensions.data();
    // Chained so messages during vkCreateInstance/vkDestroyInstance are caught too.
    if (validation && m_debugUtils) instanceInfo.pNext = &messengerInfo;
    OH_TRY(createInstance(options, instanceInfo));

    if (validation && m_debugUtils) {
        auto createMessenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(m_instance, "vkCreateDebugUtilsMessengerEXT"));
        OH_VK_TRY(createMessenger(m_instance, &messengerInfo, nullptr, &m_messenger));
    }
    if (m_debugUtils)
        m_setObjectName = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
            vkGetInstanceProcAddr(m_instance, "vkSetDebugUtilsObjectNameEXT"));
    return appInfo.apiVersion;
}

VkDebugUtilsMessengerCreateInfoEXT GpuContext::messengerCreateInfo() {
    VkDebugUtilsMessengerCreateInfoEXT messengerInfo{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    messengerInfo.messageSeverity =
        VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    messengerInfo.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                                VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                                VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    messengerInfo.pfnUserCallback = &GpuContext::debugCallback;
    messengerInfo.pUserData = this;
    return messengerInfo;
}

Status GpuContext::createInstance(const ContextOptions& options, const VkInstanceCreateInfo& instanceInfo) {
    if (options.createInstance) {
        auto created = options.createInstance(instanceInfo);
        if (!created) return created.error();
        m_instance = created.value();
    } else {
        VkResult result = vkCreateInstance(&instanceInfo, nullptr, &m_instance);
        if (result == VK_ERROR_INCOMPATIBLE_DRIVER)
            return makeError("no Vulkan driver found (install your GPU's Vulkan driver; "
                             "Debian: mesa-vulkan-drivers)",
                             kExitNoDevice);
        OH_VK_TRY(result);
    }
    return ok();
}

Status GpuContext::selectPhysicalDevice(const ContextOptions& options) {
    if (options.choosePhysicalDevice) {
        auto chosen = options.choosePhysicalDevice(m_instance);
        if (!chosen) return chosen.error();
        m_physicalDevice = chosen.value();
        std::string reason = unusableReason(options, m_instance, m_physicalDevice);
        if (!reason.empty()) return makeError("the GPU chosen by the runtime " + reason, kExitNoDevice);
    } else {
        auto best = bestPhysicalDevice(options, m_instance);
        if (!best) return best.error();
        m_physicalDevice = best.value();
    }
    m_queueFamily = uint32_t(queueFamilyFor(options, m_instance, m_physicalDevice));
    return ok();
}

void GpuContext::readDeviceProperties() {
    m_timestampPeriodNs = queueTimestampPeriodNs(m_physicalDevice, m_queueFamily);
    vkGetPhysicalDeviceProperties(m_physicalDevice, &m_properties);
    vkGetPhysicalDeviceMemoryProperties(m_physicalDevice, &m_memoryProperties);
    m_deviceName = m_properties.deviceName;
    VkPhysicalDeviceDriverProperties driverProperties{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceProperties2 properties2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, &driverProperties};
    vkGetPhysicalDeviceProperties2(m_physicalDevice, &properties2);
    m_driverId = driverProperties.driverID;
    m_sampleCounts = m_properties.limits.framebufferColorSampleCounts & m_properties.limits.framebufferDepthSampleCounts;
}

// The device for Vulkan 1.3 where both the instance and the GPU have it, else 1.2.
Status GpuContext::initDevice(const ContextOptions& options, uint32_t instanceApiVersion) {
    VkPhysicalDeviceFeatures supported{};
    vkGetPhysicalDeviceFeatures(m_physicalDevice, &supported);
    float priority = 1.0f;
    VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queueInfo.queueFamilyIndex = m_queueFamily;
    queueInfo.queueCount = 1;
    queueInfo.pQueuePriorities = &priority;

    VkPhysicalDeviceVulkan12Features features12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    features12.imagelessFramebuffer = VK_TRUE;
    VkPhysicalDeviceVulkan11Features features11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES, &features12};
    features11.multiview = VK_TRUE;
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &features11};
    features.features.samplerAnisotropy = supported.samplerAnisotropy;
    // Tour bundles carry BC7/BC5/BC4 textures; every desktop GPU (and lavapipe) samples them.
    features.features.textureCompressionBC = supported.textureCompressionBC;
    m_blockCompression = supported.textureCompressionBC == VK_TRUE;
    m_maxAnisotropy = supported.samplerAnisotropy ? std::min(16.0f, m_properties.limits.maxSamplerAnisotropy) : 1.0f;
    // CPU rasterisers (lavapipe) emulate anisotropic filtering in software, and
    // Mesa 22.3's lavapipe spends minutes per frame on triangles whose UVs are
    // degenerate (quantized or collapsed texture coordinates). Trilinear only there.
    if (m_properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU) {
        features.features.samplerAnisotropy = VK_FALSE;
        m_maxAnisotropy = 1.0f;
    }

    std::vector<const char*> deviceExtensions = options.deviceExtensions;
    m_apiVersion = std::min(instanceApiVersion, m_properties.apiVersion) >= VK_API_VERSION_1_3 ? VK_API_VERSION_1_3
                                                                                                : VK_API_VERSION_1_2;
    VkPhysicalDeviceExtendedDynamicStateFeaturesEXT dynamicState{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTENDED_DYNAMIC_STATE_FEATURES_EXT};
    if (m_apiVersion < VK_API_VERSION_1_3) {
        dynamicState.extendedDynamicState = VK_TRUE;
        features12.pNext = &dynamicState;
        deviceExtensions.push_back(VK_EXT_EXTENDED_DYNAMIC_STATE_EXTENSION_NAME);
    }

    VkDeviceCreateInfo deviceInfo{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, &features};
    deviceInfo.queueCreateInfoCount = 1;
    deviceInfo.pQueueCreateInfos = &queueInfo;
    deviceInfo.enabledExtensionCount = uint32_t(deviceExtensions.size());
    deviceInfo.ppEnabledExtensionNames = deviceExtensions.data();

    if (options.createDevice) {
        auto created = options.createDevice(m_physicalDevice, deviceInfo);
        if (!created) return created.error();
        m_device = created.value();
    } else {
        OH_VK_TRY(vkCreateDevice(m_physicalDevice, &deviceInfo, nullptr, &m_device));
    }
    vkGetDeviceQueue(m_device, m_queueFamily, 0, &m_queue);
    return ok();
}

Status GpuContext::loadDynamicStateCommands() {
    bool core13 = m_apiVersion >= VK_API_VERSION_1_3;
    cmdSetCullMode = reinterpret_cast<PFN_vkCmdSetCullMode>(
        vkGetDeviceProcAddr(m_device, core13 ? "vkCmdSetCullMode" : "vkCmdSetCullModeEXT"));
    cmdSetFrontFace = reinterpret_cast<PFN_vkCmdSetFrontFace>(
        vkGetDeviceProcAddr(m_device, core13 ? "vkCmdSetFrontFace" : "vkCmdSetFrontFaceEXT"));
    if (!cmdSetCullMode || !cmdSetFrontFace)
        return makeError("the Vulkan driver did not provide vkCmdSetCullMode/vkCmdSetFrontFace", kExitNoDevice);
    return ok();
}

Status GpuContext::createUploadPool() {
    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    poolInfo.queueFamilyIndex = m_queueFamily;
    OH_VK_TRY(vkCreateCommandPool(m_device, &poolInfo, nullptr, &m_uploadPool));
    return ok();
}

GpuContext::~GpuContext() {
    if (m_device) {
        vkDeviceWaitIdle(m_device);
        if (m_uploadPool) vkDestroyCommandPool(m_device, m_uploadPool, nullptr);
        vkDestroyDevice(m_device, nullptr);
    }
    if (m_messenger) {
        auto destroyMessenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(m_instance, "vkDestroyDebugUtilsMessengerEXT"));
        destroyMessenger(m_instance, m_messenger, nullptr);
    }
    if (m_instance) vkDestroyInstance(m_instance, nullptr);
}

uint32_t GpuContext::findMemoryType(uint32_t typeBits, VkMemoryPropertyFlags required) const {
    for (uint32_t i = 0; i < m_memoryProperties.memoryTypeCount; ++i)
        if ((typeBits & (1u << i)) && (m_memoryProperties.memoryTypes[i].propertyFlags & required) == required)
            return i;
    return UINT32_MAX;
}

Status GpuContext::submitAndWait(const std::function<void(VkCommandBuffer)>& record) {
    auto submission = submit(record);
    if (!submission) return submission.error();
    return submission->wait();
}

Result<Submission> GpuContext::submit(const std::function<void(VkCommandBuffer)>& record) {
    Submission submission;
    submission.m_device = m_device;
    submission.m_pool = m_uploadPool;
    VkCommandBufferAllocateInfo allocInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    allocInfo.commandPool = m_uploadPool;
    allocInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocInfo.commandBufferCount = 1;
    OH_VK_TRY(vkAllocateCommandBuffers(m_device, &allocInfo, &submission.m_commands));
    VkCommandBufferBeginInfo beginInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    beginInfo.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    OH_VK_TRY(vkBeginCommandBuffer(submission.m_commands, &beginInfo));
    record(submission.m_commands);
    OH_VK_TRY(vkEndCommandBuffer(submission.m_commands));

    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    OH_VK_TRY(vkCreateFence(m_device, &fenceInfo, nullptr, &submission.m_fence));
    VkSubmitInfo submitInfo{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submitInfo.commandBufferCount = 1;
    submitInfo.pCommandBuffers = &submission.m_commands;
    if (VkResult result = vkQueueSubmit(m_queue, 1, &submitInfo, submission.m_fence); result != VK_SUCCESS) {
        // Never submitted: nothing to wait for when it is released.
        vkDestroyFence(m_device, std::exchange(submission.m_fence, VK_NULL_HANDLE), nullptr);
        OH_VK_TRY(result);
    }
    return submission;
}

Submission& Submission::operator=(Submission&& other) noexcept {
    if (this != &other) {
        release();
        m_device = other.m_device;
        m_pool = other.m_pool;
        m_commands = std::exchange(other.m_commands, VK_NULL_HANDLE);
        m_fence = std::exchange(other.m_fence, VK_NULL_HANDLE);
    }
    return *this;
}

Result<bool> Submission::finished() const {
    VkResult status = vkGetFenceStatus(m_device, m_fence);
    if (status == VK_NOT_READY) return false;
    OH_VK_TRY(status);
    return true;
}

Status Submission::wait() const {
    OH_VK_TRY(vkWaitForFences(m_device, 1, &m_fence, VK_TRUE, UINT64_MAX));
    return ok();
}

void Submission::release() {
    if (m_fence) {
        // The command buffer may still be executing: it can be freed only after.
        vkWaitForFences(m_device, 1, &m_fence, VK_TRUE, UINT64_MAX);
        vkDestroyFence(m_device, m_fence, nullptr);
    }
    if (m_commands) vkFreeCommandBuffers(m_device, m_pool, 1, &m_commands);
    m_fence = VK_NULL_HANDLE;
    m_commands = VK_NULL_HANDLE;
}

void GpuContext::setName(VkObjectType type, uint64_t handle, const char* name) const {
    if (!m_setObjectName || !name) return;
    VkDebugUtilsObjectNameInfoEXT info{VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT};
    info.objectType = type;
    info.objectHandle = handle;
    info.pObjectName = name;
    m_setObjectName(m_device, &info);
}

VkBool32 GpuContext::debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                   VkDebugUtilsMessageTypeFlagsEXT, const VkDebugUtilsMessengerCallbackDataEXT* data,
                                   void* user) {
    auto* self = static_cast<GpuContext*>(user);
    self->m_validationMessages.fetch_add(1);
    const char* kind = (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) ? "error" : "warning";
    OH_LOG_ERROR("Vulkan validation %s: %s", kind, data && data->pMessage ? data->pMessage : "(no text)");
    return VK_FALSE;
}

}  // namespace oh::gfx
