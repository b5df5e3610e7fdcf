// `openhouse-pack inspect` and `verify`: what a bundle holds, in words or as
// JSON, and whether every byte is as packed (and signed by a trusted key).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace oh::pack {

// A readable summary (listing, scene, pictures, every part with its size
// and hash), or the same as one JSON document. Reads the table and the
// manifest only.
Result<std::string> inspectBundle(const std::filesystem::path& bundle, bool asJson);

// Opens the bundle trusting `trustedKeys` (public key files; none: any
// signer, or none), checks every part's hash and decodes the manifest and the
// scene. Returns the line to print ("kitchen.tour: OK, 42 parts ...").
// Errors: malformed (exit 2), changed or untrusted (exit 6).
Result<std::string> verifyBundle(const std::filesystem::path& bundle,
                                 const std::vector<std::filesystem::path>& trustedKeys);

}  // namespace oh::pack
