// HeadlessRenderer: everything needed to render images with no window or
// headset — a GPU context, the environment lighting, a renderer and an
// offscreen target of a fixed size. For `openhouse render`, tests and benchmarks.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "core/image.h"
#include "core/result.h"
#include "renderer/environment.h"
#include "renderer/gpu_scene.h"
#include "renderer/offscreen.h"
#include "renderer/renderer.h"
#include "renderer/vk_context.h"

namespace oh::gfx {

struct HeadlessOptions {
    VkExtent2D size{1024, 768};  // per view
    uint32_t viewCount = 1;      // 2: both eyes in one multiview pass
    uint32_t msaaSamples = 4;
    RendererOptions::ViewPasses viewPasses = RendererOptions::ViewPasses::Auto;
    bool validation = false;
    std::filesystem::path environmentFile;  // empty: the default sky
};

class HeadlessRenderer {
public:
    static Result<std::unique_ptr<HeadlessRenderer>> create(const HeadlessOptions& options);

    Result<GpuScene> upload(const scene::Scene& scene, UploadStats* stats = nullptr);
    Result<std::vector<RgbaImage>> render(const GpuScene& scene, std::span<const View> views,
                                          const LightingSettings& lighting = {}, FrameStats* stats = nullptr,
                                          const FrameOverlays& overlays = {});

    GpuContext& context() { return *m_context; }
    Renderer& renderer() { return *m_renderer; }
    OffscreenTarget& target() { return *m_target; }
    VkExtent2D size() const { return m_options.size; }

private:
    HeadlessOptions m_options;
    // Declared in creation order: destroyed in reverse.
    std::unique_ptr<GpuContext> m_context;
    std::unique_ptr<Environment> m_environment;
    std::unique_ptr<Renderer> m_renderer;
    std::unique_ptr<OffscreenTarget> m_target;
};

}  // namespace oh::gfx
