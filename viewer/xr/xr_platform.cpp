#include "viewer/xr/xr_platform.h"

#include <openxr/openxr_reflection.h>

namespace oh::viewer {

const char* xrResultName(XrResult result) {
    switch (result) {
#define OH_XR_RESULT_CASE(name, value) \
    case name:                         \
        return #name;
        XR_LIST_ENUM_XrResult(OH_XR_RESULT_CASE)
#undef OH_XR_RESULT_CASE
        default:
            return "an unknown XrResult";
    }
}

Error xrError(const char* expression, XrResult result, const char* file, int line) {
    std::string call(expression);
    if (size_t paren = call.find('('); paren != std::string::npos) call.resize(paren);
    return makeError(call + " failed: " + xrResultName(result) + " (" + file + ":" + std::to_string(line) + ")",
                     kExitNoDevice);
}

}  // namespace oh::viewer
