// The glTF 2.0 JSON schema (KhronosGroup/glTF specification/2.0/schema/*.schema.json)
// as C++ rules over the raw JSON document: one function per schema file, in
// the schema's own words (required, minimum, enum, minItems, uniqueItems,
// dependencies, not, oneOf). Not a general JSON Schema engine, and not the
// import: indices are checked to be indices, not followed.
//
// Where the schema leaves an enum open for extensions ("anyOf": [..., {"type":
// "string"}]), the core values are enforced, as glTF-Validator does, except
// where an extension is known to widen them (see checkImageTypes and
// checkChannelTarget).
#include "scene/gltf_schema_check.h"

#include <algorithm>
#include <cmath>
#include <compare>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace oh::gltf {
namespace {

using Json = nlohmann::json;

// [SECTION] Words for messages

// A value as the file spells it, short enough for a one-line message.
std::string describe(const Json& value) {
    constexpr size_t kMaxLength = 40;
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() <= kMaxLength) return text;
    size_t cut = kMaxLength;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    return text.substr(0, cut) + "...";
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", value);
    return text;
}

// "a, b or c"
template <typename T, typename Show>
std::string alternatives(const std::vector<T>& values, Show show) {
    std::string out;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
        out += show(values[i]);
    }
    return out;
}

// RFC 6901: '~' and '/' inside a key are escaped in a JSON pointer.
std::string pointerToken(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

// [SECTION] Value rules

// A numeric interval: the schema's minimum / exclusiveMinimum / maximum / exclusiveMaximum.
struct Range {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool openMin = false, openMax = false;

    bool contains(double value) const {
        return (openMin ? value > min : value >= min) && (openMax ? value < max : value <= max);
    }
    std::string expected() const {
        bool hasMin = std::isfinite(min), hasMax = std::isfinite(max);
        if (hasMin && hasMax && !openMin && !openMax) return number(min) + ".." + number(max);
        std::string out;
        if (hasMin) out += (openMin ? "> " : ">= ") + number(min);
        if (hasMin && hasMax) out += " and ";
        if (hasMax) out += (openMax ? "< " : "<= ") + number(max);
        return out;
    }
};

const Range kAnyNumber{};
Range atLeast(double min) { return Range{min}; }
Range above(double min) { return Range{min, std::numeric_limits<double>::infinity(), true}; }
Range between(double min, double max) { return Range{min, max}; }

// How many items an array may hold (minItems / maxItems).
struct Count {
    size_t min = 1;
    size_t max = std::numeric_limits<size_t>::max();

    std::string expected() const {
        if (min == max) return "exactly " + std::to_string(min);
        if (max == std::numeric_limits<size_t>::max()) return "at least " + std::to_string(min);
        return std::to_string(min) + " to " + std::to_string(max);
    }
};

Count exactly(size_t n) { return Count{n, n}; }

struct IntEnum {
    const char* what;  // "a glTF component type"
    std::vector<int64_t> values;
};

struct StringEnum {
    const char* what;
    std::vector<std::string> values;
};

const IntEnum kComponentTypes{"a glTF component type", {5120, 5121, 5122, 5123, 5125, 5126}};
const IntEnum kSparseIndexTypes{"an unsigned integer component type for sparse indices", {5121, 5123, 5125}};
const IntEnum kBufferViewTargets{"a buffer view target", {34962, 34963}};
const IntEnum kPrimitiveModes{"a primitive mode", {0, 1, 2, 3, 4, 5, 6}};
const IntEnum kMagFilters{"a magnification filter", {9728, 9729}};
const IntEnum kMinFilters{"a minification filter", {9728, 9729, 9984, 9985, 9986, 9987}};
const IntEnum kWrapModes{"a wrap mode", {33071, 33648, 10497}};
const StringEnum kAccessorTypes{"an accessor type", {"SCALAR", "VEC2", "VEC3", "VEC4", "MAT2", "MAT3", "MAT4"}};
const StringEnum kAlphaModes{"an alpha mode", {"OPAQUE", "MASK", "BLEND"}};
const StringEnum kCameraTypes{"a camera type", {"perspective", "orthographic"}};
const StringEnum kInterpolations{"an interpolation", {"LINEAR", "STEP", "CUBICSPLINE"}};
const StringEnum kTargetPaths{"an animation target path", {"translation", "rotation", "scale", "weights"}};
const StringEnum kImageTypes{"an image MIME type", {"image/jpeg", "image/png"}};

// The first problem found. Every check after it does nothing, so each
// object's rules below read as a plain list in the schema's order; first
// problem only, because the one error line is what the user sees.
struct Report {
    std::string_view file;
    std::optional<Error> error;

    bool failed() const { return error.has_value(); }
    void fail(const std::string& pointer, const std::string& problem) {
        if (!error) error = makeError(std::string(file) + ": " + pointer + ": " + problem, kExitBadInput);
    }
};

// A number in `range`; with `integerOnly`, JSON Schema's "integer" as
// glTF-Validator and tinygltf read it: an integer literal, so 1.0 is refused
// too (nlohmann parses it as a float).
bool checkNumeric(Report& report, const Json& value, const std::string& pointer, const Range& range, bool integerOnly) {
    if (integerOnly ? !value.is_number_integer() : !value.is_number()) {
        report.fail(pointer, describe(value) + (integerOnly ? " is not an integer" : " is not a number"));
        return false;
    }
    if (!range.contains(value.get<double>())) {
        report.fail(pointer, describe(value) + " is out of range (expected " + range.expected() + ")");
        return false;
    }
    return true;
}

bool checkInteger(Report& report, const Json& value, const std::string& pointer, const Range& range) {
    return checkNumeric(report, value, pointer, range, true);
}

bool checkNumber(Report& report, const Json& value, const std::string& pointer, const Range& range) {
    return checkNumeric(report, value, pointer, range, false);
}

bool checkArray(Report& report, const Json& value, const std::string& pointer, const Count& count) {
    if (!value.is_array()) {
        report.fail(pointer, describe(value) + " is not an array");
        return false;
    }
    if (value.size() < count.min || value.size() > count.max) {
        report.fail(pointer, "has " + std::to_string(value.size()) + " items, expected " + count.expected());
        return false;
    }
    return true;
}

// uniqueItems, for arrays already known to hold integers or strings.
void checkUnique(Report& report, const Json& array, const std::string& pointer) {
    std::set<Json> seen;
    for (size_t i = 0; i < array.size() && !report.failed(); ++i)
        if (!seen.insert(array[i]).second)
            report.fail(pointer + "/" + std::to_string(i), describe(array[i]) + " repeats an earlier item; items must be unique");
}

// [SECTION] Object rules

// One JSON object of the document at `pointer`: the member checks the schema
// files are made of. Each does nothing when the member is absent (use
// `required` for that) or when a problem was already reported.
class Object {
public:
    Object(Report& report, const Json& json, std::string pointer)
        : m_report(report), m_json(json), m_pointer(std::move(pointer)) {}

    using Rules = std::function<void(const Object&)>;

    Report& report() const { return m_report; }
    const Json* find(std::string_view key) const {
        auto it = m_json.find(key);
        return it == m_json.end() ? nullptr : &*it;
    }
    bool has(std::string_view key) const { return find(key) != nullptr; }
    std::string at(std::string_view key) const { return m_pointer + "/" + pointerToken(key); }
    const std::string& pointer() const { return m_pointer; }
    void fail(std::string_view key, const std::string& problem) const { m_report.fail(at(key), problem); }

    void required(std::initializer_list<const char*> keys) const {
        for (const char* key : keys)
            if (!m_report.failed() && !has(key)) fail(key, "required but missing");
    }

    void integer(std::string_view key, const Range& range) const {
        if (const Json* value = live(key)) checkInteger(m_report, *value, at(key), range);
    }
    // A glTFid: an index into one of the document's arrays.
    void index(std::string_view key) const { integer(key, atLeast(0)); }

    void number(std::string_view key, const Range& range) const {
        if (const Json* value = live(key)) checkNumber(m_report, *value, at(key), range);
    }

    void boolean(std::string_view key) const {
        const Json* value = live(key);
        if (value && !value->is_boolean()) fail(key, describe(*value) + " is not true or false");
    }

    void string(std::string_view key) const {
        const Json* value = live(key);
        if (value && !value->is_string()) fail(key, describe(*value) + " is not a string");
    }

    void oneOf(std::string_view key, const IntEnum& allowed) const {
        const Json* value = live(key);
        if (!value || !checkInteger(m_report, *value, at(key), kAnyNumber)) return;
        for (int64_t v : allowed.values)
            if (value->get<int64_t>() == v) return;
        fail(key, describe(*value) + " is not " + allowed.what + " (" +
                      alternatives(allowed.values, [](int64_t v) { return std::to_string(v); }) + ")");
    }

    void oneOf(std::string_view key, const StringEnum& allowed) const {
        const Json* value = live(key);
        if (!value) return;
        if (value->is_string())
            for (const std::string& v : allowed.values)
                if (value->get<std::string>() == v) return;
        fail(key, describe(*value) + " is not " + allowed.what + " (" +
                      alternatives(allowed.values, [](const std::string& v) { return v; }) + ")");
    }

    void numbers(std::string_view key, const Count& count, const Range& range = kAnyNumber) const {
        const Json* value = live(key);
        if (!value || !checkArray(m_report, *value, at(key), count)) return;
        for (size_t i = 0; i < value->size() && !m_report.failed(); ++i)
            checkNumber(m_report, (*value)[i], at(key) + "/" + std::to_string(i), range);
    }

    // A non-empty array of glTFids; `unique` for the schema's uniqueItems.
    void indices(std::string_view key, bool unique) const {
        const Json* value = live(key);
        if (!value || !checkArray(m_report, *value, at(key), Count{})) return;
        for (size_t i = 0; i < value->size() && !m_report.failed(); ++i)
            checkInteger(m_report, (*value)[i], at(key) + "/" + std::to_string(i), atLeast(0));
        if (unique && !m_report.failed()) checkUnique(m_report, *value, at(key));
    }

    // extensionsUsed / extensionsRequired: a non-empty array of unique strings.
    void names(std::string_view key) const {
        const Json* value = live(key);
        if (!value || !checkArray(m_report, *value, at(key), Count{})) return;
        for (size_t i = 0; i < value->size() && !m_report.failed(); ++i)
            if (!(*value)[i].is_string())
                m_report.fail(at(key) + "/" + std::to_string(i), describe((*value)[i]) + " is not a string");
        if (!m_report.failed()) checkUnique(m_report, *value, at(key));
    }

    // mesh.primitive attributes and morph targets: an object of glTFids with at least one member.
    void indexMap(std::string_view key) const {
        if (const Json* value = live(key)) checkIndexMap(*value, at(key));
    }

    void checkIndexMap(const Json& value, const std::string& pointer) const {
        if (!value.is_object()) return m_report.fail(pointer, describe(value) + " is not an object");
        if (value.empty()) return m_report.fail(pointer, "is empty, expected at least one attribute");
        for (auto it = value.begin(); it != value.end() && !m_report.failed(); ++it)
            checkInteger(m_report, it.value(), pointer + "/" + pointerToken(it.key()), atLeast(0));
    }

    // An object-valued member, checked by `rules`.
    void object(std::string_view key, const Rules& rules) const {
        const Json* value = live(key);
        if (!value) return;
        if (!value->is_object()) return fail(key, describe(*value) + " is not an object");
        rules(Object(m_report, *value, at(key)));
    }

    // A non-empty array of objects, each checked by `rules` (the top-level arrays, primitives, channels...).
    void objects(std::string_view key, const Rules& rules) const {
        const Json* value = live(key);
        if (!value || !checkArray(m_report, *value, at(key), Count{})) return;
        for (size_t i = 0; i < value->size() && !m_report.failed(); ++i) {
            std::string pointer = at(key) + "/" + std::to_string(i);
            if (!(*value)[i].is_object()) m_report.fail(pointer, describe((*value)[i]) + " is not an object");
            else rules(Object(m_report, (*value)[i], pointer));
        }
    }

    // The schema's "dependencies": `key` may only appear together with `needed`.
    void dependsOn(std::string_view key, std::string_view needed) const {
        if (live(key) && !has(needed)) fail(key, "is only allowed together with " + std::string(needed) + ", which is missing");
    }

    // The schema's "not": {"required": [first, second]}.
    void notBoth(std::string_view first, std::string_view second, const std::string& why) const {
        if (live(first) && has(second))
            m_report.fail(m_pointer, "has both " + std::string(first) + " and " + std::string(second) + "; " + why);
    }

    // glTFProperty: extensions is an object of objects (extension.schema.json), extras anything.
    void extensible() const {
        const Json* value = live("extensions");
        if (!value) return;
        if (!value->is_object()) return fail("extensions", describe(*value) + " is not an object");
        for (auto it = value->begin(); it != value->end() && !m_report.failed(); ++it)
            if (!it.value().is_object())
                m_report.fail(at("extensions") + "/" + pointerToken(it.key()), describe(it.value()) + " is not an object");
    }

    // glTFChildOfRootProperty: a glTFProperty with a name.
    void named() const {
        extensible();
        string("name");
    }

private:
    // The member, or null when absent or when a problem was already reported.
    const Json* live(std::string_view key) const { return m_report.failed() ? nullptr : find(key); }

    Report& m_report;
    const Json& m_json;
    std::string m_pointer;
};

// [SECTION] asset.schema.json

struct Version {
    uint64_t major = 0, minor = 0;
    auto operator<=>(const Version&) const = default;
};

// ^[0-9]+\.[0-9]+$, with digits saturating instead of overflowing.
std::optional<Version> parseVersion(const std::string& text) {
    Version version;
    uint64_t* part = &version.major;
    bool digits = false;
    for (char c : text) {
        if (c == '.' && part == &version.major && digits) {
            part = &version.minor;
            digits = false;
        } else if (c >= '0' && c <= '9') {
            *part = std::min<uint64_t>(*part * 10 + uint64_t(c - '0'), uint64_t(1) << 40);
            digits = true;
        } else {
            return std::nullopt;
        }
    }
    if (part != &version.minor || !digits) return std::nullopt;
    return version;
}

// glTF 2.0 spec, 'Asset' (versioning): a loader refuses a major version it
// does not know, and a minVersion newer than what it implements (here 2.0).
// (minVersion above the asset's own version cannot then happen: that is at
// least 2.0.)
void checkAsset(const Object& asset) {
    asset.extensible();
    asset.required({"version"});
    for (const char* key : {"version", "minVersion", "copyright", "generator"}) asset.string(key);
    if (asset.report().failed()) return;
    const std::string notAVersion = " is not a version like \"2.0\" (major.minor)";
    const Json& versionText = *asset.find("version");
    auto version = parseVersion(versionText.get<std::string>());
    if (!version) return asset.fail("version", describe(versionText) + notAVersion);
    if (version->major != 2) return asset.fail("version", describe(versionText) + " is not glTF 2.x, the only major version read");
    const Json* minVersionText = asset.find("minVersion");
    if (!minVersionText) return;
    auto minVersion = parseVersion(minVersionText->get<std::string>());
    if (!minVersion) return asset.fail("minVersion", describe(*minVersionText) + notAVersion);
    if (*minVersion > Version{2, 0})
        asset.fail("minVersion", describe(*minVersionText) + " is newer than 2.0, the newest version this importer reads");
}

// [SECTION] accessor*.schema.json, buffer.schema.json, bufferView.schema.json

void checkSparseIndices(const Object& indices) {
    indices.extensible();
    indices.required({"bufferView", "componentType"});
    indices.index("bufferView");
    indices.integer("byteOffset", atLeast(0));
    indices.oneOf("componentType", kSparseIndexTypes);
}

void checkSparseValues(const Object& values) {
    values.extensible();
    values.required({"bufferView"});
    values.index("bufferView");
    values.integer("byteOffset", atLeast(0));
}

void checkSparse(const Object& sparse) {
    sparse.extensible();
    sparse.required({"count", "indices", "values"});
    sparse.integer("count", atLeast(1));
    sparse.object("indices", checkSparseIndices);
    sparse.object("values", checkSparseValues);
}

void checkAccessor(const Object& accessor) {
    accessor.named();
    accessor.required({"componentType", "count", "type"});
    accessor.index("bufferView");
    accessor.integer("byteOffset", atLeast(0));
    accessor.dependsOn("byteOffset", "bufferView");
    accessor.oneOf("componentType", kComponentTypes);
    accessor.boolean("normalized");
    accessor.integer("count", atLeast(1));
    accessor.oneOf("type", kAccessorTypes);
    accessor.numbers("max", Count{1, 16});
    accessor.numbers("min", Count{1, 16});
    accessor.object("sparse", checkSparse);
}

void checkBuffer(const Object& buffer) {
    buffer.named();
    buffer.required({"byteLength"});
    buffer.string("uri");
    buffer.integer("byteLength", atLeast(1));
}

void checkBufferView(const Object& view) {
    view.named();
    view.required({"buffer", "byteLength"});
    view.index("buffer");
    view.integer("byteOffset", atLeast(0));
    view.integer("byteLength", atLeast(1));
    view.integer("byteStride", between(4, 252));
    const Json* stride = view.find("byteStride");
    if (!view.report().failed() && stride && stride->get<int64_t>() % 4 != 0)
        view.fail("byteStride", describe(*stride) + " is not a multiple of 4");
    view.oneOf("target", kBufferViewTargets);
}

// [SECTION] animation*.schema.json

// KHR_animation_pointer and its kin name their own paths and say so in the
// target's extensions, so the core paths are only enforced without them.
void checkChannelTarget(const Object& target) {
    target.extensible();
    target.required({"path"});
    target.index("node");
    if (target.has("extensions")) target.string("path");
    else target.oneOf("path", kTargetPaths);
}

void checkChannel(const Object& channel) {
    channel.extensible();
    channel.required({"sampler", "target"});
    channel.index("sampler");
    channel.object("target", checkChannelTarget);
}

void checkAnimationSampler(const Object& sampler) {
    sampler.extensible();
    sampler.required({"input", "output"});
    sampler.index("input");
    sampler.oneOf("interpolation", kInterpolations);
    sampler.index("output");
}

void checkAnimation(const Object& animation) {
    animation.named();
    animation.required({"channels", "samplers"});
    animation.objects("channels", checkChannel);
    animation.objects("samplers", checkAnimationSampler);
}

// [SECTION] camera*.schema.json

// glTF 2.0 spec, 'Projection Matrices': zfar, when given, lies beyond znear (glTF-Validator: CAMERA_ZFAR_LEQUAL_ZNEAR).
void checkFarBeyondNear(const Object& projection) {
    const Json *zfar = projection.find("zfar"), *znear = projection.find("znear");
    if (projection.report().failed() || !zfar || !znear) return;
    if (zfar->get<double>() <= znear->get<double>())
        projection.fail("zfar", describe(*zfar) + " is not greater than znear (" + describe(*znear) + ")");
}

void checkPerspective(const Object& perspective) {
    perspective.extensible();
    perspective.required({"yfov", "znear"});
    perspective.number("aspectRatio", above(0));
    perspective.number("yfov", above(0));
    perspective.number("zfar", above(0));
    perspective.number("znear", above(0));
    checkFarBeyondNear(perspective);
}

void checkOrthographic(const Object& orthographic) {
    orthographic.extensible();
    orthographic.required({"xmag", "ymag", "zfar", "znear"});
    for (const char* key : {"xmag", "ymag"}) {
        orthographic.number(key, kAnyNumber);
        // camera.orthographic.schema.json: xmag and ymag MUST NOT be zero (the projection would divide by them).
        if (!orthographic.report().failed() && orthographic.find(key)->get<double>() == 0.0)
            orthographic.fail(key, "0 is out of range (expected a non-zero number)");
    }
    orthographic.number("zfar", above(0));
    orthographic.number("znear", atLeast(0));
    checkFarBeyondNear(orthographic);
}

void checkCamera(const Object& camera) {
    camera.named();
    camera.required({"type"});
    camera.oneOf("type", kCameraTypes);
    camera.notBoth("perspective", "orthographic", "a camera is one or the other");
    if (camera.report().failed()) return;
    // camera.schema.json (type): the member named by the type holds the projection.
    std::string type = camera.find("type")->get<std::string>();
    if (!camera.has(type)) return camera.fail(type, "required by type \"" + type + "\" but missing");
    camera.object("perspective", checkPerspective);
    camera.object("orthographic", checkOrthographic);
}

// [SECTION] image, sampler, texture and material schemas

void checkImage(const Object& image) {
    image.named();
    image.string("uri");
    image.string("mimeType");  // the value itself: checkImageTypes, which knows the textures
    image.index("bufferView");
    if (image.report().failed()) return;
    // oneOf [required uri, required bufferView]: exactly one source.
    if (image.has("uri") == image.has("bufferView"))
        return image.report().fail(image.pointer(), image.has("uri") ? "has both uri and bufferView, expected exactly one"
                                                                     : "has neither uri nor bufferView, expected exactly one");
    // dependencies: {"bufferView": ["mimeType"]}: bytes in a bufferView have no file name to tell their type.
    if (image.has("bufferView") && !image.has("mimeType"))
        image.fail("mimeType", "required for an image in a bufferView, but missing");
}

void checkSampler(const Object& sampler) {
    sampler.named();
    sampler.oneOf("magFilter", kMagFilters);
    sampler.oneOf("minFilter", kMinFilters);
    sampler.oneOf("wrapS", kWrapModes);
    sampler.oneOf("wrapT", kWrapModes);
}

void checkTexture(const Object& texture) {
    texture.named();
    texture.index("sampler");
    texture.index("source");
}

void checkTextureInfo(const Object& info) {
    info.extensible();
    info.required({"index"});
    info.index("index");
    info.integer("texCoord", atLeast(0));
}

void checkNormalTextureInfo(const Object& info) {
    checkTextureInfo(info);
    info.number("scale", kAnyNumber);
}

void checkOcclusionTextureInfo(const Object& info) {
    checkTextureInfo(info);
    info.number("strength", between(0, 1));
}

void checkPbrMetallicRoughness(const Object& pbr) {
    pbr.extensible();
    pbr.numbers("baseColorFactor", exactly(4), between(0, 1));
    pbr.object("baseColorTexture", checkTextureInfo);
    pbr.number("metallicFactor", between(0, 1));
    pbr.number("roughnessFactor", between(0, 1));
    pbr.object("metallicRoughnessTexture", checkTextureInfo);
}

void checkMaterial(const Object& material) {
    material.named();
    material.object("pbrMetallicRoughness", checkPbrMetallicRoughness);
    material.object("normalTexture", checkNormalTextureInfo);
    material.object("occlusionTexture", checkOcclusionTextureInfo);
    material.object("emissiveTexture", checkTextureInfo);
    material.numbers("emissiveFactor", exactly(3), between(0, 1));
    material.oneOf("alphaMode", kAlphaModes);
    material.number("alphaCutoff", atLeast(0));
    material.boolean("doubleSided");
}

// [SECTION] mesh, node, scene and skin schemas

void checkPrimitive(const Object& primitive) {
    primitive.extensible();
    primitive.required({"attributes"});
    primitive.indexMap("attributes");
    primitive.index("indices");
    primitive.index("material");
    primitive.oneOf("mode", kPrimitiveModes);
    const Json* targets = primitive.find("targets");
    if (primitive.report().failed() || !targets || !checkArray(primitive.report(), *targets, primitive.at("targets"), Count{}))
        return;
    for (size_t i = 0; i < targets->size() && !primitive.report().failed(); ++i)
        primitive.checkIndexMap((*targets)[i], primitive.at("targets") + "/" + std::to_string(i));
}

void checkMesh(const Object& mesh) {
    mesh.named();
    mesh.required({"primitives"});
    mesh.objects("primitives", checkPrimitive);
    mesh.numbers("weights", Count{});
}

void checkNode(const Object& node) {
    node.named();
    node.index("camera");
    node.indices("children", true);
    node.index("skin");
    node.numbers("matrix", exactly(16));
    node.index("mesh");
    node.numbers("rotation", exactly(4), between(-1, 1));
    node.numbers("scale", exactly(3));
    node.numbers("translation", exactly(3));
    node.numbers("weights", Count{});
    node.dependsOn("weights", "mesh");
    node.dependsOn("skin", "mesh");
    // node.schema.json "not": a matrix excludes translation, rotation and scale
    // (glTF 2.0 spec, 'Transformations': a matrix or any combination of TRS, not both).
    for (const char* trs : {"translation", "rotation", "scale"})
        node.notBoth("matrix", trs, "a node's transform is a matrix or translation/rotation/scale, not both");
}

void checkScene(const Object& scene) {
    scene.named();
    scene.indices("nodes", true);
}

void checkSkin(const Object& skin) {
    skin.named();
    skin.required({"joints"});
    skin.index("inverseBindMatrices");
    skin.index("skeleton");
    skin.indices("joints", true);
}

// [SECTION] glTF.schema.json and the rules that span arrays

// glTF 2.0 spec, 'Specifying Extensions': every extension in extensionsRequired is also in extensionsUsed.
void checkRequiredExtensionsUsed(const Object& root) {
    const Json *required = root.find("extensionsRequired"), *used = root.find("extensionsUsed");
    if (root.report().failed() || !required) return;
    for (size_t i = 0; i < required->size(); ++i) {
        bool listed = used && std::find(used->begin(), used->end(), (*required)[i]) != used->end();
        if (!listed)
            return root.report().fail(root.at("extensionsRequired") + "/" + std::to_string(i),
                                      describe((*required)[i]) + " is not listed in extensionsUsed");
    }
}

// Images that a texture extension (EXT_texture_webp, KHR_texture_basisu, ...)
// names as its `source`: those may have that extension's MIME type.
std::set<int64_t> extensionImageSources(const Json& root) {
    std::set<int64_t> sources;
    auto textures = root.find("textures");
    if (textures == root.end()) return sources;
    for (const Json& texture : *textures) {
        auto extensions = texture.find("extensions");
        if (extensions == texture.end()) continue;
        for (const Json& extension : *extensions) {
            auto source = extension.find("source");
            if (source != extension.end() && source->is_number_integer()) sources.insert(source->get<int64_t>());
        }
    }
    return sources;
}

// image.mimeType: image/jpeg or image/png, unless a texture extension sources the image.
void checkImageTypes(const Object& root, const Json& document) {
    auto images = document.find("images");
    if (root.report().failed() || images == document.end()) return;
    std::set<int64_t> widened = extensionImageSources(document);
    for (size_t i = 0; i < images->size() && !root.report().failed(); ++i)
        if (!widened.count(int64_t(i)))
            Object(root.report(), (*images)[i], root.at("images") + "/" + std::to_string(i)).oneOf("mimeType", kImageTypes);
}

// glTF 2.0 spec, 'Transformations': a node targeted by an animation has no matrix, only TRS.
void checkAnimatedNodes(const Object& root, const Json& document) {
    auto animations = document.find("animations"), nodes = document.find("nodes");
    if (root.report().failed() || animations == document.end() || nodes == document.end()) return;
    for (size_t a = 0; a < animations->size(); ++a) {
        const Json& channels = (*animations)[a]["channels"];
        for (size_t c = 0; c < channels.size(); ++c) {
            auto node = channels[c]["target"].find("node");
            if (node == channels[c]["target"].end() || node->get<uint64_t>() >= nodes->size()) continue;
            if (!(*nodes)[node->get<size_t>()].contains("matrix")) continue;
            std::string pointer = root.at("animations") + "/" + std::to_string(a) + "/channels/" + std::to_string(c);
            return root.report().fail(pointer + "/target/node", "node " + describe(*node) +
                                                                     " has a matrix; an animated node uses translation/rotation/scale");
        }
    }
}

void checkRoot(const Object& root, const Json& document) {
    root.extensible();
    root.names("extensionsUsed");
    root.names("extensionsRequired");
    checkRequiredExtensionsUsed(root);
    root.required({"asset"});
    root.object("asset", checkAsset);
    root.objects("accessors", checkAccessor);
    root.objects("animations", checkAnimation);
    root.objects("buffers", checkBuffer);
    root.objects("bufferViews", checkBufferView);
    root.objects("cameras", checkCamera);
    root.objects("images", checkImage);
    root.objects("materials", checkMaterial);
    root.objects("meshes", checkMesh);
    root.objects("nodes", checkNode);
    root.objects("samplers", checkSampler);
    root.index("scene");
    root.dependsOn("scene", "scenes");
    root.objects("scenes", checkScene);
    root.objects("skins", checkSkin);
    root.objects("textures", checkTexture);
    checkImageTypes(root, document);
    checkAnimatedNodes(root, document);
}

}  // namespace

Status checkGltfSchema(const nlohmann::json& document, std::string_view fileName) {
    Report report{fileName, std::nullopt};
    checkRoot(Object(report, document, ""), document);
    if (report.error) return *report.error;
    return ok();
}

}  // namespace oh::gltf
