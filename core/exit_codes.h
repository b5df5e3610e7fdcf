// Every OpenHouse program's exit codes, in one table. The README documents
// them once; Error::exitCode (core/result.h) carries them from the module that
// failed to main(), so a front end never parses a message to choose one.
#pragma once

namespace oh {

enum ExitCode : int {
    kExitOk = 0,
    kExitBadInput = 2,    // the input is missing or malformed; the one error line names the file and the problem
    kExitNoDevice = 3,    // no usable GPU, driver, window system or headset runtime for what was asked
    kExitIo = 4,          // an output cannot be written (nothing half-written is left behind)
    kExitValidation = 5,  // Vulkan or OpenXR validation reported something (OPENHOUSE_VALIDATION=1)
    kExitUntrusted = 6,   // a tour bundle's bytes changed after packing or signing, or its signer is not trusted

    // The viewer's own outcomes. They never end the process: `openhouse`
    // falls back to the next way of showing the tour (headset → window →
    // preview images), so each means "try the next one".
    kExitNoDisplay = 10,    // no window can be opened (no display)
    kExitNoXrRuntime = 11,  // no OpenXR runtime installed or active, or it failed to start
    kExitNoHeadset = 12,    // a runtime, but no headset connected
};

}  // namespace oh
