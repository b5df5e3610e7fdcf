// TableWindow: the branch table's screen — an SDL2 window shown through a
// Vulkan swapchain (viewer/tour/surface_frames.h), full screen at the branch,
// a window at the agent's desk. SDL2 because the table is touched: it reports
// each finger (XInput2 multi-touch on X11) where GLFW has none. Touches and
// the mouse come out as one stream of pointers (pointer_input.h), so the
// table's gestures treat a finger and a mouse button alike.
//
// Not for: what a touch means (map_gestures.h), drawing (table_app.cpp).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <SDL2/SDL.h>

#include "core/result.h"
#include "table/pointer_input.h"
#include "viewer/tour/presenter.h"
#include "viewer/tour/surface_frames.h"

namespace oh::table {

struct TableWindowOptions {
    std::string title = "OpenHouse \xE2\x80\x94 branch table";
    int width = 1600;  // a window at the agent's desk; ignored full screen
    int height = 1000;
    bool fullScreen = false;
};

class TableWindow final : public viewer::Presenter {
public:
    static constexpr uint32_t kFramesInFlight = 2;

    // Opens the window (hidden until show()) and sets up Vulkan for it. No
    // display at all: the error's exitCode is kExitNoDisplay.
    static Result<std::unique_ptr<TableWindow>> create(const TableWindowOptions& options);
    ~TableWindow() override;
    TableWindow(const TableWindow&) = delete;
    TableWindow& operator=(const TableWindow&) = delete;

    // Presenter
    gfx::GpuContext& context() override { return *m_context; }
    gfx::RendererOptions rendererOptions() const override;
    bool pollEvents() override;
    Result<viewer::Frame> beginFrame() override;
    Status endFrame(viewer::Frame& frame) override;
    void waitIdle() override;

    SDL_Window* window() const { return m_window; }
    uint32_t swapchainImageCount() const { return m_frames->imageCount(); }
    VkExtent2D framebufferSize() const;
    void show();
    // What the fingers, the mouse and the keyboard did since the previous pollEvents.
    const TableInput& input() const { return m_input; }
    // Whether the previous pollEvents saw any event at all (input, exposure, resizing).
    bool hadEvents() const { return m_hadEvents; }
    // Sleeps until an event is waiting (left for pollEvents) or `timeout` passes.
    void waitForEvents(std::chrono::milliseconds timeout);
    // Every SDL event goes through here first, so Dear ImGui's SDL2 backend
    // sees the keyboard; set once the UI exists.
    void setEventObserver(std::function<void(const SDL_Event&)> observer) { m_observer = std::move(observer); }

private:
    explicit TableWindow(const TableWindowOptions& options) : m_options(options) {}
    Status init();
    void handle(const SDL_Event& event);
    glm::vec2 pixelsFromWindow(float x, float y) const;  // window coordinates -> framebuffer pixels

    TableWindowOptions m_options;
    bool m_sdl = false;
    SDL_Window* m_window = nullptr;
    std::unique_ptr<gfx::GpuContext> m_context;
    std::unique_ptr<viewer::SurfaceFrames> m_frames;
    std::function<void(const SDL_Event&)> m_observer;
    TableInput m_input;
    bool m_hadEvents = false;
    bool m_quit = false;
};

}  // namespace oh::table
