// The exit code of a run with Vulkan validation on (OPENHOUSE_VALIDATION=1):
// every `openhouse` command ends through here so that any validation message
// fails the run the same way, headless or windowed.
#pragma once

#include "renderer/vk_context.h"

namespace oh::viewer {

constexpr int kExitValidation = 5;

// kExitOk when `context` saw no validation message; otherwise logs how many
// (the messages themselves were logged as they came) and returns kExitValidation.
int validationExitCode(const gfx::GpuContext& context);

}  // namespace oh::viewer
