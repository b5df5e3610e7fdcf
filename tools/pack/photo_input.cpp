// Listing photos through libvips: open the header, refuse what must not be
// decoded, then let vips_thumbnail shrink on load, turn, colour-manage and
// resize in one streaming pass.
#include "tools/pack/photo_input.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>

#include <vips/vips.h>

#include "core/file_io.h"
#include "core/log.h"

namespace oh::pack {
namespace {

namespace fs = std::filesystem;

// [SECTION] libvips ownership and errors

struct GObjectUnref {
    void operator()(void* object) const { g_object_unref(object); }
};
using VipsImagePtr = std::unique_ptr<VipsImage, GObjectUnref>;
using VipsSourcePtr = std::unique_ptr<VipsSource, GObjectUnref>;

struct GFree {
    void operator()(void* memory) const { g_free(memory); }
};

// libvips prints its warnings (a damaged tile, a bad IHDR) to stderr without
// the file's name; the failure they lead to is reported as one line naming
// the file, so they go to the debug log instead of cluttering the output.
void logVipsWarning(const gchar*, GLogLevelFlags, const gchar* message, gpointer) {
    OH_LOG_DEBUG("libvips: %s", message);
}

// libvips starts once per process; VIPS_INIT is not safe to race.
Status startVips() {
    static std::once_flag once;
    static bool started = false;
    std::call_once(once, [] {
        started = VIPS_INIT("openhouse-pack") == 0;
        g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, logVipsWarning, nullptr);
    });
    if (!started) return makeError("libvips failed to start (is its module folder installed?)", kExitNoDevice);
    return ok();
}

// The first line of libvips' error buffer, trimmed; the buffer is cleared so
// the next failure does not repeat this one's text. libvips keeps one buffer
// per process, so two photos failing at the same moment may swap details;
// each message still names its own file.
std::string takeVipsError() {
    std::unique_ptr<char, GFree> buffer(vips_error_buffer_copy());
    std::string_view text = buffer ? buffer.get() : "";
    text = text.substr(0, text.find('\n'));
    constexpr std::string_view kSpace = " \t\r";
    size_t first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return "libvips gave no reason";
    return std::string(text.substr(first, text.find_last_not_of(kSpace) - first + 1));
}

Error fileError(const fs::path& path, std::string_view problem) {
    return makeError(displayPath(path) + ": " + std::string(problem));
}

// [SECTION] Accepted formats

// The decoders listing photos may use, by libvips loader class. Anything
// else vips could read (SVG, PDF, ImageMagick's many formats) is refused:
// agents send photos, and every extra decoder is attack surface.
struct Decoder {
    std::string_view loaderPrefix;
    const char* format;
    // JPEG stops on libjpeg warnings too: they mean damaged data, which
    // otherwise decodes to grey blocks. PNG warnings (e.g. a known-bad sRGB
    // chunk from old editors) are harmless, so other formats stop on errors
    // and truncation only.
    const char* loadOptions;
};
constexpr Decoder kDecoders[] = {
    {"VipsForeignLoadJpeg", "jpeg", "fail_on=warning"},
    {"VipsForeignLoadPng", "png", "fail_on=error"},
    {"VipsForeignLoadWebp", "webp", "fail_on=error"},
    {"VipsForeignLoadTiff", "tiff", "fail_on=error"},
    {"VipsForeignLoadHeif", "heif", "fail_on=error"},
};
constexpr const char* kAcceptedFormats = "JPEG, PNG, WebP, TIFF or HEIC";

const Decoder* findDecoder(std::string_view loader) {
    for (const Decoder& decoder : kDecoders)
        if (loader.starts_with(decoder.loaderPrefix)) return &decoder;
    return nullptr;
}

// [SECTION] Opening without decoding

struct OpenedImage {
    VipsSourcePtr source;
    const Decoder* decoder = nullptr;
    ImageInfo info;
};

Status checkIsNonEmptyFile(const fs::path& path) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return fileError(path, "file not found");
    if (!fs::is_regular_file(status)) return fileError(path, "is not a file");
    if (fs::file_size(path, ec) == 0) return fileError(path, "the file is empty");
    return ok();
}

Status checkSize(const fs::path& path, uint64_t width, uint64_t height) {
    std::string size = std::to_string(width) + "x" + std::to_string(height);
    if (width == 0 || height == 0) return fileError(path, "the image has no pixels (" + size + ")");
    if (width > kMaxImageSide || height > kMaxImageSide || width * height > kMaxImagePixels)
        return fileError(path, size + " pixels is too large (at most " + std::to_string(kMaxImageSide) +
                                   " a side and " + std::to_string(kMaxImagePixels / 1'000'000) +
                                   " megapixels)");
    return ok();
}

ImageInfo describe(VipsImage* header, const Decoder& decoder) {
    bool swap = vips_image_get_orientation_swap(header);
    uint32_t width = uint32_t(vips_image_get_width(header));
    uint32_t height = uint32_t(vips_image_get_height(header));
    return ImageInfo{swap ? height : width, swap ? width : height, decoder.format,
                     vips_image_get_orientation(header) != 1};
}

// Reads only the header: libvips loaders are lazy until pixels are asked for.
Result<OpenedImage> openImage(const fs::path& path) {
    OH_TRY(checkIsNonEmptyFile(path));
    OH_TRY(startVips());
    // Some loaders (HEIF) leave messages behind even when they succeed; start
    // clean so an error names this file's problem.
    vips_error_clear();
    VipsSourcePtr source(vips_source_new_from_file(path.c_str()));
    if (!source) return fileError(path, "cannot open: " + takeVipsError());
    const char* loader = vips_foreign_find_load_source(source.get());
    if (!loader) {
        vips_error_clear();
        return fileError(path, std::string("not an image (listing photos must be ") + kAcceptedFormats + ")");
    }
    const Decoder* decoder = findDecoder(loader);
    if (!decoder)
        return fileError(path, std::string("this image format is not accepted (listing photos must be ") +
                                   kAcceptedFormats + ")");
    VipsImagePtr header(vips_image_new_from_source(source.get(), decoder->loadOptions, nullptr));
    if (!header) return fileError(path, "cannot read the image header: " + takeVipsError());
    OH_TRY(checkSize(path, uint64_t(vips_image_get_width(header.get())),
                     uint64_t(vips_image_get_height(header.get()))));
    return OpenedImage{std::move(source), decoder, describe(header.get(), *decoder)};
}

// [SECTION] Decoding

struct Size {
    uint32_t width;
    uint32_t height;
};

// The long edge becomes maxLongEdge when the image is larger; the short edge
// is scaled by the same ratio, rounded to nearest in integers, at least 1.
Size fittedSize(uint32_t width, uint32_t height, uint32_t maxLongEdge) {
    uint64_t longEdge = std::max(width, height);
    if (longEdge <= maxLongEdge) return {width, height};
    auto scale = [&](uint64_t side) {
        return uint32_t(std::max<uint64_t>(1, (2 * side * maxLongEdge + longEdge) / (2 * longEdge)));
    };
    return {scale(width), scale(height)};
}

// An embedded profile (wide-gamut phones, Adobe RGB cameras, CMYK) converts
// to sRGB; without one the numbers are taken as sRGB already. Done here, not
// through vips_thumbnail's export profile, which would also push profile-less
// images through a PCS round trip that shifts their colours.
Result<VipsImagePtr> toSrgbProfile(VipsImage* in) {
    VipsImage* raw = nullptr;
    if (!vips_image_get_typeof(in, VIPS_META_ICC_NAME)) {
        g_object_ref(in);
        return VipsImagePtr(in);
    }
    if (vips_icc_transform(in, &raw, "srgb", "embedded", TRUE, nullptr)) return makeError(takeVipsError());
    return VipsImagePtr(raw);
}

// Any band layout vips_thumbnail hands back (grey, grey+alpha, RGB, RGBA,
// 16-bit, extra TIFF channels) as 4-band 8-bit sRGB.
Result<VipsImagePtr> toRgba8(VipsImage* in) {
    VipsImage* raw = nullptr;
    if (vips_colourspace(in, &raw, VIPS_INTERPRETATION_sRGB, nullptr)) return makeError(takeVipsError());
    VipsImagePtr srgb(raw);
    if (vips_image_get_bands(srgb.get()) == 3) {
        if (vips_bandjoin_const1(srgb.get(), &raw, 255.0, nullptr)) return makeError(takeVipsError());
    } else if (vips_extract_band(srgb.get(), &raw, 0, "n", 4, nullptr)) {
        return makeError(takeVipsError());
    }
    VipsImagePtr rgba(raw);
    if (vips_cast_uchar(rgba.get(), &raw, nullptr)) return makeError(takeVipsError());
    return VipsImagePtr(raw);
}

// Runs the pipeline: this is where the file's pixel data is read and where
// truncated or corrupt data is found.
Result<RgbaImage> computePixels(VipsImage* image) {
    size_t bytes = 0;
    std::unique_ptr<uint8_t, GFree> memory(static_cast<uint8_t*>(vips_image_write_to_memory(image, &bytes)));
    if (!memory) return makeError(takeVipsError());
    RgbaImage result;
    result.width = uint32_t(vips_image_get_width(image));
    result.height = uint32_t(vips_image_get_height(image));
    result.pixels.assign(memory.get(), memory.get() + bytes);
    return result;
}

}  // namespace

Result<ImageInfo> probeImage(const fs::path& path) {
    auto opened = openImage(path);
    if (!opened) return opened.error();
    return opened->info;
}

Result<RgbaImage> loadPhoto(const fs::path& path, const PhotoLoadOptions& options) {
    if (options.maxLongEdge == 0) return fileError(path, "cannot shrink a photo to 0 pixels");
    auto opened = openImage(path);
    if (!opened) return opened.error();
    Size size = fittedSize(opened->info.width, opened->info.height, options.maxLongEdge);
    // FORCE with a size of the image's own aspect gives exactly `size`; the
    // fit modes would let libvips round the short edge its own way.
    VipsImage* raw = nullptr;
    vips_error_clear();
    if (vips_thumbnail_source(opened->source.get(), &raw, int(size.width), "height", int(size.height), "size",
                              VIPS_SIZE_FORCE, "option_string", opened->decoder->loadOptions, nullptr))
        return fileError(path, "cannot decode the image: " + takeVipsError());
    VipsImagePtr shrunk(raw);
    auto srgb = toSrgbProfile(shrunk.get());
    if (!srgb) return fileError(path, "cannot convert its colour profile to sRGB: " + srgb.error().message);
    auto rgba = toRgba8(srgb->get());
    if (!rgba) return fileError(path, "cannot convert the image to RGBA: " + rgba.error().message);
    auto pixels = computePixels(rgba->get());
    if (!pixels) return fileError(path, "cannot decode the image: " + pixels.error().message);
    return pixels;
}

}  // namespace oh::pack
