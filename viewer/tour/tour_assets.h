// What a walk-through draws and walks on, loaded once for any presenter: the
// model (from a tour bundle as packed, or imported from glTF), the
// environment's lighting, a renderer made for the presenter's targets, the
// model on the GPU and its collision world. The desktop and the headset load
// a tour the same way.
//
// Not for: headless renders (render_command.cpp uses HeadlessRenderer).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "core/result.h"
#include "listing/listing.h"
#include "navigation/collision_world.h"
#include "navigation/start_spot.h"
#include "renderer/environment.h"
#include "renderer/gpu_scene.h"
#include "renderer/renderer.h"
#include "renderer/vk_context.h"
#include "scene/scene.h"
#include "viewer/tour/tour_request.h"

namespace oh::viewer {

struct TourAssets {
    // Declared in creation order: each is destroyed before what it uses.
    std::optional<bundle::BundleReader> bundle;  // open while the tour is: its pictures are read on demand
    std::optional<bundle::Manifest> manifest;    // the bundle's listing and picture index
    std::optional<nav::StartSpot> packedStart;   // where the packer found the tour starts
    scene::Scene scene;
    gfx::Environment environment;
    std::unique_ptr<gfx::Renderer> renderer;
    gfx::GpuScene gpuScene;
    std::optional<nav::CollisionWorld> world;  // none: nothing to stand on, only to look at

    const nav::CollisionWorld* walkable() const { return world ? &*world : nullptr; }
    // The listing's named rooms to go to; empty for a bare model.
    std::span<const listing::Spot> rooms() const;
    // What the panels call the tour: the listing's address, else the file's name.
    std::string title(const std::filesystem::path& input) const;
};

// The CPU side of a tour, before anything goes to the GPU: the model from a
// tour bundle (with its manifest, start spot and the reader kept open) or
// imported from glTF, and its collision world. Headless renders use it too.
struct TourModel {
    std::optional<bundle::BundleReader> bundle;
    std::optional<bundle::Manifest> manifest;
    std::optional<nav::StartSpot> packedStart;
    scene::Scene scene;
    std::optional<nav::CollisionWorld> world;
};

// Reads request.input (and request.trustedKeys), as loadTour below.
// `buildCollision` false: a glTF's collision world is not built (a headless
// render that does not walk); a bundle's comes as packed either way.
Result<TourModel> loadTourModel(const TourRequest& request, bool buildCollision = true);

// Loads request.input: a tour bundle opens as packed (nothing is parsed or
// built: the scene, its compressed textures, the collision world and the
// start spot are read as stored); a .gltf/.glb is imported and its collision
// world built. With request.trustedKeys, only a bundle signed by one of those
// keys, every byte as signed, is opened. Errors name the file and the
// problem (import, bundle, trust, environment, GPU upload). Import warnings
// are logged; a model without walkable geometry is no error.
Result<std::unique_ptr<TourAssets>> loadTour(gfx::GpuContext& context, const TourRequest& request,
                                             const gfx::RendererOptions& rendererOptions);

// Whether `path` names a tour bundle (by its extension, .tour).
bool isTourBundle(const std::filesystem::path& path);

}  // namespace oh::viewer
