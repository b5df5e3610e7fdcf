// The one include for OpenXR in the viewer: the core header plus the Vulkan
// binding (XR_KHR_vulkan_enable2), which needs vulkan.h first. Also the
// checks every OpenXR call goes through: failures become oh::Error values
// naming the call and the XrResult, so a user sees "xrCreateSession failed:
// XR_ERROR_..." rather than a silent stop.
//
// Not for: the renderer, which never sees OpenXR.
#pragma once

#include <vulkan/vulkan.h>

#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <memory>
#include <string>
#include <utility>

#include "core/result.h"

namespace oh::viewer {

// "XR_ERROR_SESSION_LOST" (or the number, for results newer than the headers).
const char* xrResultName(XrResult result);

// "xrCreateSession failed: XR_ERROR_... (viewer/xr/xr_presenter.cpp:120)"
Error xrError(const char* expression, XrResult result, const char* file, int line);

// An OpenXR handle and the function that destroys it; moves, never copies.
template <typename Handle, XrResult(XRAPI_PTR* Destroy)(Handle)>
class XrHandle {
public:
    XrHandle() = default;
    explicit XrHandle(Handle handle) : m_handle(handle) {}
    ~XrHandle() { reset(); }
    XrHandle(XrHandle&& other) noexcept : m_handle(std::exchange(other.m_handle, XR_NULL_HANDLE)) {}
    XrHandle& operator=(XrHandle&& other) noexcept {
        if (this != &other) {
            reset();
            m_handle = std::exchange(other.m_handle, XR_NULL_HANDLE);
        }
        return *this;
    }
    XrHandle(const XrHandle&) = delete;
    XrHandle& operator=(const XrHandle&) = delete;

    Handle get() const { return m_handle; }
    explicit operator bool() const { return m_handle != XR_NULL_HANDLE; }
    // Destroys the handle. Results are ignored: after a lost session or
    // instance there is nothing better to do than let go of it.
    void reset() {
        if (m_handle != XR_NULL_HANDLE) Destroy(m_handle);
        m_handle = XR_NULL_HANDLE;
    }

private:
    Handle m_handle = XR_NULL_HANDLE;
};

using UniqueXrInstance = XrHandle<XrInstance, xrDestroyInstance>;
using UniqueXrSession = XrHandle<XrSession, xrDestroySession>;
using UniqueXrSpace = XrHandle<XrSpace, xrDestroySpace>;
using UniqueXrSwapchain = XrHandle<XrSwapchain, xrDestroySwapchain>;
using UniqueXrActionSet = XrHandle<XrActionSet, xrDestroyActionSet>;
using UniqueXrAction = XrHandle<XrAction, xrDestroyAction>;

}  // namespace oh::viewer

#define OH_XR_TRY(expr)                                                                   \
    do {                                                                                  \
        XrResult ohXrResult_ = (expr);                                                    \
        if (XR_FAILED(ohXrResult_)) return ::oh::viewer::xrError(#expr, ohXrResult_, __FILE__, __LINE__); \
    } while (0)
