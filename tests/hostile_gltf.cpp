#include "hostile_gltf.h"

#include <atomic>
#include <cstring>
#include <random>

namespace oh::test {

std::string base64(const std::vector<uint8_t>& bytes) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t n = uint32_t(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= uint32_t(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= bytes[i + 2];
        out += kAlphabet[n >> 18 & 63];
        out += kAlphabet[n >> 12 & 63];
        out += i + 1 < bytes.size() ? kAlphabet[n >> 6 & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
    }
    return out;
}

std::vector<uint8_t> triangleBytes() {
    const float positions[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    const uint16_t indices[3] = {0, 1, 2};
    std::vector<uint8_t> bytes(44, 0);
    std::memcpy(bytes.data(), positions, sizeof(positions));
    std::memcpy(bytes.data() + 36, indices, sizeof(indices));
    return bytes;
}

nlohmann::json minimalGltf(const std::string& bufferUri) {
    using nlohmann::json;
    std::string uri = bufferUri.empty() ? "data:application/octet-stream;base64," + base64(triangleBytes()) : bufferUri;
    return json{
        {"asset", {{"version", "2.0"}}},
        {"scene", 0},
        {"scenes", {{{"nodes", {0}}}}},
        {"nodes", {{{"mesh", 0}}}},
        {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", 0}}}, {"indices", 1}}}}}}},
        {"accessors", {{{"bufferView", 0}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"}},
                       {{"bufferView", 1}, {"componentType", 5123}, {"count", 3}, {"type", "SCALAR"}}}},
        {"bufferViews", {{{"buffer", 0}, {"byteLength", 36}}, {{"buffer", 0}, {"byteOffset", 36}, {"byteLength", 6}}}},
        {"buffers", {{{"byteLength", 44}, {"uri", uri}}}},
    };
}

static void putU32(std::vector<uint8_t>& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

std::vector<uint8_t> makeGlb(const std::string& json, const std::vector<uint8_t>& bin) {
    std::string paddedJson = json;
    while (paddedJson.size() % 4) paddedJson += ' ';
    std::vector<uint8_t> paddedBin = bin;
    while (paddedBin.size() % 4) paddedBin.push_back(0);
    uint32_t total = uint32_t(12 + 8 + paddedJson.size() + (bin.empty() ? 0 : 8 + paddedBin.size()));
    std::vector<uint8_t> out{'g', 'l', 'T', 'F'};
    out.reserve(total);
    putU32(out, 2);
    putU32(out, total);
    putU32(out, uint32_t(paddedJson.size()));
    putU32(out, 0x4E4F534Au);
    out.insert(out.end(), paddedJson.begin(), paddedJson.end());
    if (!bin.empty()) {
        putU32(out, uint32_t(paddedBin.size()));
        putU32(out, 0x004E4942u);
        out.insert(out.end(), paddedBin.begin(), paddedBin.end());
    }
    return out;
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path = std::filesystem::temp_directory_path() /
           ("oh-gltf-test-" + std::to_string(random()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

Result<gltf::ImportResult> importJson(const nlohmann::json& gltf, const std::filesystem::path& baseDir,
                                      const std::string& name) {
    std::string text = gltf.dump();
    return gltf::importMemory(reinterpret_cast<const uint8_t*>(text.data()), text.size(), baseDir, name);
}

Result<gltf::ImportResult> importBytes(const std::vector<uint8_t>& bytes, const std::filesystem::path& baseDir,
                                       const std::string& name) {
    return gltf::importMemory(bytes.data(), bytes.size(), baseDir, name);
}

}  // namespace oh::test
