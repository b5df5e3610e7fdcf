// What a walk-through draws and walks on, loaded once for any presenter: the
// model imported, the environment's lighting, a renderer made for the
// presenter's targets, the model on the GPU and its collision world. The
// desktop and the headset load a tour the same way.
//
// Not for: headless renders (render_command.cpp uses HeadlessRenderer).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "core/result.h"
#include "navigation/collision_world.h"
#include "renderer/environment.h"
#include "renderer/gpu_scene.h"
#include "renderer/renderer.h"
#include "renderer/vk_context.h"
#include "scene/scene.h"

namespace oh::viewer {

struct TourAssets {
    // Declared in creation order: each is destroyed before what it uses.
    scene::Scene scene;
    gfx::Environment environment;
    std::unique_ptr<gfx::Renderer> renderer;
    gfx::GpuScene gpuScene;
    std::optional<nav::CollisionWorld> world;  // none: nothing to stand on, only to look at

    const nav::CollisionWorld* walkable() const { return world ? &*world : nullptr; }
};

// Errors name the file and the problem (import, environment, GPU upload).
// Import warnings are logged; a model without walkable geometry is no error.
Result<std::unique_ptr<TourAssets>> loadTour(gfx::GpuContext& context, const std::filesystem::path& model,
                                             const std::filesystem::path& environment,
                                             const gfx::RendererOptions& rendererOptions);

}  // namespace oh::viewer
