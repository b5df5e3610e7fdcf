// Builders for hostile-input tests and the fuzzer's seeds: a minimal valid
// glTF (one textured-free triangle in a data-URI buffer) as JSON that tests
// then break in one specific way, plus GLB packing and base64.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scene/gltf_import.h"

namespace oh::test {

std::string base64(const std::vector<uint8_t>& bytes);

// The bytes of the minimal triangle: 3 float3 positions, then 3 uint16 indices, padded (44 bytes).
std::vector<uint8_t> triangleBytes();

// A valid glTF with one triangle, one node, one scene; buffer 0 is a data URI
// of triangleBytes() unless `bufferUri` is given.
nlohmann::json minimalGltf(const std::string& bufferUri = {});

// Packs JSON (+ optional BIN chunk) into a GLB.
std::vector<uint8_t> makeGlb(const std::string& json, const std::vector<uint8_t>& bin);

// A fresh, empty folder under the system temp dir; removed by the destructor.
struct TempDir {
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path path;
};

Result<gltf::ImportResult> importJson(const nlohmann::json& gltf, const std::filesystem::path& baseDir,
                                      const std::string& name = "hostile.gltf");
Result<gltf::ImportResult> importBytes(const std::vector<uint8_t>& bytes, const std::filesystem::path& baseDir,
                                       const std::string& name);

}  // namespace oh::test
