// Every OpenXR function the simulated runtime implements, declared in
// oh::xrsim under its API name with its API signature (taken from the PFN_
// types so they cannot drift). runtime_entry.cpp hands them to the loader.
#pragma once

#include <string>
#include <type_traits>

#include "xr_headers.h"

// Functions available without an instance (xrGetInstanceProcAddr with
// XR_NULL_HANDLE).
#define OH_XR_SIM_GLOBAL_FUNCTIONS(_)         \
    _(xrEnumerateApiLayerProperties)          \
    _(xrEnumerateInstanceExtensionProperties) \
    _(xrCreateInstance)

#define OH_XR_SIM_CORE_FUNCTIONS(_)          \
    _(xrDestroyInstance)                     \
    _(xrGetInstanceProperties)               \
    _(xrPollEvent)                           \
    _(xrResultToString)                      \
    _(xrStructureTypeToString)               \
    _(xrGetSystem)                           \
    _(xrGetSystemProperties)                 \
    _(xrEnumerateEnvironmentBlendModes)      \
    _(xrCreateSession)                       \
    _(xrDestroySession)                      \
    _(xrEnumerateReferenceSpaces)            \
    _(xrCreateReferenceSpace)                \
    _(xrGetReferenceSpaceBoundsRect)         \
    _(xrCreateActionSpace)                   \
    _(xrLocateSpace)                         \
    _(xrDestroySpace)                        \
    _(xrEnumerateViewConfigurations)         \
    _(xrGetViewConfigurationProperties)      \
    _(xrEnumerateViewConfigurationViews)     \
    _(xrEnumerateSwapchainFormats)           \
    _(xrCreateSwapchain)                     \
    _(xrDestroySwapchain)                    \
    _(xrEnumerateSwapchainImages)            \
    _(xrAcquireSwapchainImage)               \
    _(xrWaitSwapchainImage)                  \
    _(xrReleaseSwapchainImage)               \
    _(xrBeginSession)                        \
    _(xrEndSession)                          \
    _(xrRequestExitSession)                  \
    _(xrBeginFrame)                          \
    _(xrEndFrame)                            \
    _(xrLocateViews)                         \
    _(xrStringToPath)                        \
    _(xrPathToString)                        \
    _(xrCreateActionSet)                     \
    _(xrDestroyActionSet)                    \
    _(xrCreateAction)                        \
    _(xrDestroyAction)                       \
    _(xrSuggestInteractionProfileBindings)   \
    _(xrAttachSessionActionSets)             \
    _(xrGetCurrentInteractionProfile)        \
    _(xrGetActionStateBoolean)               \
    _(xrGetActionStateFloat)                 \
    _(xrGetActionStateVector2f)              \
    _(xrGetActionStatePose)                  \
    _(xrSyncActions)                         \
    _(xrEnumerateBoundSourcesForAction)      \
    _(xrGetInputSourceLocalizedName)         \
    _(xrApplyHapticFeedback)                 \
    _(xrStopHapticFeedback)

#define OH_XR_SIM_VULKAN_ENABLE2_FUNCTIONS(_) \
    _(xrCreateVulkanInstanceKHR)              \
    _(xrCreateVulkanDeviceKHR)                \
    _(xrGetVulkanGraphicsDevice2KHR)          \
    _(xrGetVulkanGraphicsRequirements2KHR)

#define OH_XR_SIM_TIMESPEC_FUNCTIONS(_) \
    _(xrConvertTimespecTimeToTimeKHR)   \
    _(xrConvertTimeToTimespecTimeKHR)

namespace oh::xrsim {

#define OH_XR_SIM_DECLARE(name) std::remove_pointer_t<PFN_##name> name;
OH_XR_SIM_GLOBAL_FUNCTIONS(OH_XR_SIM_DECLARE)
OH_XR_SIM_CORE_FUNCTIONS(OH_XR_SIM_DECLARE)
OH_XR_SIM_VULKAN_ENABLE2_FUNCTIONS(OH_XR_SIM_DECLARE)
OH_XR_SIM_TIMESPEC_FUNCTIONS(OH_XR_SIM_DECLARE)
// Called outside the runtime lock: it may sleep (paced mode).
OH_XR_SIM_DECLARE(xrWaitFrame)
OH_XR_SIM_DECLARE(xrGetInstanceProcAddr)
#undef OH_XR_SIM_DECLARE

// Two-call idiom for arrays: count in *countOutput; SIZE_INSUFFICIENT when
// the app's capacity is non-zero but too small.
template <class T, class Fill>
XrResult fillArray(uint32_t capacity, uint32_t* countOutput, T* out, uint32_t count, Fill&& fill) {
    if (!countOutput) return XR_ERROR_VALIDATION_FAILURE;
    *countOutput = count;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < count) return XR_ERROR_SIZE_INSUFFICIENT;
    if (!out) return XR_ERROR_VALIDATION_FAILURE;
    for (uint32_t i = 0; i < count; ++i) fill(out[i], i);
    return XR_SUCCESS;
}
// The same for strings (count includes the terminating zero).
XrResult fillString(uint32_t capacity, uint32_t* countOutput, char* buffer, const std::string& text);

}  // namespace oh::xrsim
