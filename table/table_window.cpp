#include "table/table_window.h"

#include <SDL2/SDL_vulkan.h>

#include <algorithm>
#include <vector>

#include "core/log.h"
#include "renderer/vk_check.h"

namespace oh::table {

Result<std::unique_ptr<TableWindow>> TableWindow::create(const TableWindowOptions& options) {
    std::unique_ptr<TableWindow> window(new TableWindow(options));
    OH_TRY(window->init());
    return window;
}

Status TableWindow::init() {
    // A touch is a touch: SDL would otherwise also report the first finger
    // as the mouse, and the gestures would see every tap twice.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    // The table may stand idle for hours in front of customers.
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return makeError(std::string("no display: ") + SDL_GetError(), kExitNoDisplay);
    m_sdl = true;

    Uint32 flags = SDL_WINDOW_VULKAN | SDL_WINDOW_HIDDEN | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (m_options.fullScreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    m_window = SDL_CreateWindow(m_options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                m_options.width, m_options.height, flags);
    if (!m_window) return makeError(std::string("cannot open a window: ") + SDL_GetError(), kExitNoDisplay);

    unsigned extensionCount = 0;
    if (!SDL_Vulkan_GetInstanceExtensions(m_window, &extensionCount, nullptr))
        return makeError(std::string("cannot use Vulkan with this display: ") + SDL_GetError(), kExitNoDevice);
    std::vector<const char*> extensions(extensionCount);
    SDL_Vulkan_GetInstanceExtensions(m_window, &extensionCount, extensions.data());
    gfx::ContextOptions contextOptions;
    contextOptions.instanceExtensions.assign(extensions.begin(), extensions.end());
    contextOptions.deviceExtensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
    // SDL cannot ask the display about a queue before there is a surface;
    // SurfaceFrames checks the chosen queue against the surface instead.
    auto context = gfx::GpuContext::create(contextOptions);
    if (!context) return context.error();
    m_context = std::move(context.value());

    VkSurfaceKHR surface = VK_NULL_HANDLE;
    if (!SDL_Vulkan_CreateSurface(m_window, m_context->instance(), &surface))
        return makeError(std::string("cannot draw into the window with Vulkan: ") + SDL_GetError(), kExitNoDevice);
    // The table is a 2D interface: ImGui's colours and the map's tiles are sRGB
    // values, blended as such, written to the window unconverted.
    auto frames = viewer::SurfaceFrames::create(*m_context, surface, kFramesInFlight, viewer::SurfaceEncoding::Unorm);
    if (!frames) return frames.error();
    m_frames = std::move(frames.value());
    return ok();
}

TableWindow::~TableWindow() {
    waitIdle();
    m_frames.reset();
    m_context.reset();
    if (m_window) SDL_DestroyWindow(m_window);
    if (m_sdl) SDL_Quit();
}

void TableWindow::waitIdle() {
    if (m_frames) m_frames->waitIdle();
}

gfx::RendererOptions TableWindow::rendererOptions() const {
    gfx::RendererOptions options;
    options.colorFormat = m_frames->colorFormat();
    options.viewCount = 1;
    options.finalLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    options.framesInFlight = kFramesInFlight;
    return options;
}

VkExtent2D TableWindow::framebufferSize() const {
    int width = 0, height = 0;
    SDL_Vulkan_GetDrawableSize(m_window, &width, &height);
    if (SDL_GetWindowFlags(m_window) & SDL_WINDOW_MINIMIZED) return {0, 0};
    return {uint32_t(std::max(width, 0)), uint32_t(std::max(height, 0))};
}

void TableWindow::show() { SDL_ShowWindow(m_window); }

glm::vec2 TableWindow::pixelsFromWindow(float x, float y) const {
    int windowWidth = 0, windowHeight = 0;
    SDL_GetWindowSize(m_window, &windowWidth, &windowHeight);
    VkExtent2D pixels = framebufferSize();
    return {x * (windowWidth > 0 ? float(pixels.width) / float(windowWidth) : 1.0f),
            y * (windowHeight > 0 ? float(pixels.height) / float(windowHeight) : 1.0f)};
}

void TableWindow::handle(const SDL_Event& event) {
    using Phase = PointerEvent::Phase;
    switch (event.type) {
    case SDL_QUIT:
        m_quit = true;
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (event.button.button == SDL_BUTTON_LEFT && event.button.which != SDL_TOUCH_MOUSEID)
            m_input.pointers.push_back({kMousePointer, event.type == SDL_MOUSEBUTTONDOWN ? Phase::Down : Phase::Up,
                                        pixelsFromWindow(float(event.button.x), float(event.button.y))});
        break;
    case SDL_MOUSEMOTION:
        if (event.motion.which == SDL_TOUCH_MOUSEID) break;
        m_input.hover = pixelsFromWindow(float(event.motion.x), float(event.motion.y));
        if (event.motion.state & SDL_BUTTON_LMASK) m_input.pointers.push_back({kMousePointer, Phase::Move, m_input.hover});
        break;
    case SDL_MOUSEWHEEL:
        m_input.wheel += event.wheel.preciseY;
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        // Finger positions are 0..1 across the window. Ids are offset past
        // the mouse's; SDL's ids are small counters per touch device.
        VkExtent2D pixels = framebufferSize();
        glm::vec2 position(event.tfinger.x * float(pixels.width), event.tfinger.y * float(pixels.height));
        Phase phase = event.type == SDL_FINGERDOWN ? Phase::Down
                      : event.type == SDL_FINGERUP ? Phase::Up
                                                   : Phase::Move;
        m_input.pointers.push_back({uint64_t(event.tfinger.fingerId) + 1, phase, position});
        break;
    }
    case SDL_KEYDOWN:
        if (!event.key.repeat) m_input.keysPressed.push_back(event.key.keysym.sym);
        break;
    default:
        break;
    }
}

bool TableWindow::pollEvents() {
    glm::vec2 hover = m_input.hover;
    m_input = TableInput{};
    m_input.hover = hover;
    m_hadEvents = false;
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        m_hadEvents = true;
        if (m_observer) m_observer(event);
        handle(event);
    }
    // Minimised: nothing can be drawn, so sleep in the event queue rather than spin.
    while (!m_quit && (SDL_GetWindowFlags(m_window) & SDL_WINDOW_MINIMIZED)) {
        if (SDL_WaitEvent(&event)) {
            if (m_observer) m_observer(event);
            handle(event);
        }
    }
    return !m_quit;
}

void TableWindow::waitForEvents(std::chrono::milliseconds timeout) {
    SDL_WaitEventTimeout(nullptr, int(timeout.count()));
}

Result<viewer::Frame> TableWindow::beginFrame() { return m_frames->beginFrame(framebufferSize()); }

Status TableWindow::endFrame(viewer::Frame& frame) { return m_frames->endFrame(frame); }

}  // namespace oh::table
