// The OpenXR headers as the simulated runtime includes them: no prototypes
// (the runtime defines its own functions under the same names, in its
// namespace), with the Vulkan binding and timespec conversion types.
#pragma once

#ifndef XR_NO_PROTOTYPES
#define XR_NO_PROTOTYPES
#endif
#define XR_USE_GRAPHICS_API_VULKAN
#define XR_USE_TIMESPEC
#include <time.h>
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
