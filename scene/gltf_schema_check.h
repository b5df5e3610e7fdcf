// Internal to oh_scene (gltf_import.cpp is its one user; not installed, not
// for other modules): the glTF 2.0 JSON schema's constraints checked on the
// raw JSON document, before tinygltf fills in defaults and hides what was
// missing. Required members, types, minimum/maximum, enums, array lengths,
// unique items, the asset version, and the schema's "dependencies"/"not"/
// "oneOf" rules. It does not follow indices into other arrays or read any
// buffer: whether an index exists and whether bytes are in range is the
// import's job, later.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.h"

namespace oh::gltf {

// Checks `document` (the parsed JSON of a .gltf, or of a GLB's JSON chunk;
// the caller has made sure it is a JSON object) against the glTF 2.0 schema.
// Stops at the first problem and returns Error{kExitBadInput} with one line
// "<fileName>: <JSON pointer>: <what was found> <what is expected>", e.g.
// "room.gltf: /accessors/3/componentType: 5124 is not a glTF component type (5120, 5121, 5122, 5123, 5125 or 5126)".
// Members of extension objects are left to the code that reads them.
Status checkGltfSchema(const nlohmann::json& document, std::string_view fileName);

}  // namespace oh::gltf
