// Loader interface of the simulated runtime: negotiation, the function
// table behind xrGetInstanceProcAddr (every call serialised by the runtime
// lock, no exception escapes), the instance, strings and paths.
#include <cstdio>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include <openxr/openxr_reflection.h>

#include "sim_api.h"
#include "sim_objects.h"
#include "sim_state.h"

namespace oh::xrsim {
namespace {

// Both deliberately never destroyed: an app that exits without
// xrDestroyInstance must not have its Vulkan objects freed after its device.
std::unique_ptr<Instance>& liveInstance() {
    static auto* instance = new std::unique_ptr<Instance>();
    return *instance;
}

std::unordered_map<const void*, ObjectKind>& liveObjects() {
    static auto* objects = new std::unordered_map<const void*, ObjectKind>();
    return *objects;
}

template <auto Fn>
struct Locked;
template <class... Args, XrResult (*Fn)(Args...)>
struct Locked<Fn> {
    static XrResult XRAPI_CALL call(Args... args) {
        try {
            std::lock_guard lock(runtimeMutex());
            return Fn(args...);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "openhouse_xr_sim: internal error: %s\n", e.what());
            return XR_ERROR_RUNTIME_FAILURE;
        }
    }
};

struct FunctionEntry {
    PFN_xrVoidFunction function;
    const char* extension;  // null: core
    bool global;
};

const std::unordered_map<std::string_view, FunctionEntry>& functionTable() {
#define OH_ENTRY(name, extension, global) \
    {#name, {reinterpret_cast<PFN_xrVoidFunction>(&Locked<&name>::call), extension, global}},
#define OH_GLOBAL(name) OH_ENTRY(name, nullptr, true)
#define OH_CORE(name) OH_ENTRY(name, nullptr, false)
#define OH_VULKAN2(name) OH_ENTRY(name, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, false)
#define OH_TIMESPEC(name) OH_ENTRY(name, XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME, false)
    static const std::unordered_map<std::string_view, FunctionEntry> table{
        OH_XR_SIM_GLOBAL_FUNCTIONS(OH_GLOBAL) OH_XR_SIM_CORE_FUNCTIONS(OH_CORE)
        OH_XR_SIM_VULKAN_ENABLE2_FUNCTIONS(OH_VULKAN2) OH_XR_SIM_TIMESPEC_FUNCTIONS(OH_TIMESPEC)
        {"xrGetInstanceProcAddr", {reinterpret_cast<PFN_xrVoidFunction>(&Locked<&xrGetInstanceProcAddr>::call), nullptr, true}},
        // Sleeps in paced mode, so it takes the lock itself.
        {"xrWaitFrame", {reinterpret_cast<PFN_xrVoidFunction>(&xrWaitFrame), nullptr, false}},
    };
#undef OH_ENTRY
#undef OH_GLOBAL
#undef OH_CORE
#undef OH_VULKAN2
#undef OH_TIMESPEC
    return table;
}

std::vector<const char*> offeredExtensions() {
    std::vector<const char*> names{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME};
    // Only the script decides this one; read it without starting an instance.
    std::string ignored;
    auto config = loadSimConfig(&ignored);
    if (!config || config->depthLayerExtension) names.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    return names;
}

uint32_t extensionVersion(std::string_view name) {
    if (name == XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME) return XR_KHR_vulkan_enable2_SPEC_VERSION;
    if (name == XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME) return XR_KHR_convert_timespec_time_SPEC_VERSION;
    return XR_KHR_composition_layer_depth_SPEC_VERSION;
}

bool isValidPathString(std::string_view path) {
    if (path.size() < 2 || path.size() >= XR_MAX_PATH_LENGTH || path.front() != '/' || path.back() == '/')
        return false;
    for (size_t i = 0; i < path.size(); ++i) {
        char c = path[i];
        bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '/';
        if (!allowed || (c == '/' && i + 1 < path.size() && path[i + 1] == '/')) return false;
    }
    return path.find("/./") == std::string_view::npos && path.find("/../") == std::string_view::npos &&
           !path.ends_with("/.") && !path.ends_with("/..");
}

}  // namespace

Object::Object(ObjectKind objectKind) : kind(objectKind) { liveObjects()[this] = objectKind; }

Object::~Object() { liveObjects().erase(this); }

Object* findObject(const void* handle, ObjectKind kind) {
    auto found = liveObjects().find(handle);
    if (!handle || found == liveObjects().end() || found->second != kind) return nullptr;
    return static_cast<Object*>(const_cast<void*>(handle));
}

Instance::~Instance() {
    session.reset();
    actionSets.clear();
}

bool Instance::hasExtension(const char* name) const {
    for (const auto& enabled : extensions)
        if (enabled == name) return true;
    return false;
}

XrResult checkInstance(const Instance& instance) { return instance.lost ? XR_ERROR_INSTANCE_LOST : XR_SUCCESS; }

XrResult checkSession(const Session& session) {
    if (session.instance->lost) return XR_ERROR_INSTANCE_LOST;
    return session.lost ? XR_ERROR_SESSION_LOST : XR_SUCCESS;
}

XrResult fillString(uint32_t capacity, uint32_t* countOutput, char* buffer, const std::string& text) {
    return fillArray(capacity, countOutput, buffer, static_cast<uint32_t>(text.size() + 1),
                     [&](char& out, uint32_t i) { out = i < text.size() ? text[i] : '\0'; });
}

XrResult xrGetInstanceProcAddr(XrInstance instance, const char* name, PFN_xrVoidFunction* function) {
    if (!name || !function) return XR_ERROR_VALIDATION_FAILURE;
    *function = nullptr;
    auto found = functionTable().find(name);
    if (found != functionTable().end() && found->second.global) {
        *function = found->second.function;
        return XR_SUCCESS;
    }
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (found == functionTable().end()) return XR_ERROR_FUNCTION_UNSUPPORTED;
    if (found->second.extension && !live->hasExtension(found->second.extension)) return XR_ERROR_FUNCTION_UNSUPPORTED;
    *function = found->second.function;
    return XR_SUCCESS;
}

XrResult xrEnumerateApiLayerProperties(uint32_t capacity, uint32_t* countOutput, XrApiLayerProperties*) {
    return fillArray(capacity, countOutput, static_cast<XrApiLayerProperties*>(nullptr), 0, [](auto&, uint32_t) {});
}

XrResult xrEnumerateInstanceExtensionProperties(const char* layerName, uint32_t capacity, uint32_t* countOutput,
                                                XrExtensionProperties* properties) {
    if (layerName && *layerName) return XR_ERROR_API_LAYER_NOT_PRESENT;
    auto names = offeredExtensions();
    return fillArray(capacity, countOutput, properties, static_cast<uint32_t>(names.size()),
                     [&](XrExtensionProperties& out, uint32_t i) {
                         if (out.type != XR_TYPE_EXTENSION_PROPERTIES) return;
                         std::snprintf(out.extensionName, sizeof out.extensionName, "%s", names[i]);
                         out.extensionVersion = extensionVersion(names[i]);
                     });
}

XrResult xrCreateInstance(const XrInstanceCreateInfo* info, XrInstance* instance) {
    if (!info || !instance || info->type != XR_TYPE_INSTANCE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    XrVersion version = info->applicationInfo.apiVersion;
    if (XR_VERSION_MAJOR(version) != 1 || XR_VERSION_MINOR(version) != 0) return XR_ERROR_API_VERSION_UNSUPPORTED;
    if (info->applicationInfo.applicationName[0] == '\0') return XR_ERROR_NAME_INVALID;
    auto offered = offeredExtensions();
    for (uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
        bool known = false;
        for (const char* name : offered) known = known || std::strcmp(name, info->enabledExtensionNames[i]) == 0;
        if (!known) return XR_ERROR_EXTENSION_NOT_PRESENT;
    }
    if (liveInstance()) return XR_ERROR_LIMIT_REACHED;
    std::string error;
    if (!runtime().startInstance(&error)) {
        std::fprintf(stderr, "openhouse_xr_sim: %s\n", error.c_str());
        return XR_ERROR_RUNTIME_FAILURE;
    }
    if (monotonicNs() < runtime().progress().runtimeGoneUntilNs) return XR_ERROR_RUNTIME_UNAVAILABLE;
    auto created = std::make_unique<Instance>();
    for (uint32_t i = 0; i < info->enabledExtensionCount; ++i) created->extensions.push_back(info->enabledExtensionNames[i]);
    *instance = toHandle<XrInstance>(created.get());
    liveInstance() = std::move(created);
    return XR_SUCCESS;
}

XrResult xrDestroyInstance(XrInstance instance) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    liveInstance().reset();
    runtime().saveProgress();
    return XR_SUCCESS;
}

XrResult xrGetInstanceProperties(XrInstance instance, XrInstanceProperties* properties) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (!properties || properties->type != XR_TYPE_INSTANCE_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
    properties->runtimeVersion = XR_MAKE_VERSION(1, 0, 0);
    std::snprintf(properties->runtimeName, sizeof properties->runtimeName, "OpenHouse simulated headset");
    return XR_SUCCESS;
}

XrResult xrResultToString(XrInstance instance, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE]) {
    if (!lookup<Instance>(instance)) return XR_ERROR_HANDLE_INVALID;
    const char* name = nullptr;
    switch (value) {
#define OH_RESULT_CASE(n, v) \
    case n: name = #n; break;
        XR_LIST_ENUM_XrResult(OH_RESULT_CASE)
#undef OH_RESULT_CASE
        default: break;
    }
    if (name) std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "%s", name);
    else std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "XR_UNKNOWN_%s_%d", value < 0 ? "FAILURE" : "SUCCESS", value);
    return XR_SUCCESS;
}

XrResult xrStructureTypeToString(XrInstance instance, XrStructureType value,
                                 char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
    if (!lookup<Instance>(instance)) return XR_ERROR_HANDLE_INVALID;
    const char* name = nullptr;
    switch (value) {
#define OH_TYPE_CASE(n, v) \
    case n: name = #n; break;
        XR_LIST_ENUM_XrStructureType(OH_TYPE_CASE)
#undef OH_TYPE_CASE
        default: break;
    }
    if (name) std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "%s", name);
    else std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "XR_UNKNOWN_STRUCTURE_TYPE_%d", value);
    return XR_SUCCESS;
}

XrResult xrStringToPath(XrInstance instance, const char* pathString, XrPath* path) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (!pathString || !path) return XR_ERROR_VALIDATION_FAILURE;
    if (!isValidPathString(pathString)) return XR_ERROR_PATH_FORMAT_INVALID;
    *path = runtime().pathFor(pathString);
    return XR_SUCCESS;
}

XrResult xrPathToString(XrInstance instance, XrPath path, uint32_t capacity, uint32_t* countOutput, char* buffer) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    const std::string* text = runtime().pathString(path);
    if (!text) return XR_ERROR_PATH_INVALID;
    return fillString(capacity, countOutput, buffer, *text);
}

XrResult xrConvertTimespecTimeToTimeKHR(XrInstance instance, const timespec* timespecTime, XrTime* time) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (!timespecTime || !time) return XR_ERROR_VALIDATION_FAILURE;
    // XrTime is CLOCK_MONOTONIC in nanoseconds.
    *time = XrTime{timespecTime->tv_sec} * 1000000000 + timespecTime->tv_nsec;
    return *time > 0 ? XR_SUCCESS : XR_ERROR_TIME_INVALID;
}

XrResult xrConvertTimeToTimespecTimeKHR(XrInstance instance, XrTime time, timespec* timespecTime) {
    Instance* live = lookup<Instance>(instance);
    if (!live) return XR_ERROR_HANDLE_INVALID;
    if (XrResult r = checkInstance(*live); r != XR_SUCCESS) return r;
    if (!timespecTime) return XR_ERROR_VALIDATION_FAILURE;
    if (time <= 0) return XR_ERROR_TIME_INVALID;
    timespecTime->tv_sec = time / 1000000000;
    timespecTime->tv_nsec = time % 1000000000;
    return XR_SUCCESS;
}

}  // namespace oh::xrsim

// Loader negotiation (loader-runtime interface version 1). The 1.0.20 SDK
// ships no openxr_loader_negotiation.h, so the structs are declared here as
// the loader specification defines them.
namespace {
enum XrLoaderInterfaceStructs {
    XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
    XR_LOADER_INTERFACE_STRUCT_LOADER_INFO,
    XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST,
    XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST,
};
struct XrNegotiateLoaderInfo {
    XrLoaderInterfaceStructs structType;
    uint32_t structVersion;
    size_t structSize;
    uint32_t minInterfaceVersion;
    uint32_t maxInterfaceVersion;
    XrVersion minApiVersion;
    XrVersion maxApiVersion;
};
struct XrNegotiateRuntimeRequest {
    XrLoaderInterfaceStructs structType;
    uint32_t structVersion;
    size_t structSize;
    uint32_t runtimeInterfaceVersion;
    XrVersion runtimeApiVersion;
    PFN_xrGetInstanceProcAddr getInstanceProcAddr;
};
constexpr uint32_t kLoaderRuntimeInterfaceVersion = 1;
}  // namespace

extern "C" __attribute__((visibility("default"))) XrResult XRAPI_CALL
xrNegotiateLoaderRuntimeInterface(const XrNegotiateLoaderInfo* loaderInfo, XrNegotiateRuntimeRequest* request) {
    if (!loaderInfo || !request || loaderInfo->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
        loaderInfo->structVersion != 1 || loaderInfo->structSize != sizeof(XrNegotiateLoaderInfo) ||
        request->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST || request->structVersion != 1 ||
        request->structSize != sizeof(XrNegotiateRuntimeRequest) ||
        loaderInfo->minInterfaceVersion > kLoaderRuntimeInterfaceVersion ||
        loaderInfo->maxInterfaceVersion < kLoaderRuntimeInterfaceVersion ||
        XR_VERSION_MAJOR(loaderInfo->minApiVersion) > 1 || XR_VERSION_MAJOR(loaderInfo->maxApiVersion) < 1)
        return XR_ERROR_INITIALIZATION_FAILED;
    request->runtimeInterfaceVersion = kLoaderRuntimeInterfaceVersion;
    request->runtimeApiVersion = XR_MAKE_VERSION(1, 0, 20);
    request->getInstanceProcAddr = &oh::xrsim::Locked<&oh::xrsim::xrGetInstanceProcAddr>::call;
    return XR_SUCCESS;
}
