// The packer's photo and panorama input (tools/pack/photo_input.h,
// panorama.h). Inputs are made with libvips in a temporary folder (EXIF
// orientation, ICC profiles, HEIC, truncated and absurd files, 16K
// panoramas), then loaded the way the packer loads them.
#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>
#include <vips/vips.h>

#include "hostile_images.h"
#include "tools/pack/panorama.h"
#include "tools/pack/photo_input.h"

namespace fs = std::filesystem;
using namespace oh;
using namespace oh::pack;
using oh::test::pngHeaderOnly;

#if defined(__SANITIZE_ADDRESS__)
#define OH_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OH_TEST_UNDER_ASAN 1
#endif
#endif
#ifdef OH_TEST_UNDER_ASAN
// x265, which libheif uses to write this suite's HEIC file, keeps one
// allocation for the life of the process; the leak is theirs, not the loader's.
extern "C" const char* __lsan_default_suppressions() { return "leak:libx265.so\n"; }
#endif

namespace {

constexpr double kPi = 3.14159265358979323846;

// A fresh folder per test case, removed with everything in it afterwards.
class TempDir {
public:
    TempDir() {
        static int counter = 0;
        m_path = fs::temp_directory_path() /
                 ("oh_photo_input_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    fs::path operator/(const char* name) const { return m_path / name; }

private:
    fs::path m_path;
};

// [SECTION] Making inputs with libvips

struct Unref {
    void operator()(void* object) const { g_object_unref(object); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// The vips calls below return 0 on success and leave their output null on
// failure; this turns a failure into a failed test with vips' reason. `out`
// by reference: it is read after the call that fills it, whatever order the
// compiler evaluates arguments in.
Image made(int status, VipsImage*& out) {
    if (status != 0 || !out) FAIL("libvips: " << std::string(vips_error_buffer()));
    return Image(out);
}

void startVips() {
    static bool started = VIPS_INIT("test_photo_input") == 0;
    REQUIRE(started);
}

using Rgb = std::array<int, 3>;

Image fromPixels(uint32_t width, uint32_t height, const std::function<Rgb(uint32_t, uint32_t)>& colourAt) {
    startVips();
    std::vector<uint8_t> rgb(size_t(width) * height * 3);
    for (uint32_t y = 0; y < height; ++y)
        for (uint32_t x = 0; x < width; ++x) {
            Rgb colour = colourAt(x, y);
            for (int c = 0; c < 3; ++c) rgb[(size_t(y) * width + x) * 3 + c] = uint8_t(colour[c]);
        }
    return Image(vips_image_new_from_memory_copy(rgb.data(), rgb.size(), int(width), int(height), 3,
                                                  VIPS_FORMAT_UCHAR));
}

Image solid(uint32_t width, uint32_t height, Rgb colour) {
    return fromPixels(width, height, [&](uint32_t, uint32_t) { return colour; });
}

// Colour noise, so JPEG files have the size and decoding cost of detail.
Image noise(uint32_t width, uint32_t height) {
    startVips();
    std::array<Image, 3> bands;
    std::array<VipsImage*, 3> raw{};
    for (int c = 0; c < 3; ++c) {
        VipsImage* out = nullptr;
        Image gauss = made(vips_gaussnoise(&out, int(width), int(height), "mean", 128.0, "sigma", 24.0, nullptr), out);
        bands[c] = made(vips_cast_uchar(gauss.get(), &out, nullptr), out);
        raw[c] = bands[c].get();
    }
    VipsImage* out = nullptr;
    return made(vips_bandjoin(raw.data(), &out, 3, nullptr), out);
}

// A grey ramp, black at the left edge to white at the right; made lazily, so
// even a 16384x8192 one costs little memory.
Image horizontalRamp(uint32_t width, uint32_t height) {
    startVips();
    VipsImage* out = nullptr;
    Image grey = made(vips_grey(&out, int(width), int(height), nullptr), out);
    Image ramp = made(vips_linear1(grey.get(), &out, 255.0, 0.0, "uchar", TRUE, nullptr), out);
    std::array<VipsImage*, 3> rgb{ramp.get(), ramp.get(), ramp.get()};
    return made(vips_bandjoin(rgb.data(), &out, 3, nullptr), out);
}

// Saves by the file's extension (JPEG, PNG, WebP, TIFF, ...).
void save(VipsImage* image, const fs::path& path) {
    if (vips_image_write_to_file(image, path.c_str(), nullptr)) FAIL("libvips: " << std::string(vips_error_buffer()));
}

void writeBytes(const fs::path& path, const std::vector<uint8_t>& bytes) {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

std::vector<uint8_t> jpegBytes(VipsImage* image) {
    void* buffer = nullptr;
    size_t length = 0;
    if (vips_jpegsave_buffer(image, &buffer, &length, nullptr)) FAIL("libvips: " << std::string(vips_error_buffer()));
    std::vector<uint8_t> bytes(static_cast<uint8_t*>(buffer), static_cast<uint8_t*>(buffer) + length);
    g_free(buffer);
    return bytes;
}

// [SECTION] Looking at results

Rgb colourAt(const RgbaImage& image, uint32_t x, uint32_t y) {
    const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
    return {p[0], p[1], p[2]};
}

bool isNear(Rgb actual, Rgb expected, int tolerance) {
    for (int c = 0; c < 3; ++c)
        if (std::abs(actual[c] - expected[c]) > tolerance) return false;
    return true;
}

std::string describe(Rgb colour) {
    return "(" + std::to_string(colour[0]) + ", " + std::to_string(colour[1]) + ", " + std::to_string(colour[2]) + ")";
}

#define CHECK_COLOUR(actual, expected, tolerance)                                       \
    do {                                                                                \
        Rgb actualColour_ = (actual);                                                   \
        INFO("got " << describe(actualColour_) << ", expected " << describe(expected)); \
        CHECK(isNear(actualColour_, expected, tolerance));                              \
    } while (0)

bool everyAlphaIsOpaque(const RgbaImage& image) {
    for (size_t i = 3; i < image.pixels.size(); i += 4)
        if (image.pixels[i] != 255) return false;
    return true;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const Rgb kRed{220, 30, 30};
const Rgb kGreen{30, 200, 40};
const Rgb kBlue{40, 50, 210};
const Rgb kYellow{230, 210, 30};
const Rgb kWhite{250, 250, 250};
const Rgb kDark{40, 40, 40};

}  // namespace

// [SECTION] Listing photos

TEST_CASE("a JPEG shot in portrait (EXIF orientation 6) loads upright") {
    TempDir dir;
    fs::path path = dir / "portrait.jpg";
    // Stored landscape, 256x128: red | blue over green | white. Orientation 6
    // says "turn 90° clockwise to show", so it shows 128x256 as
    // green | red over white | blue.
    Image stored = fromPixels(256, 128, [](uint32_t x, uint32_t y) {
        if (y < 64) return x < 128 ? kRed : kBlue;
        return x < 128 ? kGreen : kWhite;
    });
    VipsImage* out = nullptr;
    Image tagged = made(vips_copy(stored.get(), &out, nullptr), out);
    vips_image_set_int(tagged.get(), VIPS_META_ORIENTATION, 6);
    save(tagged.get(), path);

    auto info = probeImage(path);
    REQUIRE_MESSAGE(info, info.error().message);
    CHECK(info->width == 128);
    CHECK(info->height == 256);
    CHECK(info->format == "jpeg");
    CHECK(info->hasExifOrientation);

    auto photo = loadPhoto(path);
    REQUIRE_MESSAGE(photo, photo.error().message);
    CHECK(photo->width == 128);
    CHECK(photo->height == 256);
    CHECK_COLOUR(colourAt(*photo, 32, 64), kGreen, 24);
    CHECK_COLOUR(colourAt(*photo, 96, 64), kRed, 24);
    CHECK_COLOUR(colourAt(*photo, 32, 192), kWhite, 24);
    CHECK_COLOUR(colourAt(*photo, 96, 192), kBlue, 24);
    CHECK(everyAlphaIsOpaque(*photo));
}

TEST_CASE("a photo with a Display P3 colour profile comes out in sRGB") {
    TempDir dir;
    fs::path path = dir / "p3.png";
    Image srgb = solid(64, 64, kRed);
    VipsImage* out = nullptr;
    Image p3 = made(vips_icc_transform(srgb.get(), &out, "p3", "input_profile", "srgb", nullptr), out);
    save(p3.get(), path);

    // The file really holds P3 numbers, not sRGB ones: read it raw.
    Image raw(vips_image_new_from_file(path.c_str(), nullptr));
    REQUIRE(raw);
    double* stored = nullptr;
    int bands = 0;
    REQUIRE(vips_getpoint(raw.get(), &stored, &bands, 32, 32, nullptr) == 0);
    Rgb storedColour{int(stored[0]), int(stored[1]), int(stored[2])};
    g_free(stored);
    INFO("stored " << describe(storedColour));
    CHECK_FALSE(isNear(storedColour, kRed, 10));

    auto photo = loadPhoto(path);
    REQUIRE_MESSAGE(photo, photo.error().message);
    CHECK_COLOUR(colourAt(*photo, 32, 32), kRed, 3);
}

TEST_CASE("a photo without a colour profile is taken as sRGB and keeps its colours") {
    TempDir dir;
    fs::path path = dir / "plain.png";
    save(solid(40, 30, Rgb{10, 200, 90}).get(), path);
    auto photo = loadPhoto(path);
    REQUIRE_MESSAGE(photo, photo.error().message);
    CHECK(photo->width == 40);
    CHECK(photo->height == 30);
    CHECK_COLOUR(colourAt(*photo, 20, 15), (Rgb{10, 200, 90}), 2);
}

TEST_CASE("a phone HEIC photo decodes") {
    TempDir dir;
    fs::path path = dir / "phone.heic";
    Image image = solid(64, 48, Rgb{60, 120, 200});
    if (vips_heifsave(image.get(), path.c_str(), "compression", VIPS_FOREIGN_HEIF_COMPRESSION_HEVC, nullptr))
        FAIL("libvips cannot write HEIC (HEVC): " << std::string(vips_error_buffer()));
    auto info = probeImage(path);
    REQUIRE_MESSAGE(info, info.error().message);
    CHECK(info->format == "heif");
    auto photo = loadPhoto(path);
    REQUIRE_MESSAGE(photo, photo.error().message);
    CHECK(photo->width == 64);
    CHECK(photo->height == 48);
    CHECK_COLOUR(colourAt(*photo, 32, 24), (Rgb{60, 120, 200}), 12);
}

TEST_CASE("WebP and TIFF photos decode, and a photo's alpha is kept") {
    TempDir dir;
    fs::path webp = dir / "photo.webp";
    fs::path tiff = dir / "photo.tif";
    save(solid(32, 16, kBlue).get(), webp);
    Image rgb = solid(32, 16, kGreen);
    VipsImage* out = nullptr;
    Image rgba = made(vips_bandjoin_const1(rgb.get(), &out, 100.0, nullptr), out);
    save(rgba.get(), tiff);

    auto fromWebp = loadPhoto(webp);
    REQUIRE_MESSAGE(fromWebp, fromWebp.error().message);
    CHECK_COLOUR(colourAt(*fromWebp, 16, 8), kBlue, 12);
    auto fromTiff = loadPhoto(tiff);
    REQUIRE_MESSAGE(fromTiff, fromTiff.error().message);
    CHECK_COLOUR(colourAt(*fromTiff, 16, 8), kGreen, 1);
    CHECK(fromTiff->pixels[(8 * 32 + 16) * 4 + 3] == 100);
}

TEST_CASE("greyscale, 16-bit and CMYK photos come out as sRGB RGBA") {
    TempDir dir;
    VipsImage* out = nullptr;
    Image colour = solid(48, 32, Rgb{180, 120, 60});
    Image grey = made(vips_colourspace(colour.get(), &out, VIPS_INTERPRETATION_B_W, nullptr), out);
    save(grey.get(), dir / "grey.jpg");
    Image deep = made(vips_colourspace(colour.get(), &out, VIPS_INTERPRETATION_RGB16, nullptr), out);
    save(deep.get(), dir / "deep.png");
    Image cmyk = made(vips_icc_export(colour.get(), &out, "output_profile", "cmyk", nullptr), out);
    save(cmyk.get(), dir / "print.jpg");

    auto fromGrey = loadPhoto(dir / "grey.jpg");
    REQUIRE_MESSAGE(fromGrey, fromGrey.error().message);
    Rgb greyColour = colourAt(*fromGrey, 24, 16);
    CHECK(greyColour[0] == greyColour[1]);
    CHECK(greyColour[1] == greyColour[2]);
    auto fromDeep = loadPhoto(dir / "deep.png");
    REQUIRE_MESSAGE(fromDeep, fromDeep.error().message);
    CHECK_COLOUR(colourAt(*fromDeep, 24, 16), (Rgb{180, 120, 60}), 1);
    auto fromCmyk = loadPhoto(dir / "print.jpg");
    REQUIRE_MESSAGE(fromCmyk, fromCmyk.error().message);
    CHECK_COLOUR(colourAt(*fromCmyk, 24, 16), (Rgb{180, 120, 60}), 16);
    CHECK(everyAlphaIsOpaque(*fromCmyk));
}

TEST_CASE("photos are shrunk to the asked long edge with exactly computed sizes, and never enlarged") {
    TempDir dir;
    fs::path wide = dir / "wide.png";
    save(noise(1000, 333).get(), wide);
    auto thumbnail = loadPhoto(wide, PhotoLoadOptions{kThumbnailLongEdge});
    REQUIRE_MESSAGE(thumbnail, thumbnail.error().message);
    CHECK(thumbnail->width == 320);
    CHECK(thumbnail->height == 107);  // 333 * 320 / 1000 = 106.56
    CHECK(thumbnail->pixels.size() == size_t(320) * 107 * 4);

    fs::path small = dir / "small.png";
    save(noise(100, 50).get(), small);
    auto kept = loadPhoto(small);
    REQUIRE_MESSAGE(kept, kept.error().message);
    CHECK(kept->width == 100);
    CHECK(kept->height == 50);

    fs::path camera = dir / "camera.jpg";
    save(noise(4000, 3000).get(), camera);
    auto start = std::chrono::steady_clock::now();
    auto display = loadPhoto(camera);
    double seconds = secondsSince(start);
    REQUIRE_MESSAGE(display, display.error().message);
    MESSAGE("12 MP JPEG (" << fs::file_size(camera) / 1000 << " kB) to 2048 px: " << seconds << " s");
    CHECK(display->width == 2048);
    CHECK(display->height == 1536);
}

// [SECTION] Files that must be refused

TEST_CASE("a truncated JPEG is refused with the file named") {
    TempDir dir;
    fs::path path = dir / "cut-short.jpg";
    std::vector<uint8_t> bytes = jpegBytes(noise(256, 256).get());
    bytes.resize(bytes.size() * 6 / 10);
    writeBytes(path, bytes);
    auto photo = loadPhoto(path);
    REQUIRE_FALSE(photo);
    INFO(photo.error().message);
    CHECK(photo.error().message.find("cut-short.jpg") != std::string::npos);
    CHECK(photo.error().message.find('\n') == std::string::npos);
    CHECK(photo.error().exitCode == kExitBadInput);
}

TEST_CASE("missing files, folders, empty files and non-images are refused with the file named") {
    TempDir dir;
    writeBytes(dir / "notes.jpg", {'j', 'u', 's', 't', ' ', 't', 'e', 'x', 't', '\n'});
    writeBytes(dir / "empty.png", {});
    fs::create_directories(dir / "folder.jpg");
    fs::path svg = dir / "drawing.svg";
    std::ofstream(svg) << "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>";
    for (const char* name : {"absent.jpg", "folder.jpg", "empty.png", "notes.jpg", "drawing.svg"}) {
        auto photo = loadPhoto(dir / name);
        REQUIRE_FALSE(photo);
        INFO(photo.error().message);
        CHECK(photo.error().message.find(name) != std::string::npos);
        CHECK(photo.error().message.find('\n') == std::string::npos);
        CHECK(photo.error().exitCode == kExitBadInput);
        CHECK_FALSE(probeImage(dir / name));
    }
}

TEST_CASE("absurd image sizes are refused from the header, before any pixel is decoded") {
    TempDir dir;
    // Header-only files: decoding them could only fail as truncated, so a
    // message about their size shows the check came first.
    struct Case {
        const char* name;
        uint32_t width, height;
        const char* size;
    };
    for (Case c : {Case{"strip.png", 40000, 10, "40000x10"}, Case{"huge.png", 20000, 20000, "20000x20000"}}) {
        writeBytes(dir / c.name, pngHeaderOnly(c.width, c.height));
        auto photo = loadPhoto(dir / c.name);
        REQUIRE_FALSE(photo);
        INFO(photo.error().message);
        CHECK(photo.error().message.find(c.name) != std::string::npos);
        CHECK(photo.error().message.find(c.size) != std::string::npos);
        CHECK(photo.error().message.find("too large") != std::string::npos);
    }
    // Within the limits, the same kind of file gets as far as decoding and fails there.
    writeBytes(dir / "fine-header.png", pngHeaderOnly(4000, 3000));
    auto info = probeImage(dir / "fine-header.png");
    REQUIRE_MESSAGE(info, info.error().message);
    CHECK(info->width == 4000);
    auto photo = loadPhoto(dir / "fine-header.png");
    REQUIRE_FALSE(photo);
    CHECK(photo.error().message.find("too large") == std::string::npos);

    writeBytes(dir / "zero.png", pngHeaderOnly(0, 0));
    auto zero = loadPhoto(dir / "zero.png");
    REQUIRE_FALSE(zero);
    CHECK(zero.error().message.find("zero.png") != std::string::npos);
}

// [SECTION] Panoramas

namespace {

// panorama.h's mapping from an equirect position to the direction it shows.
std::array<double, 3> equirectDirection(double u, double v) {
    double longitude = 2 * kPi * (u - 0.5);
    double latitude = kPi * (0.5 - v);
    return {std::sin(longitude) * std::cos(latitude), std::sin(latitude),
            -std::cos(longitude) * std::cos(latitude)};
}

// Each pixel's colour encodes the direction it shows: 127.5 + 120 * d.
RgbaImage directionColoured(uint32_t width, uint32_t height) {
    RgbaImage image{width, height, std::vector<uint8_t>(size_t(width) * height * 4)};
    for (uint32_t y = 0; y < height; ++y)
        for (uint32_t x = 0; x < width; ++x) {
            auto d = equirectDirection((x + 0.5) / width, (y + 0.5) / height);
            uint8_t* p = &image.pixels[(size_t(y) * width + x) * 4];
            for (int c = 0; c < 3; ++c) p[c] = uint8_t(std::lround(127.5 + 120 * d[size_t(c)]));
            p[3] = 255;
        }
    return image;
}

// The Vulkan spec's cube-map face selection ("Cube Map Face Selection"
// table): the face a direction samples and where on it, s and t in [0, 1].
struct FaceHit {
    uint32_t face;
    double s, t;
};
FaceHit selectFace(std::array<double, 3> r) {
    double ax = std::abs(r[0]), ay = std::abs(r[1]), az = std::abs(r[2]);
    uint32_t face;
    double sc, tc, ma;
    if (ax >= ay && ax >= az) {
        face = r[0] > 0 ? 0 : 1;
        sc = r[0] > 0 ? -r[2] : r[2];
        tc = -r[1];
        ma = ax;
    } else if (ay >= az) {
        face = r[1] > 0 ? 2 : 3;
        sc = r[0];
        tc = r[1] > 0 ? r[2] : -r[2];
        ma = ay;
    } else {
        face = r[2] > 0 ? 4 : 5;
        sc = r[2] > 0 ? r[0] : -r[0];
        tc = -r[1];
        ma = az;
    }
    return {face, 0.5 * (sc / ma + 1), 0.5 * (tc / ma + 1)};
}

// Longitude bands round the horizon, white sky above, dark floor below:
// forward (-Z, the image centre) red, right (+X) green, behind (+Z) blue,
// left (-X) yellow.
Rgb regionColour(double u, double v) {
    if (v < 0.2) return kWhite;
    if (v > 0.8) return kDark;
    double longitude = 360 * (u - 0.5);
    if (std::abs(longitude) <= 45) return kRed;
    if (longitude > 45 && longitude <= 135) return kGreen;
    if (longitude < -45 && longitude >= -135) return kYellow;
    return kBlue;
}

Rgb faceCentre(const RgbaImage& face) { return colourAt(face, face.width / 2, face.height / 2); }

bool sameBytes(const CubeMap& a, const CubeMap& b) {
    for (uint32_t f = 0; f < kCubeFaceCount; ++f)
        if (a.faces[f].pixels != b.faces[f].pixels || a.preview[f].pixels != b.preview[f].pixels) return false;
    return true;
}

}  // namespace

TEST_CASE("cube face sizes follow the documented rule") {
    CHECK(cubeSizesFor(16384, {}).faceSize == 2048);
    CHECK(cubeSizesFor(16384, {}).previewFaceSize == 64);
    CHECK(cubeSizesFor(6000, {}).faceSize == 1024);  // 1500 rounds down to a power of two
    CHECK(cubeSizesFor(8192, PanoramaOptions{1500, 100}).faceSize == 1024);
    CHECK(cubeSizesFor(8192, PanoramaOptions{1500, 100}).previewFaceSize == 64);
    CHECK(cubeSizesFor(64, {}).faceSize == 16);
    CHECK(cubeSizesFor(64, {}).previewFaceSize == 16);
    CHECK(cubeSizesFor(3, {}).faceSize == 0);
}

TEST_CASE("the panorama's centre lands on the forward (-Z) face and every direction on its Vulkan face") {
    TempDir dir;
    fs::path path = dir / "regions.png";
    save(fromPixels(1024, 512, [](uint32_t x, uint32_t y) { return regionColour((x + 0.5) / 1024, (y + 0.5) / 512); })
             .get(),
         path);
    auto cube = equirectToCube(path);
    REQUIRE_MESSAGE(cube, cube.error().message);
    auto face = [&](CubeFace f) -> const RgbaImage& { return cube->faces[uint32_t(f)]; };
    REQUIRE(face(CubeFace::NegativeZ).width == 256);
    CHECK_COLOUR(faceCentre(face(CubeFace::NegativeZ)), kRed, 0);
    CHECK_COLOUR(faceCentre(face(CubeFace::PositiveX)), kGreen, 0);
    CHECK_COLOUR(faceCentre(face(CubeFace::PositiveZ)), kBlue, 0);
    CHECK_COLOUR(faceCentre(face(CubeFace::NegativeX)), kYellow, 0);
    CHECK_COLOUR(faceCentre(face(CubeFace::PositiveY)), kWhite, 0);
    CHECK_COLOUR(faceCentre(face(CubeFace::NegativeY)), kDark, 0);
    // The sky face's edges, per the spec's +Y orientation: row 0 borders -Z
    // (forward), the last row +Z, column 0 -X.
    const RgbaImage& up = face(CubeFace::PositiveY);
    CHECK_COLOUR(colourAt(up, 128, 1), kRed, 0);
    CHECK_COLOUR(colourAt(up, 128, 254), kBlue, 0);
    CHECK_COLOUR(colourAt(up, 1, 128), kYellow, 0);
    CHECK_COLOUR(colourAt(up, 254, 128), kGreen, 0);
    // The preview shows the same cube, small.
    REQUIRE(cube->preview[uint32_t(CubeFace::NegativeZ)].width == 64);
    CHECK_COLOUR(faceCentre(cube->preview[uint32_t(CubeFace::NegativeZ)]), kRed, 0);
    CHECK_COLOUR(faceCentre(cube->preview[uint32_t(CubeFace::PositiveY)]), kWhite, 0);
}

TEST_CASE("every cube texel shows the direction the Vulkan face selection gives it") {
    constexpr uint32_t kFace = 32;
    auto cube = resampleToCube(directionColoured(256, 128), CubeSizes{kFace, 8});
    REQUIRE_MESSAGE(cube, cube.error().message);
    int checked = 0, wrong = 0;
    for (uint32_t f = 0; f < kCubeFaceCount; ++f)
        for (uint32_t t = 1; t + 1 < kFace; ++t)
            for (uint32_t s = 1; s + 1 < kFace; ++s) {
                Rgb colour = colourAt(cube->faces[f], s, t);
                std::array<double, 3> d{};
                for (int c = 0; c < 3; ++c) d[size_t(c)] = (colour[c] - 127.5) / 120;
                FaceHit hit = selectFace(d);
                bool right = hit.face == f && std::abs(hit.s * kFace - (s + 0.5)) <= 0.75 &&
                             std::abs(hit.t * kFace - (t + 0.5)) <= 0.75;
                if (!right && wrong++ < 5)
                    MESSAGE("face " << f << " texel " << s << "," << t << " shows face " << hit.face << " at "
                                    << hit.s * kFace << "," << hit.t * kFace);
                ++checked;
            }
    CHECK(checked == 6 * 30 * 30);
    CHECK(wrong == 0);
}

TEST_CASE("the seam behind the viewer is continuous") {
    // A coarse panorama blown up, so the +Z face's middle texels sample
    // between the last and the first column.
    auto cube = resampleToCube(directionColoured(64, 32), CubeSizes{64, 1});
    REQUIRE_MESSAGE(cube, cube.error().message);
    const RgbaImage& behind = cube->faces[uint32_t(CubeFace::PositiveZ)];
    // Red encodes x, which changes by about 120 * 2 / 64 = 3.75 per texel.
    for (uint32_t s = 24; s < 40; ++s) {
        int step = colourAt(behind, s + 1, 32)[0] - colourAt(behind, s, 32)[0];
        INFO("texels " << s << " and " << s + 1);
        CHECK(step >= 2);
        CHECK(step <= 6);
    }
}

TEST_CASE("a plain-coloured panorama gives plain-coloured faces and preview") {
    RgbaImage equirect{128, 64, {}};
    for (int i = 0; i < 128 * 64; ++i) equirect.pixels.insert(equirect.pixels.end(), {200, 100, 50, 255});
    auto cube = resampleToCube(equirect, CubeSizes{32, 4});
    REQUIRE_MESSAGE(cube, cube.error().message);
    for (uint32_t f = 0; f < kCubeFaceCount; ++f) {
        CHECK(cube->faces[f].pixels.size() == 32 * 32 * 4);
        CHECK(cube->preview[f].pixels.size() == 4 * 4 * 4);
        for (const RgbaImage* image : {&cube->faces[f], &cube->preview[f]})
            for (size_t i = 0; i < image->pixels.size(); i += 4)
                REQUIRE(std::vector<uint8_t>(image->pixels.begin() + long(i), image->pixels.begin() + long(i) + 4) ==
                        std::vector<uint8_t>{200, 100, 50, 255});
    }
}

TEST_CASE("a panorama that is not 2:1 is refused with its measured size") {
    TempDir dir;
    fs::path path = dir / "three-to-one.png";
    save(solid(300, 100, kBlue).get(), path);
    auto cube = equirectToCube(path);
    REQUIRE_FALSE(cube);
    INFO(cube.error().message);
    CHECK(cube.error().message.find("three-to-one.png") != std::string::npos);
    CHECK(cube.error().message.find("300x100") != std::string::npos);
    CHECK(cube.error().exitCode == kExitBadInput);

    fs::path nearly = dir / "nearly.png";  // 2:1 within 1%
    save(solid(404, 200, kBlue).get(), nearly);
    auto accepted = equirectToCube(nearly);
    CHECK_MESSAGE(accepted, accepted.error().message);
}

TEST_CASE("a 16384x8192 panorama converts to 2048-pixel faces") {
    TempDir dir;
    fs::path path = dir / "16k.jpg";
    save(horizontalRamp(16384, 8192).get(), path);
    auto info = probeImage(path);
    REQUIRE_MESSAGE(info, info.error().message);
    CHECK(info->width == 16384);
    auto start = std::chrono::steady_clock::now();
    auto cube = equirectToCube(path);
    double seconds = secondsSince(start);
    REQUIRE_MESSAGE(cube, cube.error().message);
    MESSAGE("16384x8192 JPEG panorama to a 2048 cube: " << seconds << " s");
    for (uint32_t f = 0; f < kCubeFaceCount; ++f) {
        CHECK(cube->faces[f].width == 2048);
        CHECK(cube->faces[f].height == 2048);
        CHECK(cube->preview[f].width == 64);
    }
    // The ramp is half grey at the centre (forward) and three quarters at +X.
    CHECK_COLOUR(faceCentre(cube->faces[uint32_t(CubeFace::NegativeZ)]), (Rgb{128, 128, 128}), 3);
    CHECK_COLOUR(faceCentre(cube->faces[uint32_t(CubeFace::PositiveX)]), (Rgb{191, 191, 191}), 3);
}

TEST_CASE("converting the same panorama twice gives byte-identical cubes") {
    TempDir dir;
    fs::path path = dir / "noise.jpg";
    save(noise(2048, 1024).get(), path);
    auto first = equirectToCube(path);
    REQUIRE_MESSAGE(first, first.error().message);
    CHECK(first->faces[0].width == 512);
    auto second = equirectToCube(path);
    REQUIRE_MESSAGE(second, second.error().message);
    CHECK(sameBytes(*first, *second));
}
