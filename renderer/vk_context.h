// GpuContext: the Vulkan instance, the chosen GPU, one device and its graphics
// queue. The renderer is handed one of these; it never picks a window system
// or a headset. Hooks let a caller create the instance and device itself
// (OpenXR's XR_KHR_vulkan_enable2 makes the runtime do that on the GPU it
// names) while this class still owns the rest.
#pragma once

#include <vulkan/vulkan.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace oh::gfx {

struct ContextOptions {
    std::string applicationName = "OpenHouse";
    // VK_LAYER_KHRONOS_validation + a messenger counting every message. Tests
    // turn it on; OPENHOUSE_VALIDATION=1 turns it on for users too.
    bool validation = false;
    std::vector<const char*> instanceExtensions;  // beyond what the renderer needs (e.g. surface)
    std::vector<const char*> deviceExtensions;    // e.g. VK_KHR_swapchain
    std::string preferredDeviceName;              // substring of the GPU name; empty: best discrete
    // A queue family must satisfy this too (e.g. can present to the window).
    std::function<bool(VkInstance, VkPhysicalDevice, uint32_t queueFamily)> queueFamilyFilter;

    // Optional creation hooks. When set, they replace vkCreateInstance /
    // physical-device choice / vkCreateDevice; the created handles are still
    // owned (destroyed) by GpuContext.
    std::function<Result<VkInstance>(const VkInstanceCreateInfo&)> createInstance;
    std::function<Result<VkPhysicalDevice>(VkInstance)> choosePhysicalDevice;
    std::function<Result<VkDevice>(VkPhysicalDevice, const VkDeviceCreateInfo&)> createDevice;
};

// OPENHOUSE_VALIDATION=1 (not 0) in the environment: validation for every
// context, and for whatever else the process can validate (OpenXR layers).
bool validationRequested();

class GpuContext;

// A one-time command buffer submitted to the graphics queue (GpuContext::
// submit), polled rather than waited for, so a long upload runs while frames
// go on. Destroying it waits for the GPU first, then frees the command buffer
// and fence. Use it from the thread that owns the queue, as GpuContext.
class Submission {
public:
    Submission() = default;
    Submission(Submission&& other) noexcept { *this = std::move(other); }
    Submission& operator=(Submission&& other) noexcept;
    Submission(const Submission&) = delete;
    Submission& operator=(const Submission&) = delete;
    ~Submission() { release(); }

    // Whether the GPU has finished it; errors: device lost.
    Result<bool> finished() const;
    Status wait() const;

private:
    friend class GpuContext;
    void release();

    VkDevice m_device = VK_NULL_HANDLE;
    VkCommandPool m_pool = VK_NULL_HANDLE;
    VkCommandBuffer m_commands = VK_NULL_HANDLE;
    VkFence m_fence = VK_NULL_HANDLE;
};

class GpuContext {
public:
    // Errors: no Vulkan loader/driver, no GPU with Vulkan 1.2 + multiview, a
    // requested layer/extension missing. The message says which.
    static Result<std::unique_ptr<GpuContext>> create(const ContextOptions& options);
    ~GpuContext();
    GpuContext(const GpuContext&) = delete;
    GpuContext& operator=(const GpuContext&) = delete;

    // Vulkan API version the device was created for (1.2 or 1.3).
    uint32_t apiVersion() const { return m_apiVersion; }
    VkInstance instance() const { return m_instance; }
    VkPhysicalDevice physicalDevice() const { return m_physicalDevice; }
    VkDevice device() const { return m_device; }
    VkQueue queue() const { return m_queue; }
    uint32_t queueFamily() const { return m_queueFamily; }
    const VkPhysicalDeviceProperties& properties() const { return m_properties; }
    const std::string& deviceName() const { return m_deviceName; }
    VkDriverId driverId() const { return m_driverId; }
    float maxAnisotropy() const { return m_maxAnisotropy; }  // 1: anisotropic filtering off
    bool supportsBlockCompression() const { return m_blockCompression; }  // BC1-7 textures (tour bundles)
    // Nanoseconds per timestamp tick on the graphics queue; 0 if it has no timestamps.
    double timestampPeriodNs() const { return m_timestampPeriodNs; }
    // MSAA sample counts both colour and depth attachments support (not
    // always every power of two below the largest: lavapipe has 1 and 4).
    VkSampleCountFlags colorDepthSampleCounts() const { return m_sampleCounts; }

    // Dynamic cull mode / front face (Vulkan 1.3 core, or VK_EXT_extended_dynamic_state):
    // one pipeline serves single- and double-sided materials and mirrored instances.
    PFN_vkCmdSetCullMode cmdSetCullMode = nullptr;
    PFN_vkCmdSetFrontFace cmdSetFrontFace = nullptr;

    // Validation messages seen so far (warnings and errors); tests require 0.
    uint32_t validationMessageCount() const { return m_validationMessages.load(); }

    // Memory type index with `required` properties among `typeBits`; UINT32_MAX if none.
    uint32_t findMemoryType(uint32_t typeBits, VkMemoryPropertyFlags required) const;

    // Records `record` into a one-time command buffer, submits it and waits.
    // For uploads and set-up only, never per frame.
    Status submitAndWait(const std::function<void(VkCommandBuffer)>& record);
    // The same, returning at once: poll or wait on the Submission.
    Result<Submission> submit(const std::function<void(VkCommandBuffer)>& record);

    // Names an object for debuggers and validation messages (debug-utils builds only).
    void setName(VkObjectType type, uint64_t handle, const char* name) const;

private:
    GpuContext() = default;
    Status init(const ContextOptions& options);
    // The steps of init(), in order. initInstance returns the API version the instance was created for.
    Result<uint32_t> initInstance(const ContextOptions& options);
    VkDebugUtilsMessengerCreateInfoEXT messengerCreateInfo();
    Status createInstance(const ContextOptions& options, const VkInstanceCreateInfo& instanceInfo);
    Status selectPhysicalDevice(const ContextOptions& options);
    void readDeviceProperties();
    Status initDevice(const ContextOptions& options, uint32_t instanceApiVersion);
    Status loadDynamicStateCommands();
    Status createUploadPool();

    static VKAPI_ATTR VkBool32 VKAPI_CALL debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                        VkDebugUtilsMessageTypeFlagsEXT types,
                                                        const VkDebugUtilsMessengerCallbackDataEXT* data,
                                                        void* user);

    VkInstance m_instance = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT m_messenger = VK_NULL_HANDLE;
    VkPhysicalDevice m_physicalDevice = VK_NULL_HANDLE;
    VkDevice m_device = VK_NULL_HANDLE;
    VkQueue m_queue = VK_NULL_HANDLE;
    uint32_t m_queueFamily = 0;
    uint32_t m_apiVersion = VK_API_VERSION_1_2;
    VkCommandPool m_uploadPool = VK_NULL_HANDLE;
    VkPhysicalDeviceProperties m_properties{};
    VkPhysicalDeviceMemoryProperties m_memoryProperties{};
    std::string m_deviceName;
    VkDriverId m_driverId = VkDriverId(0);
    float m_maxAnisotropy = 1.0f;
    bool m_blockCompression = false;
    double m_timestampPeriodNs = 0.0;
    VkSampleCountFlags m_sampleCounts = VK_SAMPLE_COUNT_1_BIT;
    bool m_debugUtils = false;
    std::atomic<uint32_t> m_validationMessages{0};
    PFN_vkSetDebugUtilsObjectNameEXT m_setObjectName = nullptr;
};

}  // namespace oh::gfx
