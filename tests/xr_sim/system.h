// Limits of the simulated system, and the system lookup entry points share.
#pragma once

#include "sim_objects.h"

namespace oh::xrsim {

constexpr uint32_t kMaxSwapchainSize = 4096;
constexpr uint32_t kMaxLayerCount = 16;

// The instance behind a handle when systemId is the one xrGetSystem returned.
XrResult lookupSystem(XrInstance instance, XrSystemId systemId, Instance** out);

}  // namespace oh::xrsim
