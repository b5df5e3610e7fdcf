#include "renderer/headless.h"

namespace oh::gfx {

Result<std::unique_ptr<HeadlessRenderer>> HeadlessRenderer::create(const HeadlessOptions& options) {
    auto self = std::make_unique<HeadlessRenderer>();
    self->m_options = options;
    ContextOptions contextOptions;
    contextOptions.validation = options.validation;
    auto context = GpuContext::create(contextOptions);
    if (!context) return context.error();
    self->m_context = std::move(context.value());

    auto environment = options.environmentFile.empty()
                           ? Environment::createDefaultSky(*self->m_context)
                           : Environment::createFromFile(*self->m_context, options.environmentFile);
    if (!environment) return environment.error();
    self->m_environment = std::make_unique<Environment>(std::move(environment.value()));

    RendererOptions rendererOptions;
    rendererOptions.viewCount = options.viewCount;
    rendererOptions.msaaSamples = options.msaaSamples;
    rendererOptions.viewPasses = options.viewPasses;
    rendererOptions.finalLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    rendererOptions.framesInFlight = 1;  // each offscreen frame is waited for
    auto renderer = Renderer::create(*self->m_context, *self->m_environment, rendererOptions);
    if (!renderer) return renderer.error();
    self->m_renderer = std::move(renderer.value());

    auto target = OffscreenTarget::create(*self->m_context, options.size, options.viewCount,
                                          rendererOptions.colorFormat);
    if (!target) return target.error();
    self->m_target = std::move(target.value());
    return self;
}

Result<GpuScene> HeadlessRenderer::upload(const scene::Scene& scene, UploadStats* stats) {
    return GpuScene::upload(*m_context, scene, m_renderer->materialSetLayout(), stats);
}

Result<std::vector<RgbaImage>> HeadlessRenderer::render(const GpuScene& scene, std::span<const View> views,
                                                        const LightingSettings& lighting, FrameStats* stats,
                                                        const FrameOverlays& overlays) {
    return m_target->renderAndRead(*m_renderer, scene, views, lighting, stats, overlays);
}

}  // namespace oh::gfx
