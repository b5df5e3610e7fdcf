// TourSwitch: the next tour on its way while frames go on — the station
// switching listings without restarting. A worker thread opens the bundle,
// checks it (every hash and the signature with the request's trusted keys)
// and decodes its manifest, scene and collision world (loadTourModel); the
// thread that records frames then uploads the scene (GpuScene::upload) and
// the tour takes the new model's place with adoptTour, keeping its
// environment (IBL) and renderer, which do not depend on the model.
//
// The log line a switch ends with, read by the benchmarks (keep it stable):
//   "switched to ADDRESS: load N ms, upload N ms, first frame inside N ms after the request"
// load: open, verify and decode on the worker; upload: the scene to the GPU;
// first frame inside: from start() to the first frame shown in the new tour.
//
// Not for: what the visitor sees meanwhile (xr/xr_loading_space.h), the
// pictures (tour_media.h loads those in the background on its own).
#pragma once

#include <chrono>
#include <future>
#include <optional>
#include <string>

#include "core/result.h"
#include "renderer/gpu_scene.h"
#include "renderer/vk_context.h"
#include "viewer/tour/tour_assets.h"
#include "viewer/tour/tour_request.h"

namespace oh::viewer {

// The per-tour part of TourAssets, ready to take the current tour's place.
struct NextTour {
    TourModel model;
    gfx::GpuScene gpuScene;
    double loadMilliseconds = 0.0;    // on the worker: open, verify, decode
    double uploadMilliseconds = 0.0;  // on the frame thread: the scene to the GPU
};

class TourSwitch {
public:
    // Starts reading request.input (a .tour or a glTF, as loadTour reads it,
    // with request.trustedKeys) on a worker thread. The request is copied.
    static TourSwitch start(TourRequest request);

    TourSwitch(TourSwitch&&) = default;
    TourSwitch& operator=(TourSwitch&&) = default;
    // Waits for the worker (a switch given up while the bundle is read).
    ~TourSwitch() = default;

    const TourRequest& request() const { return m_request; }
    std::chrono::steady_clock::time_point requested() const { return m_requested; }

    // Moves the switch on: none while the worker reads; once it has read the
    // tour, uploads its scene (`materialSetLayout`: the renderer's) and
    // returns it — the switch is then spent. Errors name the file and the
    // problem (missing, corrupt, untrusted, GPU upload). Call once a frame
    // from the thread that records frames.
    Result<std::optional<NextTour>> poll(gfx::GpuContext& context, VkDescriptorSetLayout materialSetLayout);

private:
    TourSwitch() = default;
    bool reading() const;  // the worker has not finished

    struct Read {
        Result<TourModel> model;
        double milliseconds = 0.0;
    };

    TourRequest m_request;
    std::chrono::steady_clock::time_point m_requested;
    std::future<Read> m_read;  // the worker: touches only its copy of the request
};

// Puts `next` in place of `tour`'s model, scene, bundle, manifest and
// collision world, keeping its environment and renderer. Call only with the
// GPU done with the old scene (runAppLoop returns with it idle) and with
// nothing left that points into the old tour (pictures, panels, rooms).
void adoptTour(TourAssets& tour, NextTour next);

}  // namespace oh::viewer
