// Checks for Vulkan calls. OH_VK_TRY propagates a failure as an oh::Error from
// a function returning Result/Status (setup paths); OH_VK_CHECK is for calls
// that must not fail mid-frame: it logs the expression, the VkResult's name
// and file:line, then aborts — in release builds too.
#pragma once

#include <vulkan/vulkan.h>

#include <string>

#include "core/result.h"

namespace oh::gfx {

const char* vkResultName(VkResult result);

// "vkCreateDevice failed: VK_ERROR_INITIALIZATION_FAILED (renderer/vk_context.cpp:120)"
Error vkError(const char* expression, VkResult result, const char* file, int line);

[[noreturn]] void vkFatal(const char* expression, VkResult result, const char* file, int line);

}  // namespace oh::gfx

#define OH_VK_TRY(expr)                                                                  \
    do {                                                                                 \
        VkResult ohVkResult_ = (expr);                                                   \
        if (ohVkResult_ < 0) return ::oh::gfx::vkError(#expr, ohVkResult_, __FILE__, __LINE__); \
    } while (0)

#define OH_VK_CHECK(expr)                                                                \
    do {                                                                                 \
        VkResult ohVkResult_ = (expr);                                                   \
        if (ohVkResult_ < 0) ::oh::gfx::vkFatal(#expr, ohVkResult_, __FILE__, __LINE__); \
    } while (0)
