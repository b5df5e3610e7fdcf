// XrRuntime: the connection to the OpenXR runtime through the standard
// loader — the instance (API 1.0: Debian's loader refuses 1.1 requests), the
// head-mounted system, the extensions we use when offered, and the Vulkan
// hooks with which the runtime creates our instance and device on the GPU the
// headset is plugged into (XR_KHR_vulkan_enable2).
//
// Not for: sessions, frames or input (xr_presenter.h, xr_input.h).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "core/result.h"
#include "renderer/vk_context.h"
#include "viewer/xr/xr_platform.h"

namespace oh::viewer {

struct XrRuntimeOptions {
    // XR_EXT_debug_utils messenger counting every message (API layers such as
    // the core validation layer report through it). Tests turn it on.
    bool validation = false;
};

class XrRuntime {
public:
    static Result<std::unique_ptr<XrRuntime>> create(const XrRuntimeOptions& options);
    ~XrRuntime();
    XrRuntime(const XrRuntime&) = delete;
    XrRuntime& operator=(const XrRuntime&) = delete;

    XrInstance instance() const { return m_instance.get(); }
    XrSystemId system() const { return m_system; }
    const std::string& runtimeName() const { return m_runtimeName; }  // "Monado 21.0.0"
    const std::string& systemName() const { return m_systemName; }    // the headset
    bool depthLayers() const { return m_depthLayers; }  // XR_KHR_composition_layer_depth enabled

    // Makes GpuContext::create go through the runtime: instance and device
    // created by xrCreateVulkan*KHR, on the GPU xrGetVulkanGraphicsDevice2KHR names.
    // The runtime must stay alive while the context is being created.
    void configureVulkan(gfx::ContextOptions& options);
    // A fresh runtime connection (after a restart) must drive the GPU the
    // existing context uses: checks that, as a session requires.
    Status adoptVulkan(const gfx::GpuContext& context);

    // Messages from API layers (core validation) so far; tests require 0.
    uint32_t validationMessageCount() const { return m_validationMessages.load(); }

    // Next event from the runtime, or false if none is queued. Errors (a lost
    // instance) come back as false too; the next call that matters reports them.
    bool pollEvent(XrEventDataBuffer& event);

private:
    XrRuntime() = default;
    Status init(const XrRuntimeOptions& options);
    Status queryVulkanRequirements();
    template <typename Function>
    Function procAddress(const char* name) const;

    static XrBool32 XRAPI_CALL debugCallback(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                             XrDebugUtilsMessageTypeFlagsEXT types,
                                             const XrDebugUtilsMessengerCallbackDataEXT* data, void* user);

    UniqueXrInstance m_instance;  // destroys the messenger with it
    XrSystemId m_system = XR_NULL_SYSTEM_ID;
    std::string m_runtimeName;
    std::string m_systemName;
    bool m_depthLayers = false;
    std::atomic<uint32_t> m_validationMessages{0};
};

}  // namespace oh::viewer
