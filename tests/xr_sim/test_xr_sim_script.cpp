// The simulated headset follows its script: head keyframes, scripted input
// through suggested bindings (thresholds, shorthand paths), and the events
// (recenter, headset removed, session lost, runtime gone), all seen through
// the standard loader with the core validation layer.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kOut = OH_XR_SIM_TEST_OUT;

template <class Fn>
Fn xrFunction(XrInstance instance, const char* name) {
    PFN_xrVoidFunction function = nullptr;
    REQUIRE(xrGetInstanceProcAddr(instance, name, &function) == XR_SUCCESS);
    return reinterpret_cast<Fn>(function);
}

XrPath path(XrInstance instance, const char* text) {
    XrPath result = XR_NULL_PATH;
    REQUIRE(xrStringToPath(instance, text, &result) == XR_SUCCESS);
    return result;
}

struct Vulkan {
    VkInstance instance = VK_NULL_HANDLE;
    VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
    VkDevice device = VK_NULL_HANDLE;
};

XrInstance createInstance(XrResult* result) {
    const char* extensions[] = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
    XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
    std::strcpy(info.applicationInfo.applicationName, "xr_sim_script");
    info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    info.enabledExtensionCount = 1;
    info.enabledExtensionNames = extensions;
    XrInstance instance = XR_NULL_HANDLE;
    *result = xrCreateInstance(&info, &instance);
    return instance;
}

XrSystemId getSystem(XrInstance instance) {
    XrSystemGetInfo info{XR_TYPE_SYSTEM_GET_INFO, nullptr, XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY};
    XrSystemId system = XR_NULL_SYSTEM_ID;
    REQUIRE(xrGetSystem(instance, &info, &system) == XR_SUCCESS);
    return system;
}

Vulkan createVulkan(XrInstance instance, XrSystemId system) {
    XrGraphicsRequirementsVulkan2KHR requirements{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
    REQUIRE(xrFunction<PFN_xrGetVulkanGraphicsRequirements2KHR>(instance, "xrGetVulkanGraphicsRequirements2KHR")(
                instance, system, &requirements) == XR_SUCCESS);
    Vulkan vulkan;
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO, nullptr, "xr_sim_script", 1, nullptr, 0, VK_API_VERSION_1_1};
    VkInstanceCreateInfo instanceInfo{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO, nullptr, 0, &app};
    XrVulkanInstanceCreateInfoKHR xrInstanceInfo{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR, nullptr, system, 0,
                                                 &vkGetInstanceProcAddr, &instanceInfo, nullptr};
    VkResult vkResult = VK_ERROR_UNKNOWN;
    REQUIRE(xrFunction<PFN_xrCreateVulkanInstanceKHR>(instance, "xrCreateVulkanInstanceKHR")(
                instance, &xrInstanceInfo, &vulkan.instance, &vkResult) == XR_SUCCESS);
    REQUIRE(vkResult == VK_SUCCESS);
    XrVulkanGraphicsDeviceGetInfoKHR deviceGet{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR, nullptr, system,
                                               vulkan.instance};
    REQUIRE(xrFunction<PFN_xrGetVulkanGraphicsDevice2KHR>(instance, "xrGetVulkanGraphicsDevice2KHR")(
                instance, &deviceGet, &vulkan.physicalDevice) == XR_SUCCESS);
    float priority = 1.0f;
    VkDeviceQueueCreateInfo queue{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO, nullptr, 0, 0, 1, &priority};
    VkDeviceCreateInfo deviceInfo{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, nullptr, 0, 1, &queue};
    XrVulkanDeviceCreateInfoKHR xrDeviceInfo{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR, nullptr, system, 0,
                                             &vkGetInstanceProcAddr, vulkan.physicalDevice, &deviceInfo, nullptr};
    REQUIRE(xrFunction<PFN_xrCreateVulkanDeviceKHR>(instance, "xrCreateVulkanDeviceKHR")(
                instance, &xrDeviceInfo, &vulkan.device, &vkResult) == XR_SUCCESS);
    REQUIRE(vkResult == VK_SUCCESS);
    return vulkan;
}

XrSession createSession(XrInstance instance, XrSystemId system, const Vulkan& vulkan) {
    XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR, nullptr, vulkan.instance,
                                        vulkan.physicalDevice, vulkan.device, 0, 0};
    XrSessionCreateInfo info{XR_TYPE_SESSION_CREATE_INFO, &binding, 0, system};
    XrSession session = XR_NULL_HANDLE;
    REQUIRE(xrCreateSession(instance, &info, &session) == XR_SUCCESS);
    return session;
}

XrSpace referenceSpace(XrSession session, XrReferenceSpaceType type) {
    XrReferenceSpaceCreateInfo info{XR_TYPE_REFERENCE_SPACE_CREATE_INFO, nullptr, type, {{0, 0, 0, 1}, {0, 0, 0}}};
    XrSpace space = XR_NULL_HANDLE;
    REQUIRE(xrCreateReferenceSpace(session, &info, &space) == XR_SUCCESS);
    return space;
}

// The app side of the script: drains events, runs frames, samples actions.
struct App {
    XrInstance instance = XR_NULL_HANDLE;
    XrSession session = XR_NULL_HANDLE;
    XrActionSet set = XR_NULL_HANDLE;
    XrAction move = XR_NULL_HANDLE, select = XR_NULL_HANDLE, grab = XR_NULL_HANDLE, aim = XR_NULL_HANDLE;
    XrSessionState state = XR_SESSION_STATE_UNKNOWN;
    std::vector<XrStructureType> otherEvents;
    int64_t framesEnded = 0;  // as the runtime counts them
    XrTime displayTime = 0;   // of the last frame

    XrResult pollAll() {
        for (;;) {
            XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
            XrResult result = xrPollEvent(instance, &event);
            if (result != XR_SUCCESS) return result;
            if (event.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED)
                state = reinterpret_cast<XrEventDataSessionStateChanged&>(event).state;
            else otherEvents.push_back(event.type);
        }
    }
    // One frame: wait, begin, sync actions, end (no layers).
    XrResult frame() {
        XrFrameState frameState{XR_TYPE_FRAME_STATE};
        if (XrResult r = xrWaitFrame(session, nullptr, &frameState); r != XR_SUCCESS) return r;
        displayTime = frameState.predictedDisplayTime;
        REQUIRE(xrBeginFrame(session, nullptr) == XR_SUCCESS);
        XrActiveActionSet active{set, XR_NULL_PATH};
        XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO, nullptr, 1, &active};
        XrResult synced = xrSyncActions(session, &sync);
        CHECK((synced == XR_SUCCESS || synced == XR_SESSION_NOT_FOCUSED));
        XrFrameEndInfo end{XR_TYPE_FRAME_END_INFO, nullptr, displayTime, XR_ENVIRONMENT_BLEND_MODE_OPAQUE, 0, nullptr};
        REQUIRE(xrEndFrame(session, &end) == XR_SUCCESS);
        ++framesEnded;
        return XR_SUCCESS;
    }
    void runUntilFrame(int64_t target) {
        while (framesEnded < target) {
            REQUIRE(pollAll() == XR_EVENT_UNAVAILABLE);
            REQUIRE(frame() == XR_SUCCESS);
        }
    }
    void beginWhenReady() {
        for (int i = 0; i < 200 && state != XR_SESSION_STATE_READY; ++i) {
            pollAll();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        REQUIRE(state == XR_SESSION_STATE_READY);
        XrSessionBeginInfo begin{XR_TYPE_SESSION_BEGIN_INFO, nullptr, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
        REQUIRE(xrBeginSession(session, &begin) == XR_SUCCESS);
    }
    XrActionStateGetInfo get(XrAction action) const { return {XR_TYPE_ACTION_STATE_GET_INFO, nullptr, action, XR_NULL_PATH}; }
    XrVector2f moveValue() {
        XrActionStateVector2f value{XR_TYPE_ACTION_STATE_VECTOR2F};
        auto info = get(move);
        REQUIRE(xrGetActionStateVector2f(session, &info, &value) == XR_SUCCESS);
        return value.currentState;
    }
    bool selectValue() {
        XrActionStateBoolean value{XR_TYPE_ACTION_STATE_BOOLEAN};
        auto info = get(select);
        REQUIRE(xrGetActionStateBoolean(session, &info, &value) == XR_SUCCESS);
        return value.currentState;
    }
    float grabValue() {
        XrActionStateFloat value{XR_TYPE_ACTION_STATE_FLOAT};
        auto info = get(grab);
        REQUIRE(xrGetActionStateFloat(session, &info, &value) == XR_SUCCESS);
        return value.currentState;
    }
};

XrPosef locate(XrSpace space, XrSpace base, XrTime time) {
    XrSpaceLocation location{XR_TYPE_SPACE_LOCATION};
    REQUIRE(xrLocateSpace(space, base, time, &location) == XR_SUCCESS);
    CHECK((location.locationFlags & XR_SPACE_LOCATION_POSITION_TRACKED_BIT) != 0);
    return location.pose;
}

// Where a pose looks (its -Z) in its base space.
XrVector3f forward(const XrPosef& pose) {
    const XrQuaternionf& q = pose.orientation;
    // Rotate (0,0,-1) by q.
    return {-(2 * (q.x * q.z + q.w * q.y)), -(2 * (q.y * q.z - q.w * q.x)), -(1 - 2 * (q.x * q.x + q.y * q.y))};
}

}  // namespace

TEST_CASE("the simulated headset plays its script: poses, input through bindings, and headset events") {
    fs::remove_all(kOut);
    fs::create_directories(kOut);
    json config = {
        {"ipd", 0.064},
        {"headPose", {{{"frame", 0}, {"position", {0, 1.6, 0}}},
                      {{"frame", 20}, {"position", {1, 1.6, -1}}, {"yawDegrees", 90}}}},
        {"input", {{{"frame", 6}, {"path", "/user/hand/right/input/thumbstick"}, {"value", {0, 1}}},
                   {{"frame", 7}, {"path", "/user/hand/right/input/trigger/value"}, {"value", 0.7}},
                   {{"frame", 8}, {"path", "/user/hand/right/input/trigger/value"}, {"value", 0.45}},
                   {{"frame", 9}, {"path", "/user/hand/right/input/trigger/value"}, {"value", 0.3}},
                   {{"frame", 9}, {"path", "/user/hand/left/input/x/click"}, {"value", true}}}},
        {"events", {{{"frame", 30}, {"type", "recenter"}},
                    {{"frame", 40}, {"type", "headsetRemoved"}, {"durationMs", 300}},
                    {{"frame", 50}, {"type", "sessionLost"}},
                    {{"frame", 60}, {"type", "runtimeGone"}, {"durationMs", 500}}}}};
    std::ofstream(kOut / "config.json") << config.dump();
    setenv("XR_RUNTIME_JSON", OH_XR_SIM_MANIFEST, 1);
    setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
    setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
    setenv("XR_CORE_VALIDATION_FILE_NAME", (kOut / "core_validation.txt").c_str(), 1);
    setenv("OPENHOUSE_XR_SIM_CONFIG", (kOut / "config.json").c_str(), 1);
    setenv("OPENHOUSE_XR_SIM_OUT", (kOut / "sim").c_str(), 1);

    App app;
    XrResult created = XR_ERROR_RUNTIME_FAILURE;
    app.instance = createInstance(&created);
    REQUIRE(created == XR_SUCCESS);
    XrSystemId system = getSystem(app.instance);
    Vulkan vulkan = createVulkan(app.instance, system);
    app.session = createSession(app.instance, system, vulkan);

    // Actions, with bindings only real Touch controllers have.
    XrActionSetCreateInfo setInfo{XR_TYPE_ACTION_SET_CREATE_INFO, nullptr, "walk", "Walk", 0};
    REQUIRE(xrCreateActionSet(app.instance, &setInfo, &app.set) == XR_SUCCESS);
    auto makeAction = [&](XrActionType type, const char* name) {
        XrActionCreateInfo info{XR_TYPE_ACTION_CREATE_INFO, nullptr, "", type, 0, nullptr, ""};
        std::strcpy(info.actionName, name);
        std::strcpy(info.localizedActionName, name);
        XrAction action = XR_NULL_HANDLE;
        REQUIRE(xrCreateAction(app.set, &info, &action) == XR_SUCCESS);
        return action;
    };
    app.move = makeAction(XR_ACTION_TYPE_VECTOR2F_INPUT, "move");
    app.select = makeAction(XR_ACTION_TYPE_BOOLEAN_INPUT, "select");
    app.grab = makeAction(XR_ACTION_TYPE_FLOAT_INPUT, "grab");
    app.aim = makeAction(XR_ACTION_TYPE_POSE_INPUT, "aim");
    XrPath touch = path(app.instance, "/interaction_profiles/oculus/touch_controller");
    auto suggest = [&](XrPath profile, std::vector<XrActionSuggestedBinding> bindings) {
        XrInteractionProfileSuggestedBinding suggested{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING, nullptr, profile,
                                                       uint32_t(bindings.size()), bindings.data()};
        return xrSuggestInteractionProfileBindings(app.instance, &suggested);
    };
    CHECK(suggest(touch, {{app.select, path(app.instance, "/user/hand/left/input/a/click")}}) ==
          XR_ERROR_PATH_UNSUPPORTED);
    CHECK(suggest(path(app.instance, "/interaction_profiles/valve/index_controller"),
                  {{app.select, path(app.instance, "/user/hand/left/input/trackpad/click")}}) ==
          XR_ERROR_PATH_UNSUPPORTED);
    REQUIRE(suggest(touch, {{app.move, path(app.instance, "/user/hand/right/input/thumbstick")},
                            {app.select, path(app.instance, "/user/hand/right/input/trigger")},
                            {app.grab, path(app.instance, "/user/hand/left/input/x/click")},
                            {app.aim, path(app.instance, "/user/hand/right/input/aim/pose")}}) == XR_SUCCESS);
    XrSessionActionSetsAttachInfo attach{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO, nullptr, 1, &app.set};
    REQUIRE(xrAttachSessionActionSets(app.session, &attach) == XR_SUCCESS);
    XrInteractionProfileState profile{XR_TYPE_INTERACTION_PROFILE_STATE};
    REQUIRE(xrGetCurrentInteractionProfile(app.session, path(app.instance, "/user/hand/right"), &profile) == XR_SUCCESS);
    CHECK(profile.interactionProfile == touch);

    XrSpace stage = referenceSpace(app.session, XR_REFERENCE_SPACE_TYPE_STAGE);
    XrSpace local = referenceSpace(app.session, XR_REFERENCE_SPACE_TYPE_LOCAL);
    XrSpace view = referenceSpace(app.session, XR_REFERENCE_SPACE_TYPE_VIEW);
    XrActionSpaceCreateInfo aimInfo{XR_TYPE_ACTION_SPACE_CREATE_INFO, nullptr, app.aim, XR_NULL_PATH,
                                    {{0, 0, 0, 1}, {0, 0, 0}}};
    XrSpace aimSpace = XR_NULL_HANDLE;
    REQUIRE(xrCreateActionSpace(app.session, &aimInfo, &aimSpace) == XR_SUCCESS);

    app.beginWhenReady();
    {  // Scripted input through the bindings.
        app.runUntilFrame(6);
        CHECK(app.state == XR_SESSION_STATE_FOCUSED);
        CHECK(app.moveValue().y == 0.0f);
        app.runUntilFrame(7);  // synced while 6 frames had ended
        CHECK(app.moveValue().y == doctest::Approx(1.0f));
        app.runUntilFrame(8);
        CHECK(app.selectValue());  // trigger 0.7
        app.runUntilFrame(9);
        CHECK(app.selectValue());  // 0.45: still held (release below 0.4)
        CHECK(app.grabValue() == 0.0f);
        app.runUntilFrame(10);
        CHECK_FALSE(app.selectValue());  // 0.3
        CHECK(app.grabValue() == 1.0f);  // a click read as a float
        XrSpaceLocation aimLocation{XR_TYPE_SPACE_LOCATION};
        REQUIRE(xrLocateSpace(aimSpace, view, app.displayTime, &aimLocation) == XR_SUCCESS);
        CHECK((aimLocation.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) != 0);
        CHECK(aimLocation.pose.position.x > 0.0f);  // the right hand, in front and below
        CHECK(aimLocation.pose.position.y < 0.0f);
        CHECK(aimLocation.pose.position.z < 0.0f);
    }
    {  // Head keyframes, LOCAL, eye views.
        app.runUntilFrame(21);  // the last frame displayed frame 20 of the script
        XrPosef head = locate(view, stage, app.displayTime);
        CHECK(head.position.x == doctest::Approx(1.0f));
        CHECK(head.position.y == doctest::Approx(1.6f));
        CHECK(head.position.z == doctest::Approx(-1.0f));
        CHECK(forward(head).x == doctest::Approx(-1.0f).epsilon(0.001));  // yaw 90: looking down -X
        XrPosef inLocal = locate(view, local, app.displayTime);  // LOCAL: the head at frame 0
        CHECK(inLocal.position.x == doctest::Approx(1.0f));
        CHECK(inLocal.position.y == doctest::Approx(0.0f));
        XrViewLocateInfo locateInfo{XR_TYPE_VIEW_LOCATE_INFO, nullptr, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                    app.displayTime, stage};
        XrViewState viewState{XR_TYPE_VIEW_STATE};
        XrView views[2] = {{XR_TYPE_VIEW}, {XR_TYPE_VIEW}};
        uint32_t count = 0;
        REQUIRE(xrLocateViews(app.session, &locateInfo, &viewState, 2, &count, views) == XR_SUCCESS);
        REQUIRE(count == 2);
        float dz = views[1].pose.position.z - views[0].pose.position.z;
        CHECK(dz == doctest::Approx(-0.064f));  // eyes along the head's X, which now points to -Z
        CHECK(views[0].fov.angleLeft == doctest::Approx(-45.0 * M_PI / 180.0));
        CHECK(views[1].fov.angleRight == doctest::Approx(45.0 * M_PI / 180.0));
    }
    {  // Recenter moves LOCAL to the head.
        app.runUntilFrame(31);
        REQUIRE(app.pollAll() == XR_EVENT_UNAVAILABLE);
        CHECK(std::count(app.otherEvents.begin(), app.otherEvents.end(),
                         XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING) == 1);
        XrPosef inLocal = locate(view, local, app.displayTime);
        CHECK(inLocal.position.x == doctest::Approx(0.0f).epsilon(0.001));
        CHECK(inLocal.position.z == doctest::Approx(0.0f).epsilon(0.001));
        CHECK(forward(inLocal).z == doctest::Approx(-1.0f).epsilon(0.001));
    }
    {  // Headset taken off and put back on.
        app.runUntilFrame(40);
        REQUIRE(app.pollAll() == XR_EVENT_UNAVAILABLE);
        CHECK(app.state == XR_SESSION_STATE_STOPPING);
        auto removedAt = std::chrono::steady_clock::now();
        REQUIRE(xrEndSession(app.session) == XR_SUCCESS);
        REQUIRE(app.pollAll() == XR_EVENT_UNAVAILABLE);
        CHECK(app.state == XR_SESSION_STATE_IDLE);
        app.beginWhenReady();
        CHECK(std::chrono::steady_clock::now() - removedAt >= std::chrono::milliseconds(250));
        app.runUntilFrame(45);
        CHECK(app.state == XR_SESSION_STATE_FOCUSED);
    }
    {  // Session lost: destroy it, make a new one.
        app.runUntilFrame(50);
        REQUIRE(app.pollAll() == XR_EVENT_UNAVAILABLE);
        CHECK(app.state == XR_SESSION_STATE_LOSS_PENDING);
        XrFrameState frameState{XR_TYPE_FRAME_STATE};
        CHECK(xrWaitFrame(app.session, nullptr, &frameState) == XR_ERROR_SESSION_LOST);
        REQUIRE(xrDestroySession(app.session) == XR_SUCCESS);
        app.session = createSession(app.instance, system, vulkan);
        REQUIRE(xrAttachSessionActionSets(app.session, &attach) == XR_SUCCESS);
        app.beginWhenReady();
    }
    {  // Runtime gone for a while.
        app.runUntilFrame(60);
        CHECK(app.pollAll() == XR_ERROR_INSTANCE_LOST);
        CHECK(std::count(app.otherEvents.begin(), app.otherEvents.end(), XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING) == 1);
        REQUIRE(xrDestroyInstance(app.instance) == XR_SUCCESS);
        vkDestroyDevice(vulkan.device, nullptr);
        vkDestroyInstance(vulkan.instance, nullptr);
        XrResult again = XR_SUCCESS;
        createInstance(&again);
        // The runtime refuses with XR_ERROR_RUNTIME_UNAVAILABLE (the loader
        // passes it through); the 1.0.20 core validation layer turns any
        // refused xrCreateInstance into XR_ERROR_INITIALIZATION_FAILED.
        CHECK((again == XR_ERROR_RUNTIME_UNAVAILABLE || again == XR_ERROR_INITIALIZATION_FAILED));
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        XrInstance back = createInstance(&again);
        REQUIRE(again == XR_SUCCESS);
        getSystem(back);
        CHECK(xrDestroyInstance(back) == XR_SUCCESS);
    }

    std::ifstream validation(kOut / "core_validation.txt");
    std::string entries((std::istreambuf_iterator<char>(validation)), std::istreambuf_iterator<char>());
    CHECK_MESSAGE(entries.find("VALID_ERROR") == std::string::npos, entries);
    CHECK_MESSAGE(entries.find("VALID_WARNING") == std::string::npos, entries);
}
