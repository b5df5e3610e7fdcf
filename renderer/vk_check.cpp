#include "renderer/vk_check.h"

#include <cstdio>
#include <cstdlib>

#include "core/log.h"

namespace oh::gfx {

const char* vkResultName(VkResult result) {
    switch (result) {
#define OH_CASE(name) case name: return #name;
        OH_CASE(VK_SUCCESS)
        OH_CASE(VK_NOT_READY)
        OH_CASE(VK_TIMEOUT)
        OH_CASE(VK_EVENT_SET)
        OH_CASE(VK_EVENT_RESET)
        OH_CASE(VK_INCOMPLETE)
        OH_CASE(VK_SUBOPTIMAL_KHR)
        OH_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
        OH_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
        OH_CASE(VK_ERROR_INITIALIZATION_FAILED)
        OH_CASE(VK_ERROR_DEVICE_LOST)
        OH_CASE(VK_ERROR_MEMORY_MAP_FAILED)
        OH_CASE(VK_ERROR_LAYER_NOT_PRESENT)
        OH_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
        OH_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
        OH_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
        OH_CASE(VK_ERROR_TOO_MANY_OBJECTS)
        OH_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
        OH_CASE(VK_ERROR_FRAGMENTED_POOL)
        OH_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
        OH_CASE(VK_ERROR_SURFACE_LOST_KHR)
        OH_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
        OH_CASE(VK_ERROR_OUT_OF_DATE_KHR)
        OH_CASE(VK_ERROR_VALIDATION_FAILED_EXT)
#undef OH_CASE
        default: return "VK_ERROR_(unknown)";
    }
}

Error vkError(const char* expression, VkResult result, const char* file, int line) {
    std::string message = std::string(expression) + " failed: " + vkResultName(result) + " (" + file + ":" +
                          std::to_string(line) + ")";
    int exitCode = result == VK_ERROR_INCOMPATIBLE_DRIVER || result == VK_ERROR_INITIALIZATION_FAILED ||
                           result == VK_ERROR_EXTENSION_NOT_PRESENT || result == VK_ERROR_FEATURE_NOT_PRESENT
                       ? kExitNoDevice
                       : kExitIo;
    return makeError(std::move(message), exitCode);
}

void vkFatal(const char* expression, VkResult result, const char* file, int line) {
    OH_LOG_ERROR("%s failed: %s (%s:%d)", expression, vkResultName(result), file, line);
    std::abort();
}

}  // namespace oh::gfx
