// glTF 2.0 import: .gltf / .glb bytes -> scene::Scene.
//
// Stages, one section each: container (GLB chunks, JSON nesting, the glTF 2.0
// schema's constraints (gltf_schema_check.h), URI checks and the few JSON
// patches tinygltf 2.7 needs) -> tinygltf parse with our own file
// and image callbacks -> buffer views (bounds, EXT_meshopt_compression) ->
// accessors -> materials and textures -> meshes -> node graph and scene ->
// image decoding (parallel). Every index read from the file is checked before
// use; every failure is one Error "<file>: <what>: <problem>".
#include "scene/gltf_import.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <thread>
#include <type_traits>

#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>
#include <nlohmann/json.hpp>
#include <tiny_gltf.h>

#include "core/file_io.h"
#include "scene/gltf_schema_check.h"
#include "scene/image_decode.h"
#include "scene/mesh_decompress.h"
#include "scene/tangents.h"

namespace oh::gltf {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr int kMaxJsonDepth = 64;
// Accessors without a bufferView are all zeros (plus sparse values); their
// count is not backed by any data, so it gets a fixed cap instead.
constexpr uint64_t kMaxUnbackedElements = uint64_t(1) << 24;
// EXT_meshopt_compression: the decoded size is claimed by the file; refuse
// ratios no encoder produces so a tiny file cannot demand gigabytes.
constexpr uint64_t kMaxMeshoptRatio = 256;
constexpr uint64_t kMaxExternalFileBytes = uint64_t(2) << 30;
// A 1-byte stand-in that tinygltf accepts for buffers/images we load ourselves.
constexpr const char* kPlaceholderUri = "data:application/octet-stream;base64,AA==";

const std::set<std::string, std::less<>> kSupportedExtensions = {
    "KHR_mesh_quantization",       "EXT_meshopt_compression", "KHR_draco_mesh_compression",
    "EXT_texture_webp",            "KHR_materials_unlit",     "KHR_texture_transform",
    "KHR_materials_emissive_strength", "KHR_lights_punctual",
};

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    va_list copy;
    va_copy(copy, args);
    int length = std::vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    std::string out(size_t(std::max(length, 0)), '\0');
    std::vsnprintf(out.data(), out.size() + 1, fmt, args);
    va_end(args);
    return out;
}

std::string firstLine(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
}

// [SECTION] Import context

// Where the bytes of one bufferView live after validation and decompression.
struct ViewData {
    std::span<const uint8_t> bytes;
    std::string problem;  // non-empty: unusable, this says why
};

struct Context {
    std::string name;  // display name, prefixes every message
    fs::path baseDir;  // canonical folder external URIs resolve against
    const ImportOptions& options;
    std::vector<std::string> warnings;
    std::string fsProblem;  // set by the file callbacks when they refuse or fail

    tinygltf::Model model;
    std::span<const uint8_t> glbBin;
    std::vector<std::span<const uint8_t>> buffers;  // bytes per glTF buffer
    std::vector<bool> meshoptFallback;              // buffer has no data of its own
    std::vector<uint64_t> declaredBufferLength;
    std::vector<ViewData> views;
    std::vector<std::vector<uint8_t>> ownedBuffers;  // storage for external files and data URIs
    std::vector<std::vector<uint8_t>> decodedViews;  // storage for meshopt output
    std::vector<std::vector<uint8_t>> encodedImages;  // per glTF image, from a URI or data URI
    std::map<int, uint32_t> usedImages;               // glTF image -> scene image, for textures in use

    Error fail(const std::string& what) const { return makeError(name + ": " + what); }
    void warn(const std::string& what) { warnings.push_back(name + ": " + what); }
};

// [SECTION] Container: GLB chunks, JSON nesting, URIs

struct Container {
    std::string_view json;
    std::span<const uint8_t> bin;
    bool isGlb = false;
};

uint32_t readU32(const uint8_t* p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

// glTF 2.0 §4.4 (GLB): 12-byte header, then a JSON chunk, then an optional BIN chunk.
Result<Container> splitContainer(const Context& ctx, const uint8_t* data, size_t size) {
    if (size == 0) return ctx.fail("file is empty");
    Container out;
    if (size < 4 || std::memcmp(data, "glTF", 4) != 0) {
        // Not GLB: must be JSON text (after optional whitespace / BOM).
        size_t i = 0;
        if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) i = 3;
        while (i < size && std::isspace(data[i])) ++i;
        if (i == size || data[i] != '{')
            return ctx.fail("not a glTF file (no GLB magic 'glTF' and no JSON object)");
        out.json = std::string_view(reinterpret_cast<const char*>(data) + i, size - i);
        return out;
    }
    out.isGlb = true;
    if (size < 20) return ctx.fail(format("truncated GLB: %zu bytes, the header and first chunk header need 20", size));
    uint32_t version = readU32(data + 4), length = readU32(data + 8);
    if (version != 2) return ctx.fail(format("GLB version %u is not supported (only 2)", version));
    if (length > size) return ctx.fail(format("truncated GLB: header claims %u bytes, the file has %zu", length, size));
    if (length < 20) return ctx.fail(format("GLB header length %u is smaller than its own header", length));
    uint64_t jsonLength = readU32(data + 12), jsonType = readU32(data + 16);
    if (jsonType != 0x4E4F534Au) return ctx.fail("GLB: first chunk is not JSON");
    if (jsonLength == 0 || 20 + jsonLength > length)
        return ctx.fail(format("GLB: JSON chunk length %llu runs past the end of the file (%u bytes)",
                               (unsigned long long)jsonLength, length));
    out.json = std::string_view(reinterpret_cast<const char*>(data) + 20, size_t(jsonLength));
    uint64_t offset = (20 + jsonLength + 3) & ~uint64_t(3);
    // Further chunks: the first BIN is ours; unknown chunk types are skipped (§4.4.3.3).
    while (offset + 8 <= length) {
        uint64_t chunkLength = readU32(data + offset), chunkType = readU32(data + offset + 4);
        if (offset + 8 + chunkLength > length)
            return ctx.fail(format("GLB: chunk at byte %llu claims %llu bytes, past the end of the file",
                                   (unsigned long long)offset, (unsigned long long)chunkLength));
        if (chunkType == 0x004E4942u && out.bin.empty()) out.bin = std::span(data + offset + 8, size_t(chunkLength));
        offset = (offset + 8 + chunkLength + 3) & ~uint64_t(3);
    }
    return out;
}

// nlohmann::json parses recursively; refuse deep nesting before it sees the text.
Status checkNesting(const Context& ctx, std::string_view text) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (char c : text) {
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth) return ctx.fail(format("JSON nesting deeper than %d levels", kMaxJsonDepth));
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return ok();
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percentDecode(std::string_view uri) {
    std::string out;
    out.reserve(uri.size());
    for (size_t i = 0; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && hexValue(uri[i + 1]) >= 0 &&
            hexValue(uri[i + 2]) >= 0) {
            out += char(hexValue(uri[i + 1]) * 16 + hexValue(uri[i + 2]));
            i += 2;
        } else {
            out += uri[i];
        }
    }
    return out;
}

bool isDataUri(std::string_view uri) { return uri.substr(0, 5) == "data:"; }

int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

// RFC 2397 data URI with base64 payload -> bytes. Strict: any other character fails.
std::optional<std::vector<uint8_t>> decodeDataUri(std::string_view uri) {
    size_t comma = uri.find(',');
    if (comma == std::string_view::npos || uri.substr(0, comma).find(";base64") == std::string_view::npos)
        return std::nullopt;
    std::string_view payload = uri.substr(comma + 1);
    while (!payload.empty() && payload.back() == '=') payload.remove_suffix(1);
    std::vector<uint8_t> out;
    out.reserve(payload.size() / 4 * 3 + 3);
    uint32_t accumulator = 0;
    int bits = 0;
    for (char c : payload) {
        int value = base64Value(c);
        if (value < 0) return std::nullopt;
        accumulator = (accumulator << 6) | uint32_t(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(uint8_t(accumulator >> bits));
        }
    }
    return out;
}

// True when `path` (resolved, symlinks included) lies strictly inside `base`.
bool insideFolder(const fs::path& base, const fs::path& path) {
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(path.is_absolute() ? path : fs::absolute(path, ec), ec);
    if (ec) return false;
    auto [baseEnd, pathIt] = std::mismatch(base.begin(), base.end(), resolved.begin(), resolved.end());
    (void)pathIt;
    return baseEnd == base.end() && resolved != base;
}

// External URIs are relative paths inside the model's folder (glTF 2.0 §2.8: URIs
// are RFC 3986 references; we allow no scheme, no absolute path, no escaping).
Status checkUri(const Context& ctx, const char* kind, size_t index, const std::string& uri) {
    if (isDataUri(uri)) return ok();
    std::string what = format("%s %zu: uri '%s'", kind, index, uri.c_str());
    std::string decoded = percentDecode(uri);
    if (decoded.empty()) return ctx.fail(what + " is empty");
    if (decoded.find('\0') != std::string::npos) return ctx.fail(what + " contains a NUL character");
    size_t colon = decoded.find(':'), slash = decoded.find('/');
    if (colon != std::string::npos && (slash == std::string::npos || colon < slash))
        return ctx.fail(what + " is not a relative file path (only files beside the model can be loaded)");
    fs::path relative(decoded);
    if (relative.is_absolute()) return ctx.fail(what + " is an absolute path; only paths inside the model's folder are allowed");
    if (!insideFolder(ctx.baseDir, ctx.baseDir / relative))
        return ctx.fail(what + " points outside the model's folder");
    return ok();
}

// The strings of array `key` in the JSON root (none when it is absent); the
// schema check has made sure it is an array of strings.
std::vector<std::string> stringList(const Json& root, const char* key) {
    auto it = root.find(key);
    return it == root.end() ? std::vector<std::string>() : it->get<std::vector<std::string>>();
}

Status checkExtensions(Context& ctx, const Json& root) {
    for (const std::string& extension : stringList(root, "extensionsRequired"))
        if (!kSupportedExtensions.count(extension))
            return ctx.fail("requires extension '" + extension + "', which is not supported");
    for (const std::string& extension : stringList(root, "extensionsUsed"))
        if (!kSupportedExtensions.count(extension))
            ctx.warn("extension '" + extension + "' is not supported; the model loads without it");
    return ok();
}

// The bytes behind buffer `i`'s uri: a data URI or a file beside the model.
Result<std::vector<uint8_t>> readBufferUri(const Context& ctx, size_t i, const std::string& text) {
    if (isDataUri(text)) {
        auto decoded = decodeDataUri(text);
        if (!decoded) return ctx.fail(format("buffer %zu: data URI is not valid base64", i));
        return std::move(*decoded);
    }
    OH_TRY(checkUri(ctx, "buffer", i, text));
    fs::path file = ctx.baseDir / fs::path(percentDecode(text));
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return ctx.fail(format("buffer %zu: file '%s' not found", i, text.c_str()));
    auto read = readFile(file, kMaxExternalFileBytes);
    if (!read) return ctx.fail(format("buffer %zu: file '%s' cannot be read", i, text.c_str()));
    return std::move(read.value());
}

// We read every buffer ourselves (tinygltf only sees a placeholder):
// one copy less, and messages that say which buffer and why.
Status loadUriBuffer(Context& ctx, size_t i, const Json& uri) {
    std::string text = uri.get<std::string>();
    auto bytes = readBufferUri(ctx, i, text);
    if (!bytes) return bytes.error();
    if (bytes->size() < ctx.declaredBufferLength[i])
        return ctx.fail(format("buffer %zu: %s holds %zu bytes, byteLength says %llu", i,
                               isDataUri(text) ? "data URI" : ("file '" + text + "'").c_str(), bytes->size(),
                               (unsigned long long)ctx.declaredBufferLength[i]));
    ctx.ownedBuffers[i] = std::move(bytes.value());
    ctx.buffers[i] = std::span(ctx.ownedBuffers[i]).first(size_t(ctx.declaredBufferLength[i]));
    return ok();
}

// A buffer without a uri: an EXT_meshopt_compression fallback (no data of its
// own) or, in a GLB, buffer 0 taking the BIN chunk.
Status bindBufferWithoutUri(Context& ctx, const Json& buffer, size_t i, const Container& container) {
    bool fallback = buffer.contains("extensions") && buffer["extensions"].is_object() &&
                    buffer["extensions"].contains("EXT_meshopt_compression");
    if (fallback) {
        ctx.meshoptFallback[i] = true;
    } else if (container.isGlb && i == 0) {
        // §4.4.3.2: the BIN chunk may be up to 3 bytes longer than the buffer (padding).
        if (container.bin.empty()) return ctx.fail("buffer 0 refers to the GLB BIN chunk, but the file has none");
        if (ctx.declaredBufferLength[0] > container.bin.size())
            return ctx.fail(format("buffer 0: byteLength %llu is larger than the GLB BIN chunk (%zu bytes)",
                                   (unsigned long long)ctx.declaredBufferLength[0], container.bin.size()));
        ctx.buffers[0] = container.bin.first(size_t(ctx.declaredBufferLength[0]));
    } else {
        return ctx.fail(format("buffer %zu has no uri%s", i, container.isGlb ? " and is not the GLB BIN buffer" : ""));
    }
    return ok();
}

Status preparseBuffer(Context& ctx, Json& buffer, size_t i, const Container& container) {
    ctx.declaredBufferLength[i] = buffer["byteLength"].get<uint64_t>();  // the schema check: an integer >= 1
    auto uri = buffer.find("uri");
    OH_TRY(uri != buffer.end() ? loadUriBuffer(ctx, i, *uri) : bindBufferWithoutUri(ctx, buffer, i, container));
    buffer["uri"] = kPlaceholderUri;
    buffer["byteLength"] = 1;
    return ok();
}

Status preparseBuffers(Context& ctx, Json& root, const Container& container) {
    auto it = root.find("buffers");
    if (it == root.end() || !it->is_array()) return ok();
    size_t bufferCount = it->size();
    ctx.meshoptFallback.assign(bufferCount, false);
    ctx.declaredBufferLength.assign(bufferCount, 0);
    ctx.buffers.assign(bufferCount, {});
    ctx.ownedBuffers.resize(bufferCount);
    for (size_t i = 0; i < bufferCount; ++i) OH_TRY(preparseBuffer(ctx, (*it)[i], i, container));
    return ok();
}

// tinygltf insists that an indices accessor has a bufferView; with
// KHR_draco_mesh_compression it has none (the Draco stream holds the
// indices), so hide it from tinygltf: we take indices from Draco anyway.
void hideDracoIndices(Json& root) {
    auto meshes = root.find("meshes");
    if (meshes == root.end() || !meshes->is_array()) return;
    for (Json& mesh : *meshes) {
        if (!mesh.is_object() || !mesh.contains("primitives") || !mesh["primitives"].is_array()) continue;
        for (Json& primitive : mesh["primitives"]) {
            if (primitive.is_object() && primitive.contains("extensions") && primitive["extensions"].is_object() &&
                primitive["extensions"].contains("KHR_draco_mesh_compression"))
                primitive.erase("indices");
        }
    }
}

Status preparseImages(Context& ctx, Json& root) {
    auto it = root.find("images");
    if (it == root.end() || !it->is_array()) return ok();
    ctx.encodedImages.resize(it->size());
    for (size_t i = 0; i < it->size(); ++i) {
        Json& image = (*it)[i];
        auto uri = image.find("uri");
        if (uri == image.end()) continue;
        std::string text = uri->get<std::string>();
        if (isDataUri(text) && ctx.options.loadImages) {
            auto decoded = decodeDataUri(text);
            if (!decoded) return ctx.fail(format("image %zu: data URI is not valid base64", i));
            ctx.encodedImages[i] = std::move(*decoded);
        }
        OH_TRY(checkUri(ctx, "image", i, text));
        if (!ctx.options.loadImages || isDataUri(text)) *uri = kPlaceholderUri;
    }
    return ok();
}

// Checks the document against the glTF 2.0 schema (before tinygltf fills in
// defaults for what is missing), extension support and URIs, and patches what
// tinygltf 2.7 cannot take:
// the GLB BIN buffer and EXT_meshopt_compression fallback buffers (no data of
// their own) become 1-byte placeholders that we replace after parsing; with
// loadImages off, image URIs become placeholders so nothing is read.
Status preparseJson(Context& ctx, Json& root, const Container& container) {
    if (!root.is_object()) return ctx.fail("JSON root is not an object");
    OH_TRY(checkGltfSchema(root, ctx.name));
    OH_TRY(checkExtensions(ctx, root));
    OH_TRY(preparseBuffers(ctx, root, container));
    hideDracoIndices(root);
    return preparseImages(ctx, root);
}

// [SECTION] tinygltf callbacks: file access confined to the model's folder

bool fsFileExists(const std::string& path, void* user) {
    auto* ctx = static_cast<Context*>(user);
    std::error_code ec;
    if (!insideFolder(ctx->baseDir, fs::path(path))) return false;
    return fs::is_regular_file(fs::path(path), ec);
}

std::string fsExpandFilePath(const std::string& path, void*) { return path; }  // no ~ or $VAR expansion

bool fsReadWholeFile(std::vector<unsigned char>* out, std::string* err, const std::string& path, void* user) {
    auto* ctx = static_cast<Context*>(user);
    if (!insideFolder(ctx->baseDir, fs::path(path))) {
        ctx->fsProblem = "'" + path + "' is outside the model's folder";
        if (err) *err += ctx->fsProblem;
        return false;
    }
    auto bytes = readFile(fs::path(path), kMaxExternalFileBytes);
    if (!bytes) {
        ctx->fsProblem = bytes.error().message;
        if (err) *err += ctx->fsProblem;
        return false;
    }
    *out = std::move(bytes.value());
    return true;
}

bool fsWriteWholeFile(std::string* err, const std::string&, const std::vector<unsigned char>&, void*) {
    if (err) *err += "writing is not supported";
    return false;
}

// Keeps the encoded bytes; decoding happens later, in parallel, only for images
// that textures use. Images in bufferViews are read later from the validated
// view (tinygltf hands us an unchecked pointer for them).
bool captureImage(tinygltf::Image* image, const int index, std::string*, std::string*, int, int,
                  const unsigned char* bytes, int size, void* user) {
    auto* ctx = static_cast<Context*>(user);
    if (image->bufferView >= 0 || index < 0 || size_t(index) >= ctx->encodedImages.size() || size <= 0) return true;
    if (!ctx->encodedImages[size_t(index)].empty()) return true;  // a data URI we decoded already
    ctx->encodedImages[size_t(index)].assign(bytes, bytes + size);
    return true;
}

// [SECTION] Buffers and buffer views (bounds, EXT_meshopt_compression)

const tinygltf::Value* extension(const tinygltf::ExtensionMap& extensions, const char* name) {
    auto it = extensions.find(name);
    return it == extensions.end() ? nullptr : &it->second;
}

std::optional<double> number(const tinygltf::Value& object, const char* key) {
    if (!object.IsObject() || !object.Has(key)) return std::nullopt;
    const tinygltf::Value& value = object.Get(key);
    if (!value.IsNumber()) return std::nullopt;
    return value.GetNumberAsDouble();
}

// An integer property: nullopt when absent; -1 (an invalid index everywhere)
// when present but not a non-negative integer below 2^31.
std::optional<int64_t> integer(const tinygltf::Value& object, const char* key) {
    auto value = number(object, key);
    if (!value) return std::nullopt;
    if (!(*value >= 0 && *value < 2147483648.0) || std::floor(*value) != *value) return -1;
    return int64_t(*value);
}

std::string string(const tinygltf::Value& object, const char* key, const std::string& fallback = {}) {
    if (!object.IsObject() || !object.Has(key) || !object.Get(key).IsString()) return fallback;
    return object.Get(key).Get<std::string>();
}

Status loadBuffers(Context& ctx) {
    // Bytes were read in preparseJson; tinygltf only saw placeholders.
    if (ctx.model.buffers.size() != ctx.buffers.size()) return ctx.fail("buffers could not be read");
    return ok();
}

Result<std::span<const uint8_t>> bufferRange(const Context& ctx, const std::string& who, int64_t buffer,
                                              uint64_t offset, uint64_t length) {
    if (buffer < 0 || uint64_t(buffer) >= ctx.buffers.size())
        return ctx.fail(format("%s: buffer %lld does not exist", who.c_str(), (long long)buffer));
    std::span<const uint8_t> bytes = ctx.buffers[size_t(buffer)];
    if (offset > bytes.size() || length > bytes.size() - offset)
        return ctx.fail(format("%s: byte range %llu + %llu runs past the end of buffer %lld (%zu bytes)", who.c_str(),
                               (unsigned long long)offset, (unsigned long long)length, (long long)buffer, bytes.size()));
    return bytes.subspan(size_t(offset), size_t(length));
}

Status loadBufferViews(Context& ctx) {
    const auto& views = ctx.model.bufferViews;
    ctx.views.resize(views.size());
    ctx.decodedViews.resize(views.size());
    for (size_t i = 0; i < views.size(); ++i) {
        const tinygltf::BufferView& view = views[i];
        std::string who = format("bufferView %zu", i);
        if (view.buffer < 0 || size_t(view.buffer) >= ctx.buffers.size())
            return ctx.fail(format("%s: buffer %d does not exist", who.c_str(), view.buffer));
        const tinygltf::Value* meshopt = extension(view.extensions, "EXT_meshopt_compression");
        if (!meshopt) {
            if (ctx.meshoptFallback[size_t(view.buffer)]) {
                ctx.views[i].problem = format("%s lies in buffer %d, an EXT_meshopt_compression fallback with no data",
                                              who.c_str(), view.buffer);
                continue;
            }
            auto range = bufferRange(ctx, who, view.buffer, view.byteOffset, view.byteLength);
            if (!range) return range.error();
            ctx.views[i].bytes = range.value();
            continue;
        }
        // The target buffer's own bytes are ignored: the compressed stream is
        // authoritative (a fallback buffer, if any, is only for other loaders).
        // Bounds check against the declared buffer length, since the fallback has no bytes.
        uint64_t declared = ctx.declaredBufferLength[size_t(view.buffer)];
        if (view.byteOffset > declared || view.byteLength > declared - view.byteOffset)
            return ctx.fail(format("%s: byte range %zu + %zu runs past the end of buffer %d (%llu bytes declared)",
                                   who.c_str(), view.byteOffset, view.byteLength, view.buffer, (unsigned long long)declared));
        auto source = integer(*meshopt, "buffer"), length = integer(*meshopt, "byteLength");
        auto offset = integer(*meshopt, "byteOffset"), count = integer(*meshopt, "count"),
             stride = integer(*meshopt, "byteStride");
        if (!source || !length || !count || !stride || *length < 0 || *count < 0 || *stride < 0 || (offset && *offset < 0))
            return ctx.fail(who + ": EXT_meshopt_compression needs integer buffer, byteLength, byteStride and count");
        auto compressed = bufferRange(ctx, who + " (EXT_meshopt_compression)", *source, offset.value_or(0), uint64_t(*length));
        if (!compressed) return compressed.error();
        if (ctx.meshoptFallback[size_t(*source)]) return ctx.fail(who + ": EXT_meshopt_compression reads from a fallback buffer");
        if (view.byteLength > uint64_t(*length) * kMaxMeshoptRatio + 4096)
            return ctx.fail(format("%s: EXT_meshopt_compression claims %zu decoded bytes from %lld compressed (implausible)",
                                   who.c_str(), view.byteLength, (long long)*length));
        MeshoptView decode{string(*meshopt, "mode"), string(*meshopt, "filter", "NONE"), uint64_t(*count), uint64_t(*stride)};
        ctx.decodedViews[i].assign(view.byteLength, 0);
        Status status = decodeMeshopt(compressed.value(), decode, ctx.decodedViews[i]);
        if (!status) return ctx.fail(who + ": " + status.error().message);
        ctx.views[i].bytes = ctx.decodedViews[i];
    }
    return ok();
}

Result<std::span<const uint8_t>> viewBytes(const Context& ctx, const std::string& who, int64_t view) {
    if (view < 0 || uint64_t(view) >= ctx.views.size())
        return ctx.fail(format("%s: bufferView %lld does not exist", who.c_str(), (long long)view));
    const ViewData& data = ctx.views[size_t(view)];
    if (!data.problem.empty()) return ctx.fail(who + ": " + data.problem);
    return data.bytes;
}

// [SECTION] Accessors

size_t componentSize(int componentType) {
    switch (componentType) {
        case TINYGLTF_COMPONENT_TYPE_BYTE:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return 1;
        case TINYGLTF_COMPONENT_TYPE_SHORT:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return 2;
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
        case TINYGLTF_COMPONENT_TYPE_FLOAT: return 4;
        default: return 0;
    }
}

uint32_t componentCount(int type) {
    switch (type) {
        case TINYGLTF_TYPE_SCALAR: return 1;
        case TINYGLTF_TYPE_VEC2: return 2;
        case TINYGLTF_TYPE_VEC3: return 3;
        case TINYGLTF_TYPE_VEC4: return 4;
        default: return 0;  // matrices are never vertex data
    }
}

template <typename Out, typename C>
Out convertComponent(C value, bool normalized) {
    if constexpr (std::is_same_v<Out, float>) {
        if constexpr (std::is_integral_v<C>) {
            // glTF 2.0 §3.11 (normalized integers): signed f = max(c / MAX, -1), unsigned f = c / MAX.
            if (normalized) {
                if constexpr (std::is_signed_v<C>)
                    return std::max(float(value) / float(std::numeric_limits<C>::max()), -1.0f);
                else
                    return float(double(value) / double(std::numeric_limits<C>::max()));
            }
        }
        return float(value);
    } else {
        return Out(value);  // indices: integral component types only (checked by the caller)
    }
}

template <typename Out, typename C>
void convertRun(const uint8_t* src, size_t stride, size_t count, uint32_t components, bool normalized, Out* dst) {
    for (size_t i = 0; i < count; ++i) {
        const uint8_t* element = src + i * stride;
        for (uint32_t c = 0; c < components; ++c) {
            C value;
            std::memcpy(&value, element + c * sizeof(C), sizeof(C));
            dst[i * components + c] = convertComponent<Out>(value, normalized);
        }
    }
}

template <typename Out>
void convert(int componentType, const uint8_t* src, size_t stride, size_t count, uint32_t components, bool normalized,
             Out* dst) {
    switch (componentType) {
        case TINYGLTF_COMPONENT_TYPE_BYTE: convertRun<Out, int8_t>(src, stride, count, components, normalized, dst); break;
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: convertRun<Out, uint8_t>(src, stride, count, components, normalized, dst); break;
        case TINYGLTF_COMPONENT_TYPE_SHORT: convertRun<Out, int16_t>(src, stride, count, components, normalized, dst); break;
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: convertRun<Out, uint16_t>(src, stride, count, components, normalized, dst); break;
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: convertRun<Out, uint32_t>(src, stride, count, components, normalized, dst); break;
        case TINYGLTF_COMPONENT_TYPE_FLOAT: convertRun<Out, float>(src, stride, count, components, normalized, dst); break;
        default: break;
    }
}

template <typename Out>
struct Array {
    std::vector<Out> values;
    uint32_t components = 0;
    size_t count = 0;
};

// Reads accessor `index` as `Out` (float: with glTF normalization; uint32_t:
// indices), sparse substitution applied. Checks every range before reading and
// every size before allocating.
template <typename Out>
Result<Array<Out>> readAccessor(const Context& ctx, int index, const std::string& user) {
    if (index < 0 || size_t(index) >= ctx.model.accessors.size())
        return ctx.fail(format("%s: accessor %d does not exist", user.c_str(), index));
    const tinygltf::Accessor& accessor = ctx.model.accessors[size_t(index)];
    std::string who = format("accessor %d", index);
    size_t componentBytes = componentSize(accessor.componentType);
    uint32_t components = componentCount(accessor.type);
    if (componentBytes == 0) return ctx.fail(format("%s: componentType %d is not valid", who.c_str(), accessor.componentType));
    if (components == 0) return ctx.fail(who + ": type must be SCALAR or VEC2..VEC4 here");
    if (std::is_same_v<Out, uint32_t> && accessor.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT)
        return ctx.fail(who + ": indices must be unsigned integers");
    size_t elementBytes = componentBytes * components;
    size_t count = accessor.count;
    if (count == 0) return ctx.fail(who + ": count is 0");

    Array<Out> out;
    out.components = components;
    out.count = count;
    if (accessor.bufferView >= 0) {
        auto bytes = viewBytes(ctx, who, accessor.bufferView);
        if (!bytes) return bytes.error();
        const tinygltf::BufferView& view = ctx.model.bufferViews[size_t(accessor.bufferView)];
        size_t stride = view.byteStride ? view.byteStride : elementBytes;
        if (stride < elementBytes)
            return ctx.fail(format("%s: byteStride %zu is smaller than one element (%zu bytes)", who.c_str(), stride, elementBytes));
        // Each check bounds the next multiplication: count <= size, stride <= 252.
        size_t available = bytes->size();
        if (accessor.byteOffset > available || count > available ||
            (count - 1) * stride + elementBytes > available - accessor.byteOffset)
            return ctx.fail(format("%s: %zu elements of %zu bytes (stride %zu) at offset %zu run past the end of bufferView %d (%zu bytes)",
                                   who.c_str(), count, elementBytes, stride, accessor.byteOffset, accessor.bufferView, available));
        out.values.resize(count * components);
        convert<Out>(accessor.componentType, bytes->data() + accessor.byteOffset, stride, count, components,
                     accessor.normalized, out.values.data());
    } else {
        if (!accessor.sparse.isSparse) return ctx.fail(who + ": has neither a bufferView nor sparse values");
        if (count > kMaxUnbackedElements)
            return ctx.fail(format("%s: count %zu without a bufferView is too large", who.c_str(), count));
        out.values.assign(count * components, Out(0));
    }

    if (accessor.sparse.isSparse) {
        const auto& sparse = accessor.sparse;
        if (sparse.count <= 0 || size_t(sparse.count) > count)
            return ctx.fail(format("%s: sparse count %d is not in 1..%zu", who.c_str(), sparse.count, count));
        size_t sparseCount = size_t(sparse.count);
        size_t indexBytes = componentSize(sparse.indices.componentType);
        if (sparse.indices.componentType == TINYGLTF_COMPONENT_TYPE_BYTE ||
            sparse.indices.componentType == TINYGLTF_COMPONENT_TYPE_SHORT ||
            sparse.indices.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT || indexBytes == 0)
            return ctx.fail(who + ": sparse indices must be unsigned integers");
        auto indexView = viewBytes(ctx, who + " sparse indices", sparse.indices.bufferView);
        if (!indexView) return indexView.error();
        auto valueView = viewBytes(ctx, who + " sparse values", sparse.values.bufferView);
        if (!valueView) return valueView.error();
        if (sparse.indices.byteOffset < 0 || size_t(sparse.indices.byteOffset) > indexView->size() ||
            sparseCount > (indexView->size() - size_t(sparse.indices.byteOffset)) / indexBytes)
            return ctx.fail(who + ": sparse indices run past the end of their bufferView");
        if (sparse.values.byteOffset < 0 || size_t(sparse.values.byteOffset) > valueView->size() ||
            sparseCount > (valueView->size() - size_t(sparse.values.byteOffset)) / elementBytes)
            return ctx.fail(who + ": sparse values run past the end of their bufferView");
        std::vector<uint32_t> targets(sparseCount);
        convert<uint32_t>(sparse.indices.componentType, indexView->data() + sparse.indices.byteOffset, indexBytes,
                          sparseCount, 1, false, targets.data());
        const uint8_t* values = valueView->data() + sparse.values.byteOffset;
        for (size_t k = 0; k < sparseCount; ++k) {
            if (targets[k] >= count)
                return ctx.fail(format("%s: sparse index %u is past the accessor's count %zu", who.c_str(), targets[k], count));
            convert<Out>(accessor.componentType, values + k * elementBytes, elementBytes, 1, components,
                         accessor.normalized, &out.values[size_t(targets[k]) * components]);
        }
    }
    if constexpr (std::is_same_v<Out, float>) {
        for (float v : out.values)
            if (!std::isfinite(v)) return ctx.fail(who + ": contains a non-finite number (NaN or infinity)");
    }
    return out;
}

// [SECTION] Textures, samplers and materials

struct Resolver {
    std::map<std::pair<int, bool>, uint32_t> textures;  // (glTF texture, srgb) -> scene texture
    std::map<int, uint32_t> images;                     // glTF image -> scene image
};

scene::Wrap mapWrap(int wrap) {
    switch (wrap) {
        case TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE: return scene::Wrap::ClampToEdge;
        case TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT: return scene::Wrap::MirroredRepeat;
        default: return scene::Wrap::Repeat;
    }
}

scene::Sampler mapSampler(const tinygltf::Sampler& in) {
    scene::Sampler out;
    out.magFilter = in.magFilter == TINYGLTF_TEXTURE_FILTER_NEAREST ? scene::Filter::Nearest : scene::Filter::Linear;
    switch (in.minFilter) {
        case TINYGLTF_TEXTURE_FILTER_NEAREST: out.minFilter = scene::Filter::Nearest; out.useMipmaps = false; break;
        case TINYGLTF_TEXTURE_FILTER_LINEAR: out.minFilter = scene::Filter::Linear; out.useMipmaps = false; break;
        case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST: out.minFilter = scene::Filter::Nearest; out.mipFilter = scene::Filter::Nearest; break;
        case TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_NEAREST: out.minFilter = scene::Filter::Linear; out.mipFilter = scene::Filter::Nearest; break;
        case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_LINEAR: out.minFilter = scene::Filter::Nearest; out.mipFilter = scene::Filter::Linear; break;
        default: break;  // LINEAR_MIPMAP_LINEAR or unset: the defaults
    }
    out.wrapS = mapWrap(in.wrapS);
    out.wrapT = mapWrap(in.wrapT);
    return out;
}

// The image a texture shows: EXT_texture_webp's source first (we decode WebP),
// then the core source. KHR_texture_basisu alone is refused by name.
Result<int> textureSource(const Context& ctx, int textureIndex) {
    const tinygltf::Texture& texture = ctx.model.textures[size_t(textureIndex)];
    std::string who = format("texture %d", textureIndex);
    int source = texture.source;
    if (const tinygltf::Value* webp = extension(texture.extensions, "EXT_texture_webp")) {
        auto webpSource = integer(*webp, "source");
        if (webpSource) source = int(*webpSource);
    }
    if (source < 0 && !texture.extensions.empty() && extension(texture.extensions, "KHR_texture_basisu"))
        return ctx.fail(who + ": its only image is KTX2 (KHR_texture_basisu), which is not supported; "
                              "re-export with PNG, JPEG or WebP textures");
    if (source < 0) return ctx.fail(who + ": has no image source");
    if (size_t(source) >= ctx.model.images.size())
        return ctx.fail(format("%s: image %d does not exist", who.c_str(), source));
    return source;
}

Result<scene::TextureSlot> resolveSlot(Context& ctx, scene::Scene& out, Resolver& resolver, const std::string& who,
                                       int textureIndex, int texCoord, const tinygltf::ExtensionMap& extensions,
                                       bool srgb) {
    scene::TextureSlot slot;
    if (textureIndex < 0 && extensions.empty()) return slot;  // absent: the default textureInfo has index -1
    if (textureIndex < 0 || size_t(textureIndex) >= ctx.model.textures.size())
        return ctx.fail(format("%s: texture %d does not exist", who.c_str(), textureIndex));
    if (texCoord < 0 || texCoord > 1)
        return ctx.fail(format("%s: texCoord %d is not supported (only TEXCOORD_0 and TEXCOORD_1)", who.c_str(), texCoord));
    slot.texCoord = uint32_t(texCoord);
    if (const tinygltf::Value* transform = extension(extensions, "KHR_texture_transform")) {
        auto vec2 = [&](const char* key, glm::vec2 fallback) {
            if (!transform->Has(key)) return fallback;
            const tinygltf::Value& array = transform->Get(key);
            if (!array.IsArray() || array.ArrayLen() != 2 || !array.Get(0).IsNumber() || !array.Get(1).IsNumber())
                return fallback;
            return glm::vec2(float(array.Get(0).GetNumberAsDouble()), float(array.Get(1).GetNumberAsDouble()));
        };
        slot.transform.offset = vec2("offset", glm::vec2(0.0f));
        slot.transform.scale = vec2("scale", glm::vec2(1.0f));
        slot.transform.rotation = float(number(*transform, "rotation").value_or(0.0));
        if (auto overrideCoord = integer(*transform, "texCoord")) {
            if (*overrideCoord < 0 || *overrideCoord > 1)
                return ctx.fail(format("%s: KHR_texture_transform texCoord %lld is not supported (only 0 and 1)",
                                       who.c_str(), (long long)*overrideCoord));
            slot.texCoord = uint32_t(*overrideCoord);
        }
        if (!std::isfinite(slot.transform.offset.x + slot.transform.offset.y + slot.transform.scale.x +
                           slot.transform.scale.y + slot.transform.rotation))
            return ctx.fail(who + ": KHR_texture_transform has a non-finite value");
    }
    auto key = std::make_pair(textureIndex, srgb);
    if (auto it = resolver.textures.find(key); it != resolver.textures.end()) {
        slot.texture = it->second;
        return slot;
    }
    auto source = textureSource(ctx, textureIndex);
    if (!source) return source.error();
    const tinygltf::Texture& texture = ctx.model.textures[size_t(textureIndex)];
    if (texture.sampler >= 0 && size_t(texture.sampler) >= ctx.model.samplers.size())
        return ctx.fail(format("texture %d: sampler %d does not exist", textureIndex, texture.sampler));
    auto [imageIt, added] = resolver.images.try_emplace(source.value(), uint32_t(out.images.size()));
    if (added) {
        const tinygltf::Image& image = ctx.model.images[size_t(source.value())];
        scene::Image& sceneImage = out.images.emplace_back();
        sceneImage.name = !image.uri.empty() && !isDataUri(image.uri) ? percentDecode(image.uri)
                          : !image.name.empty()                       ? image.name
                                                                      : format("image %d", source.value());
    }
    scene::Texture sceneTexture;
    sceneTexture.image = imageIt->second;
    sceneTexture.sampler = texture.sampler >= 0 ? uint32_t(texture.sampler) : scene::kNone;
    sceneTexture.srgb = srgb;
    slot.texture = uint32_t(out.textures.size());
    out.textures.push_back(sceneTexture);
    resolver.textures.emplace(key, slot.texture);
    return slot;
}

Status loadMaterials(Context& ctx, scene::Scene& out) {
    Resolver resolver;
    for (const tinygltf::Sampler& sampler : ctx.model.samplers) out.samplers.push_back(mapSampler(sampler));
    for (size_t i = 0; i < ctx.model.materials.size(); ++i) {
        const tinygltf::Material& in = ctx.model.materials[i];
        const tinygltf::PbrMetallicRoughness& pbr = in.pbrMetallicRoughness;
        std::string who = format("material %zu", i);
        scene::Material material;
        material.name = in.name;
        // 4 and 3 numbers: the schema check refused any other length (tinygltf's defaults have them too).
        material.baseColorFactor = glm::vec4(glm::make_vec4(pbr.baseColorFactor.data()));
        material.emissiveFactor = glm::vec3(glm::make_vec3(in.emissiveFactor.data()));
        material.metallicFactor = float(pbr.metallicFactor);
        material.roughnessFactor = float(pbr.roughnessFactor);
        material.normalScale = float(in.normalTexture.scale);
        material.occlusionStrength = float(in.occlusionTexture.strength);
        material.alphaCutoff = float(in.alphaCutoff);
        material.doubleSided = in.doubleSided;
        if (in.alphaMode == "MASK") material.alphaMode = scene::AlphaMode::Mask;
        else if (in.alphaMode == "BLEND") material.alphaMode = scene::AlphaMode::Blend;
        if (const tinygltf::Value* strength = extension(in.extensions, "KHR_materials_emissive_strength"))
            material.emissiveStrength = float(number(*strength, "emissiveStrength").value_or(1.0));
        material.unlit = extension(in.extensions, "KHR_materials_unlit") != nullptr;
        float check = material.baseColorFactor.x + material.baseColorFactor.y + material.baseColorFactor.z +
                      material.baseColorFactor.w + material.emissiveFactor.x + material.emissiveFactor.y +
                      material.emissiveFactor.z + material.metallicFactor + material.roughnessFactor +
                      material.normalScale + material.occlusionStrength + material.alphaCutoff + material.emissiveStrength;
        if (!std::isfinite(check)) return ctx.fail(who + ": has a non-finite factor");

        auto slot = [&](const char* name, const auto& info, bool srgb, scene::TextureSlot& target) -> Status {
            auto resolved = resolveSlot(ctx, out, resolver, who + " " + name, info.index, info.texCoord, info.extensions, srgb);
            if (!resolved) return resolved.error();
            target = resolved.value();
            return ok();
        };
        OH_TRY(slot("baseColorTexture", pbr.baseColorTexture, true, material.baseColor));
        OH_TRY(slot("metallicRoughnessTexture", pbr.metallicRoughnessTexture, false, material.metallicRoughness));
        OH_TRY(slot("normalTexture", in.normalTexture, false, material.normal));
        OH_TRY(slot("occlusionTexture", in.occlusionTexture, false, material.occlusion));
        OH_TRY(slot("emissiveTexture", in.emissiveTexture, true, material.emissive));
        out.materials.push_back(std::move(material));
    }
    ctx.usedImages = resolver.images;
    return ok();
}

// [SECTION] Meshes

// Attribute data for one primitive, from accessors or a Draco stream.
struct PrimitiveSource {
    const Context& ctx;
    const tinygltf::Primitive& primitive;
    std::string who;
    std::optional<DracoMesh> draco;
    std::map<std::string, int> dracoIds;  // attribute name -> Draco id

    Result<std::optional<Array<float>>> attribute(const std::string& name) const {
        auto it = primitive.attributes.find(name);
        if (it == primitive.attributes.end()) return std::optional<Array<float>>();
        if (draco) {
            if (auto id = dracoIds.find(name); id != dracoIds.end()) {
                Array<float> array;
                array.values = draco->attributes.at(id->second);
                array.count = draco->vertexCount;
                array.components = uint32_t(array.values.size() / std::max<size_t>(array.count, 1));
                for (float v : array.values)
                    if (!std::isfinite(v)) return ctx.fail(who + ": Draco " + name + " has a non-finite value");
                return std::optional(std::move(array));
            }
        }
        auto array = readAccessor<float>(ctx, it->second, who + " " + name);
        if (!array) return array.error();
        return std::optional(std::move(array.value()));
    }
};

Status checkShape(const Context& ctx, const std::string& who, const std::string& name, const Array<float>& array,
                  size_t vertexCount, std::initializer_list<uint32_t> allowed) {
    if (std::find(allowed.begin(), allowed.end(), array.components) == allowed.end())
        return ctx.fail(format("%s: %s has %u components per element, which is not valid for it", who.c_str(),
                               name.c_str(), array.components));
    if (array.count != vertexCount)
        return ctx.fail(format("%s: %s has %zu elements but POSITION has %zu", who.c_str(), name.c_str(), array.count,
                               vertexCount));
    return ok();
}

// Converts the primitive's index list (any topology) to a triangle list.
Result<std::vector<uint32_t>> triangulate(const Context& ctx, const std::string& who, int mode, std::vector<uint32_t> indices) {
    std::vector<uint32_t> out;
    size_t n = indices.size();
    if (mode == TINYGLTF_MODE_TRIANGLES) {
        if (n % 3 != 0) return ctx.fail(format("%s: %zu indices is not a multiple of 3 for TRIANGLES", who.c_str(), n));
        return indices;
    }
    if (n < 3) return out;
    out.reserve((n - 2) * 3);
    for (size_t i = 0; i + 2 < n; ++i) {
        if (mode == TINYGLTF_MODE_TRIANGLE_STRIP) {
            // glTF 2.0 §3.7.2.1: strip triangle i = {p_i, p_(i+(1+i%2)), p_(i+(2-i%2))}, keeping the winding.
            out.insert(out.end(), {indices[i], indices[i + 1 + i % 2], indices[i + 2 - i % 2]});
        } else {
            // Fan triangle i = {p_(i+1), p_(i+2), p_0}.
            out.insert(out.end(), {indices[i + 1], indices[i + 2], indices[0]});
        }
    }
    return out;
}

// KHR_draco_mesh_compression: decodes the stream (the attributes it holds and
// the indices) into `source`.
Status decodeDracoStream(PrimitiveSource& source, const tinygltf::Value& draco) {
    const Context& ctx = source.ctx;
    const std::string& who = source.who;
    auto view = integer(draco, "bufferView");
    if (!view) return ctx.fail(who + ": KHR_draco_mesh_compression has no bufferView");
    auto bytes = viewBytes(ctx, who + " (KHR_draco_mesh_compression)", *view);
    if (!bytes) return bytes.error();
    std::vector<DracoAttributeRequest> requests;
    const tinygltf::Value& attributes = draco.Get("attributes");
    if (attributes.IsObject()) {
        for (const std::string& name : attributes.Keys()) {
            auto id = integer(attributes, name.c_str());
            auto accessor = source.primitive.attributes.find(name);
            if (!id || *id < 0 || accessor == source.primitive.attributes.end()) continue;
            if (accessor->second < 0 || size_t(accessor->second) >= ctx.model.accessors.size())
                return ctx.fail(
                    format("%s %s: accessor %d does not exist", who.c_str(), name.c_str(), accessor->second));
            int components = int(componentCount(ctx.model.accessors[size_t(accessor->second)].type));
            requests.push_back({int(*id), components});
            source.dracoIds[name] = int(*id);
        }
    }
    auto decoded = decodeDraco(bytes.value(), requests);
    if (!decoded) return ctx.fail(who + ": " + decoded.error().message);
    source.draco = std::move(decoded.value());
    return ok();
}

// Reads attribute `name` if the primitive has it, checks its shape against
// POSITION and hands each vertex its element (`store`); says whether it was there.
template <typename Store>
Result<bool> readAttribute(const PrimitiveSource& source, const std::string& name,
                           std::initializer_list<uint32_t> allowed, scene::Primitive& result, Store store) {
    auto read = source.attribute(name);
    if (!read) return read.error();
    if (!read.value()) return false;
    const Array<float>& array = *read.value();
    OH_TRY(checkShape(source.ctx, source.who, name, array, result.vertices.size(), allowed));
    for (size_t v = 0; v < result.vertices.size(); ++v)
        store(result.vertices[v], &array.values[v * array.components], array.components);
    return true;
}

// Which optional attributes the file gave (the others are generated).
struct GivenAttributes {
    bool normals = false;
    bool tangents = false;
};

Result<GivenAttributes> readVertices(const PrimitiveSource& source, scene::Primitive& result) {
    auto positions = source.attribute("POSITION");
    if (!positions) return positions.error();
    const Array<float>& position = *positions.value();
    if (position.components != 3) return source.ctx.fail(source.who + ": POSITION must be VEC3");
    result.vertices.resize(position.count);
    for (size_t v = 0; v < position.count; ++v) result.vertices[v].position = glm::make_vec3(&position.values[v * 3]);

    auto normals = readAttribute(source, "NORMAL", {3}, result, [](scene::Vertex& v, const float* value, uint32_t) {
        v.normal = glm::make_vec3(value);
    });
    if (!normals) return normals.error();
    auto tangents = readAttribute(source, "TANGENT", {4}, result, [](scene::Vertex& v, const float* value, uint32_t) {
        v.tangent = glm::make_vec4(value);
    });
    if (!tangents) return tangents.error();
    for (int set = 0; set < 2; ++set) {
        auto uvs = readAttribute(source, format("TEXCOORD_%d", set), {2}, result,
                                 [set](scene::Vertex& v, const float* value, uint32_t) {
                                     (set == 0 ? v.uv0 : v.uv1) = glm::make_vec2(value);
                                 });
        if (!uvs) return uvs.error();
    }
    auto colors = readAttribute(source, "COLOR_0", {3, 4}, result,
                                [](scene::Vertex& v, const float* value, uint32_t components) {
                                    v.color = components == 4 ? glm::make_vec4(value)
                                                              : glm::vec4(glm::make_vec3(value), 1.0f);
                                });
    if (!colors) return colors.error();
    return GivenAttributes{normals.value(), tangents.value()};
}

// The primitive's vertex indices (from Draco, an accessor, or 0..n-1), each checked against the vertex count.
Result<std::vector<uint32_t>> readIndices(PrimitiveSource& source, size_t vertexCount) {
    const Context& ctx = source.ctx;
    const std::string& who = source.who;
    std::vector<uint32_t> indices;
    if (source.draco) {
        indices = std::move(source.draco->indices);
    } else if (source.primitive.indices >= 0) {
        auto read = readAccessor<uint32_t>(ctx, source.primitive.indices, who + " indices");
        if (!read) return read.error();
        if (read->components != 1) return ctx.fail(who + ": indices accessor must be SCALAR");
        indices = std::move(read->values);
    } else {
        indices.resize(vertexCount);
        for (size_t i = 0; i < vertexCount; ++i) indices[i] = uint32_t(i);
    }
    for (uint32_t index : indices)
        if (index >= vertexCount)
            return ctx.fail(format("%s: vertex index %u is past the vertex count %zu", who.c_str(), index, vertexCount));
    return indices;
}

// What the file left out: flat normals, tangents where a normal map needs them; then the bounds.
void completeVertices(scene::Primitive& result, const scene::Scene& out, GivenAttributes given) {
    if (!given.normals) generateFlatNormals(result);
    if (!given.tangents && result.material != scene::kNone && out.materials[result.material].normal.present())
        generateTangents(result, out.materials[result.material].normal.texCoord);
    for (const scene::Vertex& vertex : result.vertices) result.bounds.extend(vertex.position);
}

Result<std::optional<scene::Primitive>> loadPrimitive(Context& ctx, const scene::Scene& out, size_t meshIndex,
                                                      size_t primitiveIndex, std::set<int>& skippedModes) {
    const tinygltf::Primitive& primitive = ctx.model.meshes[meshIndex].primitives[primitiveIndex];
    std::string who = format("mesh %zu primitive %zu", meshIndex, primitiveIndex);
    int mode = primitive.mode < 0 ? TINYGLTF_MODE_TRIANGLES : primitive.mode;
    if (mode < TINYGLTF_MODE_TRIANGLES) {
        skippedModes.insert(mode);
        return std::optional<scene::Primitive>();
    }
    if (primitive.material >= 0 && size_t(primitive.material) >= out.materials.size())
        return ctx.fail(format("%s: material %d does not exist", who.c_str(), primitive.material));
    if (!primitive.attributes.count("POSITION")) {
        ctx.warn(who + ": has no POSITION and is skipped");
        return std::optional<scene::Primitive>();
    }

    PrimitiveSource source{ctx, primitive, who, std::nullopt, {}};
    if (const tinygltf::Value* draco = extension(primitive.extensions, "KHR_draco_mesh_compression"))
        OH_TRY(decodeDracoStream(source, *draco));
    scene::Primitive result;
    result.material = primitive.material >= 0 ? uint32_t(primitive.material) : scene::kNone;
    auto given = readVertices(source, result);
    if (!given) return given.error();
    auto indices = readIndices(source, result.vertices.size());
    if (!indices) return indices.error();
    auto triangles = triangulate(ctx, who, mode, std::move(indices.value()));
    if (!triangles) return triangles.error();
    result.indices = std::move(triangles.value());
    if (result.indices.empty()) return std::optional<scene::Primitive>();
    completeVertices(result, out, given.value());
    return std::optional(std::move(result));
}

Status loadMeshes(Context& ctx, scene::Scene& out) {
    std::set<int> skippedModes;
    bool morphTargets = false;
    for (size_t m = 0; m < ctx.model.meshes.size(); ++m) {
        scene::Mesh mesh;
        mesh.name = ctx.model.meshes[m].name;
        for (size_t p = 0; p < ctx.model.meshes[m].primitives.size(); ++p) {
            morphTargets |= !ctx.model.meshes[m].primitives[p].targets.empty();
            auto primitive = loadPrimitive(ctx, out, m, p, skippedModes);
            if (!primitive) return primitive.error();
            if (primitive.value()) mesh.primitives.push_back(std::move(*primitive.value()));
        }
        out.meshes.push_back(std::move(mesh));
    }
    static const char* kModeNames[] = {"POINTS", "LINES", "LINE_LOOP", "LINE_STRIP"};
    for (int mode : skippedModes)
        ctx.warn(format("primitives with mode %s are skipped (only triangles are drawn)", kModeNames[mode]));
    if (morphTargets) ctx.warn("morph targets are ignored; meshes show their base shape");
    return ok();
}

// [SECTION] Node graph, cameras, lights, instances

Result<glm::mat4> localMatrix(const Context& ctx, size_t index) {
    const tinygltf::Node& node = ctx.model.nodes[index];
    std::string who = format("node %zu", index);
    glm::mat4 m(1.0f);
    if (!node.matrix.empty()) {  // array lengths: checked by the schema pass
        m = glm::mat4(glm::make_mat4(node.matrix.data()));  // column-major, as glTF stores it
    } else {
        glm::vec3 t = node.translation.empty() ? glm::vec3(0.0f) : glm::vec3(glm::make_vec3(node.translation.data()));
        glm::quat r = node.rotation.empty() ? glm::quat(1.0f, 0.0f, 0.0f, 0.0f)
                                            : glm::quat(float(node.rotation[3]), float(node.rotation[0]),
                                                        float(node.rotation[1]), float(node.rotation[2]));
        glm::vec3 s = node.scale.empty() ? glm::vec3(1.0f) : glm::vec3(glm::make_vec3(node.scale.data()));
        m = glm::translate(glm::mat4(1.0f), t) * glm::mat4_cast(r) * glm::scale(glm::mat4(1.0f), s);
    }
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r)
            if (!std::isfinite(m[c][r])) return ctx.fail(who + ": transform has a non-finite number");
    return m;
}

Status loadNodes(Context& ctx, scene::Scene& out) {
    const auto& nodes = ctx.model.nodes;
    out.nodes.resize(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
        const tinygltf::Node& node = nodes[i];
        std::string who = format("node %zu", i);
        out.nodes[i].name = node.name;
        out.nodes[i].mesh = node.mesh >= 0 ? uint32_t(node.mesh) : scene::kNone;
        if (node.mesh >= 0 && size_t(node.mesh) >= out.meshes.size())
            return ctx.fail(format("%s: mesh %d does not exist", who.c_str(), node.mesh));
        if (node.camera >= 0 && size_t(node.camera) >= ctx.model.cameras.size())
            return ctx.fail(format("%s: camera %d does not exist", who.c_str(), node.camera));
        if (node.mesh < -1 || node.camera < -1) return ctx.fail(who + ": has a negative mesh or camera index");
        if (const tinygltf::Value* light = extension(node.extensions, "KHR_lights_punctual")) {
            auto index = integer(*light, "light");
            if (!index || *index < 0 || uint64_t(*index) >= ctx.model.lights.size())
                return ctx.fail(format("%s: KHR_lights_punctual light %lld does not exist", who.c_str(),
                                       (long long)index.value_or(-1)));
        }
        for (int child : node.children) {
            if (child < 0 || size_t(child) >= nodes.size())
                return ctx.fail(format("%s: child node %d does not exist", who.c_str(), child));
            if (size_t(child) == i) return ctx.fail(who + ": is its own child");
            if (out.nodes[size_t(child)].parent != scene::kNone)
                return ctx.fail(format("node %d has two parents (nodes %u and %zu); glTF nodes form a tree", child,
                                       out.nodes[size_t(child)].parent, i));
            out.nodes[size_t(child)].parent = uint32_t(i);
        }
    }
    // With one parent each, a cycle is a parent chain that never reaches a root.
    std::vector<uint8_t> state(nodes.size(), 0);  // 0 unknown, 1 on the current walk, 2 reaches a root
    for (size_t start = 0; start < nodes.size(); ++start) {
        size_t i = start;
        while (i != scene::kNone && state[i] == 0) {
            state[i] = 1;
            i = out.nodes[i].parent;
        }
        if (i != scene::kNone && state[i] == 1) return ctx.fail(format("nodes form a cycle (through node %zu)", i));
        for (i = start; i != scene::kNone && state[i] == 1; i = out.nodes[i].parent) state[i] = 2;
    }
    return ok();
}

Result<std::vector<int>> sceneRoots(const Context& ctx, scene::Scene& out) {
    const auto& model = ctx.model;
    int index = ctx.options.sceneIndex;
    if (index == ImportOptions::kDefaultScene) index = model.defaultScene >= 0 ? model.defaultScene : 0;
    if (model.scenes.empty() && ctx.options.sceneIndex == ImportOptions::kDefaultScene && model.defaultScene < 0) {
        // No scenes at all: show every root node rather than nothing.
        std::vector<int> roots;
        for (size_t i = 0; i < out.nodes.size(); ++i)
            if (out.nodes[i].parent == scene::kNone) roots.push_back(int(i));
        return roots;
    }
    if (index < 0 || size_t(index) >= model.scenes.size())
        return ctx.fail(format("scene %d does not exist (the file has %zu)", index, model.scenes.size()));
    const tinygltf::Scene& chosen = model.scenes[size_t(index)];
    if (!chosen.name.empty()) out.name = chosen.name;
    for (int root : chosen.nodes) {
        if (root < 0 || size_t(root) >= out.nodes.size())
            return ctx.fail(format("scene %d: node %d does not exist", index, root));
        if (out.nodes[size_t(root)].parent != scene::kNone)
            return ctx.fail(format("scene %d: node %d is listed as a root but has a parent", index, root));
    }
    return chosen.nodes;
}

scene::Camera makeCamera(const tinygltf::Camera& in, const std::string& nodeName) {
    scene::Camera camera;
    camera.name = !in.name.empty() ? in.name : nodeName;
    if (in.type == "orthographic") {
        camera.type = scene::Camera::Type::Orthographic;
        camera.xmag = float(in.orthographic.xmag);
        camera.ymag = float(in.orthographic.ymag);
        camera.znear = float(in.orthographic.znear);
        camera.zfar = float(in.orthographic.zfar);
    } else {
        camera.yfov = float(in.perspective.yfov);
        camera.aspectRatio = float(in.perspective.aspectRatio);
        camera.znear = float(in.perspective.znear);
        camera.zfar = float(in.perspective.zfar);
    }
    return camera;
}

scene::Light makeLight(const tinygltf::Light& in) {
    scene::Light light;
    light.name = in.name;
    if (in.type == "directional") light.type = scene::Light::Type::Directional;
    else if (in.type == "spot") light.type = scene::Light::Type::Spot;
    if (in.color.size() == 3) light.color = glm::vec3(glm::make_vec3(in.color.data()));
    light.intensity = float(in.intensity);
    light.range = float(in.range);
    if (light.type == scene::Light::Type::Spot) {
        light.innerConeAngle = float(in.spot.innerConeAngle);
        light.outerConeAngle = float(in.spot.outerConeAngle);
    }
    return light;
}

Status placeScene(Context& ctx, scene::Scene& out) {
    auto roots = sceneRoots(ctx, out);
    if (!roots) return roots.error();
    std::vector<bool> visited(out.nodes.size(), false);
    std::vector<std::pair<size_t, glm::mat4>> stack;  // iterative: deep chains must not exhaust the C++ stack
    for (int root : roots.value()) stack.emplace_back(size_t(root), glm::mat4(1.0f));
    std::reverse(stack.begin(), stack.end());
    while (!stack.empty()) {
        auto [index, parentWorld] = stack.back();
        stack.pop_back();
        if (visited[index]) continue;  // a root listed twice
        visited[index] = true;
        auto local = localMatrix(ctx, index);
        if (!local) return local.error();
        glm::mat4 world = parentWorld * local.value();
        scene::Node& node = out.nodes[index];
        const tinygltf::Node& in = ctx.model.nodes[index];
        node.world = world;
        if (in.mesh >= 0) {
            scene::MeshInstance instance;
            instance.mesh = uint32_t(in.mesh);
            instance.node = uint32_t(index);
            instance.world = world;
            instance.mirrored = glm::determinant(glm::mat3(world)) < 0.0f;
            for (const scene::Primitive& primitive : out.meshes[size_t(in.mesh)].primitives)
                instance.worldBounds.extend(primitive.bounds.transformed(world));
            out.bounds.extend(instance.worldBounds);
            out.instances.push_back(instance);
        }
        if (in.camera >= 0) {
            scene::Camera camera = makeCamera(ctx.model.cameras[size_t(in.camera)], in.name);
            // Users pick cameras by name (`--camera`, the viewer's list): never leave one blank.
            if (camera.name.empty()) camera.name = format("camera %zu", out.cameras.size() + 1);
            camera.world = world;
            node.camera = uint32_t(out.cameras.size());
            out.cameras.push_back(camera);
        }
        if (const tinygltf::Value* light = extension(in.extensions, "KHR_lights_punctual")) {
            scene::Light sceneLight = makeLight(ctx.model.lights[size_t(*integer(*light, "light"))]);
            sceneLight.position = glm::vec3(world[3]);
            // KHR_lights_punctual: lights point down their local -Z.
            glm::vec3 direction = glm::mat3(world) * glm::vec3(0.0f, 0.0f, -1.0f);
            float length = glm::length(direction);
            sceneLight.direction = length > 0.0f ? direction / length : glm::vec3(0.0f, 0.0f, -1.0f);
            node.light = uint32_t(out.lights.size());
            out.lights.push_back(sceneLight);
        }
        const auto& children = in.children;
        for (auto it = children.rbegin(); it != children.rend(); ++it) stack.emplace_back(size_t(*it), world);
    }
    return ok();
}

// [SECTION] Images: decoded in parallel, only those textures use

Status loadImages(Context& ctx, scene::Scene& out, const std::map<int, uint32_t>& used) {
    if (!ctx.options.loadImages || used.empty()) return ok();
    struct Job {
        int gltfImage;
        uint32_t sceneImage;
        std::span<const uint8_t> bytes;
        Status status = ok();
    };
    std::vector<Job> jobs;
    for (auto [gltfImage, sceneImage] : used) {
        const tinygltf::Image& image = ctx.model.images[size_t(gltfImage)];
        std::string who = format("image %d ('%s')", gltfImage, out.images[sceneImage].name.c_str());
        std::span<const uint8_t> bytes;
        if (image.bufferView >= 0) {
            auto view = viewBytes(ctx, who, image.bufferView);
            if (!view) return view.error();
            bytes = view.value();
        } else {
            bytes = ctx.encodedImages[size_t(gltfImage)];
            if (bytes.empty())
                return ctx.fail(who + ": file not found or unreadable" + (ctx.fsProblem.empty() ? "" : " (" + ctx.fsProblem + ")"));
        }
        jobs.push_back({gltfImage, sceneImage, bytes});
    }
    image::DecodeLimits limits{ctx.options.maxImagePixels, ctx.options.maxImageDimension};
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t k = next++; k < jobs.size(); k = next++)
            jobs[k].status = image::decodeImage(jobs[k].bytes, limits, out.images[jobs[k].sceneImage]);
    };
    size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), jobs.size());
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& thread : pool) thread.join();
    for (const Job& job : jobs)
        if (!job.status)
            return ctx.fail(format("image %d ('%s'): %s", job.gltfImage, out.images[job.sceneImage].name.c_str(),
                                   job.status.error().message.c_str()));
    return ok();
}

// [SECTION] Entry points

Result<ImportResult> importBytes(Context& ctx, const uint8_t* data, size_t size) {
    auto start = std::chrono::steady_clock::now();
    auto secondsSince = [](std::chrono::steady_clock::time_point from) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
    };
    auto container = splitContainer(ctx, data, size);
    if (!container) return container.error();
    OH_TRY(checkNesting(ctx, container->json));
    Json root;
    try {
        root = Json::parse(container->json.begin(), container->json.end());
    } catch (const std::exception& e) {
        return ctx.fail(std::string("invalid JSON: ") + firstLine(e.what()));
    }
    OH_TRY(preparseJson(ctx, root, container.value()));
    std::string text = root.dump();
    root = Json();
    if (text.size() > std::numeric_limits<unsigned int>::max()) return ctx.fail("JSON is larger than 4 GiB");

    tinygltf::TinyGLTF loader;
    loader.SetFsCallbacks({&fsFileExists, &fsExpandFilePath, &fsReadWholeFile, &fsWriteWholeFile, &ctx});
    loader.SetImageLoader(&captureImage, &ctx);
    std::string err, warn;
    bool parsed = false;
    try {
        parsed = loader.LoadASCIIFromString(&ctx.model, &err, &warn, text.data(), unsigned(text.size()),
                                            ctx.baseDir.string(), tinygltf::REQUIRE_VERSION);
    } catch (const std::exception& e) {
        err = e.what();
    }
    if (!parsed) {
        std::string problem = !ctx.fsProblem.empty() ? ctx.fsProblem : firstLine(err);
        return ctx.fail("invalid glTF: " + (problem.empty() ? std::string("tinygltf refused it") : problem));
    }
    text = std::string();

    ImportResult result;
    scene::Scene& out = result.scene;
    out.name = fs::path(ctx.name).stem().string();
    if (!ctx.model.skins.empty() || !ctx.model.animations.empty())
        ctx.warn("skins and animations are ignored; meshes are shown in their bind pose");
    OH_TRY(loadBuffers(ctx));
    OH_TRY(loadBufferViews(ctx));
    OH_TRY(loadMaterials(ctx, out));
    OH_TRY(loadMeshes(ctx, out));
    OH_TRY(loadNodes(ctx, out));
    OH_TRY(placeScene(ctx, out));
    result.parseSeconds = secondsSince(start);
    auto decodeStart = std::chrono::steady_clock::now();
    OH_TRY(loadImages(ctx, out, ctx.usedImages));
    result.imageDecodeSeconds = secondsSince(decodeStart);
    result.warnings = std::move(ctx.warnings);
    return result;
}

}  // namespace

Result<ImportResult> importMemory(const uint8_t* data, size_t size, const std::filesystem::path& baseDir,
                                  const std::string& displayName, const ImportOptions& options) {
    Context ctx{displayName, {}, options};
    std::error_code ec;
    fs::path base = baseDir.empty() ? fs::current_path(ec) : fs::absolute(baseDir, ec);
    ctx.baseDir = fs::weakly_canonical(base, ec);
    if (ec) return ctx.fail("base folder '" + displayPath(baseDir) + "' cannot be resolved: " + ec.message());
    try {
        return importBytes(ctx, data, size);
    } catch (const std::bad_alloc&) {
        return ctx.fail("out of memory");
    } catch (const std::exception& e) {
        return ctx.fail(std::string("unexpected error: ") + firstLine(e.what()));
    }
}

Result<ImportResult> importFile(const std::filesystem::path& path, const ImportOptions& options) {
    std::string name = path.filename().string();
    auto bytes = readFile(path);
    if (!bytes) {
        // readFile's message starts with the full path; ours starts with the file name.
        std::string message = bytes.error().message, prefix = displayPath(path) + ": ";
        if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
        return makeError(name + ": " + message, bytes.error().exitCode);
    }
    return importMemory(bytes->data(), bytes->size(), path.parent_path(), name, options);
}

}  // namespace oh::gltf
