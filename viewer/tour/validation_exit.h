// How `openhouse` commands end: a failure becomes one error line and its exit
// code; with validation on (OPENHOUSE_VALIDATION=1) every command ends through
// validationExitCode so that any validation message fails the run the same
// way, headless, windowed or in a headset.
#pragma once

#include "core/result.h"
#include "renderer/vk_context.h"

namespace oh::viewer {

// Logs the error's message (one line) and returns its exit code.
int reportFailure(const Error& error);

// kExitOk when `context` saw no validation message; otherwise logs how many
// (the messages themselves were logged as they came) and returns kExitValidation.
int validationExitCode(const gfx::GpuContext& context);

}  // namespace oh::viewer
