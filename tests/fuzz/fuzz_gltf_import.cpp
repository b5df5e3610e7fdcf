// libFuzzer target for glTF import: each input is tried as given (GLB or JSON,
// whatever its first bytes say) and wrapped as the JSON chunk of a GLB, so the
// JSON paths are reached through both containers. External URIs resolve in an
// empty temp folder. Any crash, sanitizer report, timeout or memory blow-up is
// a bug; returning an Error is the expected outcome for most inputs.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "scene/gltf_import.h"

namespace {

const std::filesystem::path& baseDir() {
    static const std::filesystem::path dir = [] {
        auto path = std::filesystem::temp_directory_path() / "oh-fuzz-gltf-base";
        std::filesystem::create_directories(path);
        return path;
    }();
    return dir;
}

void put32(std::vector<uint8_t>& out, uint32_t value) {
    for (int i = 0; i < 4; ++i) out.push_back(uint8_t(value >> (8 * i)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    oh::gltf::ImportOptions options;
    options.maxImagePixels = 1 << 22;  // keep image decoding within the fuzzer's memory limit
    (void)oh::gltf::importMemory(data, size, baseDir(), "fuzz.glb", options);

    std::vector<uint8_t> glb = {'g', 'l', 'T', 'F'};
    size_t padded = (size + 3) & ~size_t(3);
    put32(glb, 2);
    put32(glb, uint32_t(20 + padded));
    put32(glb, uint32_t(padded));
    put32(glb, 0x4E4F534Au);
    glb.insert(glb.end(), data, data + size);
    glb.resize(20 + padded, ' ');
    (void)oh::gltf::importMemory(glb.data(), glb.size(), baseDir(), "fuzz-wrapped.glb", options);
    return 0;
}
