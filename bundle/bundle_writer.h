// Writes a tour bundle (bundle_format.h): deterministic — the same parts give
// the same bytes, whatever order they were made in — and atomic: the bundle
// appears under its name only once it is complete; a failed or interrupted
// write leaves nothing behind.
//
// Not for: deciding what goes in (tools/pack/ makes the parts).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bundle/bundle_format.h"
#include "bundle/signing.h"
#include "core/result.h"

namespace oh::bundle {

struct Part {
    std::string name;  // isValidPartName; unique in a bundle
    PartKind kind = PartKind::Manifest;
    std::vector<uint8_t> bytes;
};

struct WriteOptions {
    const SecretKey* signingKey = nullptr;  // null: unsigned
    // Called after each part is written with the bytes written so far and the
    // total, for a progress bar. May be empty.
    std::function<void(uint64_t written, uint64_t total)> progress;
    // Polled between parts; true abandons the write (Ctrl+C), leaving nothing.
    std::function<bool()> cancelled;
};

// Parts are stored ordered by kind, then name: what a viewer needs first
// (manifest, scene, collision) lies at the front of the file.
// Errors: a bad or repeated part name, too many parts (kExitBadInput); the
// disk (kExitIo).
Status writeBundle(const std::filesystem::path& path, std::vector<Part> parts, const WriteOptions& options = {});

}  // namespace oh::bundle
