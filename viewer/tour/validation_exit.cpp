#include "viewer/tour/validation_exit.h"

#include "core/log.h"

namespace oh::viewer {

int reportFailure(const Error& error) {
    OH_LOG_ERROR("%s", error.message.c_str());
    return error.exitCode;
}

// Validation is a correctness check: a run that produced any message fails,
// even though the image it made may look right.
int validationExitCode(const gfx::GpuContext& context) {
    uint32_t messages = context.validationMessageCount();
    if (messages == 0) return kExitOk;
    OH_LOG_ERROR("%u Vulkan validation message(s) (see above)", messages);
    return kExitValidation;
}

}  // namespace oh::viewer
