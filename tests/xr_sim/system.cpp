// The simulated system: one head-mounted display with a stereo view
// configuration, opaque blending, and the script's resolution.
#include <algorithm>
#include <cstdio>

#include "sim_api.h"
#include "sim_objects.h"
#include "sim_state.h"
#include "system.h"

namespace oh::xrsim {

XrResult lookupSystem(XrInstance instance, XrSystemId systemId, Instance** out) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (systemId != kSystemId || !live->systemQueried) return XR_ERROR_SYSTEM_INVALID;
    *out = live;
    return XR_SUCCESS;
}

XrResult xrGetSystem(XrInstance instance, const XrSystemGetInfo* info, XrSystemId* systemId) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (!info || !systemId || info->type != XR_TYPE_SYSTEM_GET_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (info->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY) return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
    if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY) return XR_ERROR_VALIDATION_FAILURE;
    if (!runtime().config().headsetPresent) return XR_ERROR_FORM_FACTOR_UNAVAILABLE;
    live->systemQueried = true;
    *systemId = kSystemId;
    return XR_SUCCESS;
}

XrResult xrGetSystemProperties(XrInstance instance, XrSystemId systemId, XrSystemProperties* properties) {
    Instance* live = nullptr;
    if (XrResult r = lookupSystem(instance, systemId, &live); r != XR_SUCCESS) return r;
    if (!properties || properties->type != XR_TYPE_SYSTEM_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
    properties->systemId = kSystemId;
    properties->vendorId = 0;
    std::snprintf(properties->systemName, sizeof properties->systemName, "OpenHouse simulated headset");
    properties->graphicsProperties = {kMaxSwapchainSize, kMaxSwapchainSize, kMaxLayerCount};
    properties->trackingProperties = {XR_TRUE, XR_TRUE};
    return XR_SUCCESS;
}

XrResult xrEnumerateEnvironmentBlendModes(XrInstance instance, XrSystemId systemId, XrViewConfigurationType type,
                                          uint32_t capacity, uint32_t* countOutput, XrEnvironmentBlendMode* modes) {
    Instance* live = nullptr;
    if (XrResult r = lookupSystem(instance, systemId, &live); r != XR_SUCCESS) return r;
    if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    return fillArray(capacity, countOutput, modes, 1,
                     [](XrEnvironmentBlendMode& out, uint32_t) { out = XR_ENVIRONMENT_BLEND_MODE_OPAQUE; });
}

XrResult xrEnumerateViewConfigurations(XrInstance instance, XrSystemId systemId, uint32_t capacity,
                                       uint32_t* countOutput, XrViewConfigurationType* types) {
    Instance* live = nullptr;
    if (XrResult r = lookupSystem(instance, systemId, &live); r != XR_SUCCESS) return r;
    return fillArray(capacity, countOutput, types, 1,
                     [](XrViewConfigurationType& out, uint32_t) { out = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO; });
}

XrResult xrGetViewConfigurationProperties(XrInstance instance, XrSystemId systemId, XrViewConfigurationType type,
                                          XrViewConfigurationProperties* properties) {
    Instance* live = nullptr;
    if (XrResult r = lookupSystem(instance, systemId, &live); r != XR_SUCCESS) return r;
    if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    if (!properties || properties->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
    properties->viewConfigurationType = type;
    properties->fovMutable = XR_TRUE;
    return XR_SUCCESS;
}

XrResult xrEnumerateViewConfigurationViews(XrInstance instance, XrSystemId systemId, XrViewConfigurationType type,
                                           uint32_t capacity, uint32_t* countOutput, XrViewConfigurationView* views) {
    Instance* live = nullptr;
    if (XrResult r = lookupSystem(instance, systemId, &live); r != XR_SUCCESS) return r;
    if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    if (capacity > 0 && views)
        for (uint32_t i = 0; i < std::min(capacity, 2u); ++i)
            if (views[i].type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    const SimConfig& config = runtime().config();
    return fillArray(capacity, countOutput, views, 2, [&](XrViewConfigurationView& out, uint32_t) {
        out.recommendedImageRectWidth = config.width;
        out.recommendedImageRectHeight = config.height;
        out.maxImageRectWidth = kMaxSwapchainSize;
        out.maxImageRectHeight = kMaxSwapchainSize;
        out.recommendedSwapchainSampleCount = 1;
        out.maxSwapchainSampleCount = 1;
    });
}

}  // namespace oh::xrsim
