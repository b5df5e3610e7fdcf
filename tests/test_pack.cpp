// openhouse-pack as an agent and a branch use it: a listing folder (photos,
// a panorama, a model) packs into one bundle the viewer's reader accepts,
// with pictures that decode close to their sources; packing is
// deterministic, signable and atomic; bad listings are refused with the file
// named, exit code 2 and nothing written. Small inputs, so it runs under the
// sanitizers too.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "bundle/scene_codec.h"
#include "core/file_io.h"
#include "core/image.h"
#include "hostile_gltf.h"
#include "hostile_images.h"
#include "program_run.h"
#include "texture/texture_encode.h"
#include "tools/pack/pack_tour.h"

namespace fs = std::filesystem;
using namespace oh;
using oh::test::ProgramRun;
using oh::test::TempDir;
using oh::test::runProgram;

namespace {

const fs::path kModel = fs::path(OH_ASSETS_DIR) / "BoxTextured/glTF-Binary/BoxTextured.glb";
const fs::path kListingJson = fs::path(OH_TESTS_DIR) / "listing_corpus/good/minimal.json";

// A photo whose quadrants differ, so orientation and resizing show.
RgbaImage testPhoto(uint32_t width, uint32_t height) {
    RgbaImage image{width, height, std::vector<uint8_t>(size_t(width) * height * 4, 255)};
    for (uint32_t y = 0; y < height; ++y)
        for (uint32_t x = 0; x < width; ++x) {
            uint8_t* p = &image.pixels[(size_t(y) * width + x) * 4];
            p[0] = x < width / 2 ? 200 : 40;
            p[1] = y < height / 2 ? 180 : 60;
            p[2] = uint8_t(x * 255 / width);
        }
    return image;
}

// A listing folder with two photos, a 2:1 panorama and the textured box.
fs::path makeListing(const fs::path& root, const std::function<void(nlohmann::json&)>& edit = {}) {
    fs::path folder = root / "listing";
    fs::create_directories(folder / "photos");
    fs::create_directories(folder / "panoramas");
    fs::create_directories(folder / "model");
    fs::copy_file(kModel, folder / "model/box.glb");
    REQUIRE(writeJpeg(folder / "photos/living.jpg", testPhoto(640, 480)).has_value());
    REQUIRE(writeJpeg(folder / "photos/kitchen.jpg", testPhoto(300, 400)).has_value());
    REQUIRE(writeJpeg(folder / "panoramas/living.jpg", testPhoto(512, 256)).has_value());
    std::ifstream in(kListingJson);
    nlohmann::json listing = nlohmann::json::parse(in);
    listing["model"] = "model/box.glb";
    listing["spots"] = {{{"name", "Living room"}, {"position", {0.0, 0.0, 0.0}}, {"heading", 90}}};
    listing["photos"] = {{{"file", "photos/living.jpg"}, {"caption", "Light from two sides"}},
                         {{"file", "photos/kitchen.jpg"}, {"room", "Kitchen"}}};
    listing["panoramas"] = {{{"file", "panoramas/living.jpg"}, {"name", "Living room"}}};
    if (edit) edit(listing);
    std::ofstream(folder / "listing.json") << listing.dump(2);
    return folder;
}

pack::PackOptions optionsFor(const fs::path& input, const fs::path& output) {
    pack::PackOptions options;
    options.input = input;
    options.output = output;
    options.progress = pack::ProgressBar::Mode::Quiet;
    options.maxTextureSize = 256;
    return options;
}

std::vector<uint8_t> bytesOf(const fs::path& path) { return readFile(path).value(); }

ProgramRun packCommand(const std::string& arguments, const fs::path& scratch) {
    return runProgram(std::string("'") + OH_PACK_EXE + "' " + arguments, scratch);
}

// The refusal a user must see: exit 2, the file and the problem named, no bundle.
void expectRefused(const fs::path& listing, const fs::path& scratch, const std::string& file,
                   const std::string& problem) {
    fs::path output = scratch / "out.tour";
    ProgramRun run = packCommand("-q '" + listing.string() + "' -o '" + output.string() + "'", scratch);
    CHECK(run.exitCode == 2);
    CHECK_MESSAGE(run.errors.find(file) != std::string::npos, run.errors);
    CHECK_MESSAGE(run.errors.find(problem) != std::string::npos, run.errors);
    CHECK_FALSE(fs::exists(output));
    for (const auto& entry : fs::directory_iterator(scratch))
        CHECK_MESSAGE(entry.path().string().find(".tmp-") == std::string::npos, entry.path());
}

}  // namespace

TEST_CASE("a listing folder packs into a bundle whose parts the viewer's reader accepts") {
    TempDir dir;
    fs::path listing = makeListing(dir.path);
    auto report = pack::packTour(optionsFor(listing, dir.path / "listing.tour"));
    REQUIRE_MESSAGE(report.has_value(), report.error().message);

    auto reader = bundle::BundleReader::open(dir.path / "listing.tour");
    REQUIRE_MESSAGE(reader.has_value(), reader.error().message);
    auto manifest = bundle::decodeManifest(*reader);
    REQUIRE_MESSAGE(manifest.has_value(), manifest.error().message);
    REQUIRE(manifest->listing.has_value());
    CHECK(manifest->listing->id == "kallio-helsinginkatu-10-b-21");
    CHECK(manifest->title == "Helsinginkatu 10 B 21, Helsinki");
    REQUIRE(manifest->photos.size() == 2);
    REQUIRE(manifest->panoramas.size() == 1);
    // A portrait photo stays portrait; sizes are never enlarged.
    CHECK(manifest->photos[0].display.width == 640);
    CHECK(manifest->photos[1].display.width == 300);
    CHECK(manifest->photos[1].display.height == 400);
    CHECK(std::max(manifest->photos[0].thumbnail.width, manifest->photos[0].thumbnail.height) == 320);
    CHECK(manifest->panoramas[0].faceSize == 128);  // a quarter of the width

    auto scene = bundle::decodeScene(*reader);
    REQUIRE_MESSAGE(scene.has_value(), scene.error().message);
    CHECK(scene->scene.triangleCount() == 12);
    REQUIRE(scene->scene.images.size() == 1);
    CHECK(scene->scene.images[0].format == scene::PixelFormat::Bc7);
    CHECK(scene->scene.images[0].mipLevels == scene::fullMipCount(scene->scene.images[0].width,
                                                                   scene->scene.images[0].height));
}

TEST_CASE("a packed photo decodes close to its source") {
    TempDir dir;
    fs::path listing = makeListing(dir.path);
    REQUIRE(pack::packTour(optionsFor(listing, dir.path / "listing.tour")).has_value());
    auto reader = bundle::BundleReader::open(dir.path / "listing.tour");
    REQUIRE(reader.has_value());
    auto manifest = bundle::decodeManifest(*reader);
    REQUIRE(manifest.has_value());
    const bundle::ImagePart& display = manifest->photos[0].display;
    auto bytes = reader->part(display.part, bundle::PartKind::Photo);
    REQUIRE(bytes.has_value());
    uint64_t level0 = scene::mipLevelBytes(display.format, display.width, display.height);
    auto decoded = texture::decodeBlocks(texture::BlockFormat::Bc7, display.width, display.height,
                                         bytes->subspan(0, level0));
    REQUIRE(decoded.has_value());
    // Against the picture before it became a JPEG (quality 92) and then BC7.
    CHECK(texture::psnr(testPhoto(640, 480), *decoded, 3) > 30.0);
}

TEST_CASE("packing is deterministic whatever the number of threads") {
    TempDir dir;
    fs::path listing = makeListing(dir.path);
    pack::PackOptions one = optionsFor(listing, dir.path / "one.tour");
    one.threads = 1;
    pack::PackOptions many = optionsFor(listing, dir.path / "many.tour");
    many.threads = 4;
    REQUIRE(pack::packTour(one).has_value());
    REQUIRE(pack::packTour(many).has_value());
    CHECK(bytesOf(dir.path / "one.tour") == bytesOf(dir.path / "many.tour"));
}

TEST_CASE("a bare model packs as a listing with only a model") {
    TempDir dir;
    REQUIRE(pack::packTour(optionsFor(kModel, dir.path / "box.tour")).has_value());
    auto reader = bundle::BundleReader::open(dir.path / "box.tour");
    REQUIRE(reader.has_value());
    auto manifest = bundle::decodeManifest(*reader);
    REQUIRE(manifest.has_value());
    CHECK_FALSE(manifest->listing.has_value());
    CHECK(manifest->photos.empty());
    CHECK(manifest->scene.triangles == 12);
}

TEST_CASE("a signed bundle verifies against its key through the command line, and not against another") {
    TempDir dir;
    fs::path listing = makeListing(dir.path);
    REQUIRE(packCommand("keygen '" + (dir.path / "branch").string() + "'", dir.path).exitCode == 0);
    REQUIRE(packCommand("keygen '" + (dir.path / "other").string() + "'", dir.path).exitCode == 0);
    fs::path bundle = dir.path / "signed.tour";
    ProgramRun packed = packCommand("-q --max-texture-size 256 '" + listing.string() + "' -o '" + bundle.string() +
                                 "' --sign '" + (dir.path / "branch.key").string() + "'",
                             dir.path);
    REQUIRE_MESSAGE(packed.exitCode == 0, packed.errors);
    CHECK(packCommand("verify '" + bundle.string() + "' --trust '" + (dir.path / "branch.pub").string() + "'",
                      dir.path).exitCode == 0);
    ProgramRun other = packCommand("verify '" + bundle.string() + "' --trust '" + (dir.path / "other.pub").string() + "'",
                            dir.path);
    CHECK(other.exitCode == kExitUntrusted);
    CHECK_MESSAGE(other.errors.find("not trusted") != std::string::npos, other.errors);
}

TEST_CASE("an interrupted pack leaves no bundle and no temporary file") {
    TempDir dir;
    fs::path listing = makeListing(dir.path);
    pack::PackOptions options = optionsFor(listing, dir.path / "listing.tour");
    int polls = 0;
    options.cancelled = [&] { return ++polls > 3; };
    auto report = pack::packTour(options);
    REQUIRE_FALSE(report.has_value());
    CHECK(report.error().message.find("interrupted") != std::string::npos);
    for (const auto& entry : fs::directory_iterator(dir.path)) CHECK(entry.path().filename() == "listing");
}

TEST_CASE("every schema error of listing.json is reported in one run, naming the file") {
    TempDir dir;
    fs::path listing = makeListing(dir.path, [](nlohmann::json& json) {
        json["price"]["currency"] = "eur";
        json["rooms"]["count"] = 0;
        json["photos"][0]["camera"] = {{"position", {0, 1.5, 0}}, {"heading", 400}};
    });
    fs::path output = dir.path / "out.tour";
    ProgramRun run = packCommand("-q '" + listing.string() + "' -o '" + output.string() + "'", dir.path);
    CHECK(run.exitCode == 2);
    for (const char* pointer : {"/price/currency", "/rooms/count", "/photos/0/camera/heading"})
        CHECK_MESSAGE(run.errors.find(pointer) != std::string::npos, run.errors);
    CHECK(run.errors.find("listing.json") != std::string::npos);
    CHECK_FALSE(fs::exists(output));
}

TEST_CASE("bad pictures and file names are refused with the file named and nothing written") {
    SUBCASE("a truncated JPEG") {
        TempDir dir;
        fs::path listing = makeListing(dir.path);
        std::vector<uint8_t> jpeg = bytesOf(listing / "photos/kitchen.jpg");
        jpeg.resize(jpeg.size() / 2);
        std::ofstream(listing / "photos/kitchen.jpg", std::ios::binary)
            .write(reinterpret_cast<const char*>(jpeg.data()), std::streamsize(jpeg.size()));
        expectRefused(listing, dir.path, "kitchen.jpg", "");
    }
    SUBCASE("a missing photo") {
        TempDir dir;
        fs::path listing = makeListing(dir.path);
        fs::remove(listing / "photos/kitchen.jpg");
        expectRefused(listing, dir.path, "photos/kitchen.jpg", "not found");
    }
    SUBCASE("a panorama that is not 2:1") {
        TempDir dir;
        fs::path listing = makeListing(dir.path);
        REQUIRE(writeJpeg(listing / "panoramas/living.jpg", testPhoto(300, 200)).has_value());
        expectRefused(listing, dir.path, "living.jpg", "300x200");
    }
    SUBCASE("a file name that escapes the folder") {
        TempDir dir;
        fs::path listing = makeListing(dir.path, [](nlohmann::json& json) { json["photos"][0]["file"] = "../secret.jpg"; });
        expectRefused(listing, dir.path, "listing.json", "/photos/0/file");
    }
    SUBCASE("a symbolic link that points out of the folder") {
        TempDir dir;
        fs::path listing = makeListing(dir.path);
        fs::remove(listing / "photos/kitchen.jpg");
        fs::create_symlink("/etc/hostname", listing / "photos/kitchen.jpg");
        expectRefused(listing, dir.path, "photos/kitchen.jpg", "outside");
    }
    SUBCASE("an image whose header claims an absurd size") {
        TempDir dir;
        fs::path listing = makeListing(dir.path);
        std::vector<uint8_t> png = test::pngHeaderOnly(100000, 100000);
        fs::remove(listing / "photos/kitchen.jpg");
        std::ofstream(listing / "photos/kitchen.png", std::ios::binary)
            .write(reinterpret_cast<const char*>(png.data()), std::streamsize(png.size()));
        nlohmann::json json = nlohmann::json::parse(std::ifstream(listing / "listing.json"));
        json["photos"][1]["file"] = "photos/kitchen.png";
        std::ofstream(listing / "listing.json") << json.dump();
        expectRefused(listing, dir.path, "kitchen.png", "100000");
    }
}

TEST_CASE("an output that cannot be written is exit code 4 with nothing left behind") {
    TempDir dir;
    fs::path listing = makeListing(dir.path);
    ProgramRun run = packCommand("-q '" + listing.string() + "' -o '" + (dir.path / "no/such/folder/out.tour").string() + "'",
                          dir.path);
    CHECK(run.exitCode == kExitIo);
    CHECK_MESSAGE(run.errors.find("out.tour") != std::string::npos, run.errors);
}
