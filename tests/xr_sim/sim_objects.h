// The OpenXR objects of the simulated runtime. A handle is the address of its
// object; every entry point validates it against the registry of live
// objects (XR_ERROR_HANDLE_INVALID) and checks loss (instance/session lost).
// Parents own their children: destroying one destroys what it made.
#pragma once

#include <array>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim_pose.h"
#include "xr_headers.h"

namespace oh::xrsim {

enum class ObjectKind { Instance, Session, Space, Swapchain, ActionSet, Action };

struct Object {
    explicit Object(ObjectKind kind);
    ~Object();
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;
    ObjectKind kind;
};

// The live object behind a handle, or null.
Object* findObject(const void* handle, ObjectKind kind);

template <class T, class Handle>
T* lookup(Handle handle) {
    return static_cast<T*>(findObject(reinterpret_cast<const void*>(handle), T::kKind));
}
template <class Handle, class T>
Handle toHandle(T* object) {
    return reinterpret_cast<Handle>(static_cast<Object*>(object));
}

struct Instance;
struct Session;
struct ActionSet;

// One hardware input or output an action is bound to, for the session's
// interaction profile.
enum class SourceKind { Boolean, Float, Axis2, AxisComponent, Pose, Haptic };
struct BoundSource {
    XrPath path = XR_NULL_PATH;      // full leaf path, e.g. .../trigger/value
    XrPath userPath = XR_NULL_PATH;  // /user/hand/left
    SourceKind kind = SourceKind::Float;
    bool pressed = false;            // threshold state when a bool action reads a value
};

struct ActionStateValue {
    bool isActive = false;
    bool changedSinceLastSync = false;
    XrTime lastChangeTime = 0;
    glm::vec2 value{0.0f};  // bool/float in x
};

struct Action : Object {
    static constexpr ObjectKind kKind = ObjectKind::Action;
    Action() : Object(kKind) {}
    ~Action();
    ActionSet* set = nullptr;
    std::string name, localizedName;
    XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
    std::vector<XrPath> subactionPaths;
    std::vector<BoundSource> sources;              // for the attached session
    std::map<XrPath, ActionStateValue> states;     // XR_NULL_PATH: all subaction paths
};

struct ActionSet : Object {
    static constexpr ObjectKind kKind = ObjectKind::ActionSet;
    ActionSet() : Object(kKind) {}
    Instance* instance = nullptr;
    std::string name, localizedName;
    uint32_t priority = 0;
    bool everAttached = false;
    std::vector<std::unique_ptr<Action>> actions;
};

struct Space : Object {
    static constexpr ObjectKind kKind = ObjectKind::Space;
    Space() : Object(kKind) {}
    Session* session = nullptr;
    XrReferenceSpaceType referenceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    Action* action = nullptr;  // action space when set; cleared when the action dies
    bool isActionSpace = false;
    XrPath subactionPath = XR_NULL_PATH;
    Pose offset;
};

struct Swapchain : Object {
    static constexpr ObjectKind kKind = ObjectKind::Swapchain;
    Swapchain() : Object(kKind) {}
    ~Swapchain();
    Session* session = nullptr;
    uint64_t id = 0;  // small number for the logs
    XrSwapchainCreateInfo info{};
    VkFormat format = VK_FORMAT_UNDEFINED;
    VkImageAspectFlags aspect = 0;
    VkImageLayout acquiredLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    std::vector<VkImage> images;
    std::vector<VkDeviceMemory> memory;
    // Call order: acquired in FIFO, the oldest one waited, then released.
    std::deque<uint32_t> acquired;
    bool oldestWaited = false;
    uint32_t nextImage = 0;
    uint32_t acquireCount = 0;
    int lastReleased = -1;
};

// What is needed to read back one eye (or quad) of a submitted layer later.
struct CaptureSource {
    Swapchain* swapchain = nullptr;
    uint32_t image = 0, arrayIndex = 0;
    XrRect2Di rect{};
    bool opaque = true;
};

struct Session : Object {
    static constexpr ObjectKind kKind = ObjectKind::Session;
    Session() : Object(kKind) {}
    ~Session();
    Instance* instance = nullptr;
    // Vulkan, from the graphics binding.
    VkInstance vkInstance = VK_NULL_HANDLE;
    VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
    VkDevice device = VK_NULL_HANDLE;
    VkQueue queue = VK_NULL_HANDLE;
    uint32_t queueFamilyIndex = 0;
    VkCommandPool commandPool = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    // Lifecycle.
    XrSessionState state = XR_SESSION_STATE_UNKNOWN;
    bool running = false;
    bool exitRequested = false;
    bool waitingForHeadset = false;
    bool lossPending = false, lost = false;
    int framesSinceBegin = 0;
    Pose localOrigin;  // LOCAL in STAGE
    // Frame loop.
    int waitedFrames = 0;
    bool frameBegun = false;
    XrTime lastPredictedTime = 0;
    std::vector<CaptureSource> lastProjection;  // for captureLast
    // Input.
    std::vector<ActionSet*> attachedSets;
    XrPath interactionProfile = XR_NULL_PATH;
    std::vector<std::unique_ptr<Space>> spaces;
    std::vector<std::unique_ptr<Swapchain>> swapchains;
};

struct QueuedEvent {
    XrEventDataBuffer data{};
    Session* session = nullptr;  // dropped if this session is destroyed first
    std::string logName;         // session.jsonl "event"
    std::string state;           // for state changes
};

struct Instance : Object {
    static constexpr ObjectKind kKind = ObjectKind::Instance;
    Instance() : Object(kKind) {}
    ~Instance();  // the session first: it refers to action sets
    std::vector<std::string> extensions;
    bool lossPending = false, lost = false;
    bool graphicsRequirementsQueried = false;
    bool systemQueried = false;
    VkInstance vkInstance = VK_NULL_HANDLE;              // from xrGetVulkanGraphicsDevice2KHR
    VkPhysicalDevice vkPhysicalDevice = VK_NULL_HANDLE;  // the one we chose
    std::deque<QueuedEvent> events;
    std::map<XrPath, std::vector<std::pair<Action*, XrPath>>> suggestedBindings;  // by profile
    std::vector<std::unique_ptr<ActionSet>> actionSets;
    std::unique_ptr<Session> session;  // one at a time
    bool hasExtension(const char* name) const;
};

constexpr XrSystemId kSystemId = 1;

// Loss checks for entry points: XR_SUCCESS or the loss error.
XrResult checkInstance(const Instance& instance);
XrResult checkSession(const Session& session);

}  // namespace oh::xrsim
