// Decompression of glTF geometry extensions into plain arrays:
// KHR_draco_mesh_compression (libdraco) and EXT_meshopt_compression
// (meshoptimizer's decoders and filters). Input sizes are checked by the
// caller; these functions check what the codecs themselves claim.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace oh::gltf {

// A decoded Draco mesh: a triangle list over `vertexCount` points and, per
// requested attribute id, vertexCount * components floats (normalized integer
// attributes are already mapped to [0,1] / [-1,1]).
struct DracoMesh {
    uint32_t vertexCount = 0;
    std::vector<uint32_t> indices;
    std::map<int, std::vector<float>> attributes;  // by Draco unique id
};

struct DracoAttributeRequest {
    int id = 0;           // the id in the extension's "attributes" object
    int components = 0;   // what the glTF accessor's type says (1..4)
};

// Decodes a Draco-compressed triangle mesh. Errors are one line, no prefix.
Result<DracoMesh> decodeDraco(std::span<const uint8_t> compressed, std::span<const DracoAttributeRequest> requests);

struct MeshoptView {
    std::string mode;    // "ATTRIBUTES", "TRIANGLES" or "INDICES"
    std::string filter;  // "NONE", "OCTAHEDRAL", "QUATERNION" or "EXPONENTIAL"
    uint64_t count = 0;
    uint64_t byteStride = 0;
};

// Decodes one EXT_meshopt_compression bufferView into `destination`, which
// must hold at least count * byteStride bytes (checked).
Status decodeMeshopt(std::span<const uint8_t> compressed, const MeshoptView& view, std::span<uint8_t> destination);

}  // namespace oh::gltf
