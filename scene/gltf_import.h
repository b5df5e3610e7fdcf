// glTF 2.0 import (.gltf with external/embedded/data-URI buffers, and .glb)
// into the plain CPU scene of scene.h. Validates everything it reads: a
// malformed or hostile file gives one Error naming the file and the problem,
// never a crash or an unbounded allocation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "scene/scene.h"

namespace oh::gltf {

struct ImportOptions {
    // Which glTF scene to load; kDefaultScene: the file's "scene", else scene 0.
    static constexpr int kDefaultScene = -1;
    int sceneIndex = kDefaultScene;
    // Images whose header claims more pixels than this are refused before decoding.
    uint64_t maxImagePixels = uint64_t(16384) * 16384;
    // Images larger than this on either side are downsampled on import (0: keep).
    uint32_t maxImageDimension = 0;
    // Skip image decoding altogether (geometry-only users: collision, tests).
    bool loadImages = true;
};

struct ImportResult {
    scene::Scene scene;
    // Non-fatal findings, one line each, already prefixed with the file name:
    // unsupported optional extensions, skipped points/lines, generated tangents...
    std::vector<std::string> warnings;
    // Where the import's time went (for benchmarks and start-up logs).
    double parseSeconds = 0.0;        // JSON, buffers, geometry decoding, scene graph
    double imageDecodeSeconds = 0.0;  // PNG/JPEG/WebP decoding (parallel)
};

// Loads `path`. The error message starts with the file name.
Result<ImportResult> importFile(const std::filesystem::path& path, const ImportOptions& options = {});

// Loads a .glb or .gltf held in memory; external URIs resolve against `baseDir`
// (and may not escape it). `displayName` is used in messages.
Result<ImportResult> importMemory(const uint8_t* data, size_t size, const std::filesystem::path& baseDir,
                                  const std::string& displayName, const ImportOptions& options = {});

}  // namespace oh::gltf
