// openhouse-pack as an agent and a branch use it: a listing folder (photos,
// a panorama, a model) packs into one bundle the viewer's reader accepts,
// with pictures that decode close to their sources; packing is
// deterministic, signable and atomic; bad listings are refused with the file
// named, exit code 2 and nothing written. Panoramas carry their hotspots into
// the manifest (derived through the model, or as a panorama-only listing
// writes them) and `inspect` lists them. Small inputs, so it runs under the
// sanitizers too.
#include <doctest/doctest.h>

#include <algorithm>
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
#include "tools/pack/inspect.h"
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

// The listing's three panoramas around the 1 m box at the origin, at its
// half-height, without links: west and east have the box between them,
// north sees both past its corners.
void placePanoramasAroundTheBox(nlohmann::json& listing) {
    listing["panoramas"] = {
        {{"file", "panoramas/living.jpg"}, {"name", "West"}, {"position", {-3.0, 0.0, 0.0}}, {"heading", 0}},
        {{"file", "panoramas/living.jpg"}, {"name", "East"}, {"position", {3.0, 0.0, 0.0}}, {"heading", 0}},
        {{"file", "panoramas/living.jpg"}, {"name", "North"}, {"position", {0.0, 0.0, -3.0}}, {"heading", 0}}};
}

bundle::Manifest manifestOf(const fs::path& tour) {
    auto reader = bundle::BundleReader::open(tour);
    REQUIRE_MESSAGE(reader.has_value(), reader.error().message);
    auto manifest = bundle::decodeManifest(*reader);
    REQUIRE_MESSAGE(manifest.has_value(), manifest.error().message);
    return *manifest;
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
    CHECK(manifest->panoramas[0].cube.faceSize == 128);  // a quarter of the width

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

TEST_CASE("with --cache, packing again reuses every compressed image, the bundle byte for byte the same") {
    TempDir dir;
    fs::path listing = makeListing(dir.path);
    REQUIRE(pack::packTour(optionsFor(listing, dir.path / "plain.tour")).has_value());
    pack::PackOptions cold = optionsFor(listing, dir.path / "cold.tour");
    cold.cacheFolder = dir.path / "cache";
    auto first = pack::packTour(cold);
    REQUIRE(first.has_value());
    // The textured box's texture, two photos (display and thumbnail each), the panorama's two cubes' faces.
    CHECK(first->cacheHits == 0);
    CHECK(first->cacheMisses >= 5);
    pack::PackOptions warm = optionsFor(listing, dir.path / "warm.tour");
    warm.cacheFolder = cold.cacheFolder;
    auto second = pack::packTour(warm);
    REQUIRE(second.has_value());
    CHECK(second->cacheMisses == 0);
    CHECK(second->cacheHits == first->cacheMisses);
    CHECK(bytesOf(dir.path / "cold.tour") == bytesOf(dir.path / "plain.tour"));
    CHECK(bytesOf(dir.path / "warm.tour") == bytesOf(dir.path / "plain.tour"));

    // A new asking price: only the facts change, every picture comes from the cache.
    makeListing(dir.path / "repriced", [](nlohmann::json& l) { l["price"]["asking"] = 123456; });
    pack::PackOptions repriced = optionsFor(dir.path / "repriced/listing", dir.path / "repriced.tour");
    repriced.cacheFolder = cold.cacheFolder;
    auto third = pack::packTour(repriced);
    REQUIRE(third.has_value());
    CHECK(third->cacheMisses == 0);
    REQUIRE(manifestOf(dir.path / "repriced.tour").listing.has_value());
    CHECK(manifestOf(dir.path / "repriced.tour").listing->price.asking == 123456);
}

TEST_CASE("a damaged or cut cache entry is compressed again, never used") {
    TempDir dir;
    fs::path listing = makeListing(dir.path);
    pack::PackOptions options = optionsFor(listing, dir.path / "first.tour");
    options.cacheFolder = dir.path / "cache";
    auto first = pack::packTour(options);
    REQUIRE(first.has_value());
    // Every entry spoiled: one byte flipped in the middle of half of them, the others cut short.
    int index = 0;
    for (const auto& entry : fs::directory_iterator(*options.cacheFolder)) {
        std::vector<uint8_t> bytes = bytesOf(entry.path());
        if (index++ % 2) bytes[bytes.size() / 2] ^= 0x40;
        else bytes.resize(bytes.size() / 3);
        std::ofstream(entry.path(), std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    }
    CHECK(index == int(first->cacheMisses));
    options.output = dir.path / "again.tour";
    auto again = pack::packTour(options);
    REQUIRE(again.has_value());
    CHECK(again->cacheHits == 0);
    CHECK(bytesOf(dir.path / "again.tour") == bytesOf(dir.path / "first.tour"));
    // Written again whole: the next pack takes them all.
    options.output = dir.path / "third.tour";
    auto third = pack::packTour(options);
    REQUIRE(third.has_value());
    CHECK(third->cacheMisses == 0);
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
    // A box is nothing to walk in: no plan in the bundle, and none to print.
    CHECK_FALSE(manifest->generatedPlan.has_value());
    ProgramRun plan = packCommand("plan '" + (dir.path / "box.tour").string() + "' --out '" +
                                      (dir.path / "plan.pdf").string() + "'", dir.path);
    CHECK(plan.exitCode == 2);
    CHECK_MESSAGE(plan.errors.find("box.tour: ") != std::string::npos, plan.errors);
    CHECK_FALSE(fs::exists(dir.path / "plan.pdf"));
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

TEST_CASE("panoramas in a model link to those in sight, never through the model, at their eyes' directions") {
    TempDir dir;
    fs::path listing = makeListing(dir.path, placePanoramasAroundTheBox);
    REQUIRE(pack::packTour(optionsFor(listing, dir.path / "box.tour")).has_value());
    bundle::Manifest manifest = manifestOf(dir.path / "box.tour");
    REQUIRE(manifest.panoramas.size() == 3);
    using Links = std::vector<bundle::PanoramaLink>;
    CHECK(manifest.panoramas[0].place.links == Links{{2, 45.0, 0.0}});   // west sees north, not east
    CHECK(manifest.panoramas[1].place.links == Links{{2, 315.0, 0.0}});  // east sees north
    CHECK(manifest.panoramas[2].place.links == Links{{0, 225.0, 0.0}, {1, 135.0, 0.0}});
    for (const bundle::PanoramaEntry& panorama : manifest.panoramas) {
        CHECK(panorama.place.inModel);
        CHECK(panorama.place.heading == 0.0);
    }
    CHECK(manifest.panoramas[1].place.position == listing::Position{3.0, 0.0, 0.0});
}

TEST_CASE("the panorama-only demo listing packs with its links and no panorama in a model") {
    TempDir dir;
    fs::path folder = dir.path / "demo-panoramas";
    fs::path source = fs::path(OH_TESTS_DIR).parent_path() / "scenes/demo-panoramas/listing.json";
    fs::create_directories(folder);
    fs::copy_file(source, folder / "listing.json");
    // Small stand-ins for the pictures the build renders.
    auto listing = listing::loadListing(source);
    REQUIRE(listing.has_value());
    REQUIRE_FALSE(listing->model.has_value());
    for (const listing::Photo& photo : listing->photos) {
        fs::create_directories((folder / photo.file).parent_path());
        REQUIRE(writeJpeg(folder / photo.file, testPhoto(160, 120)).has_value());
    }
    for (const listing::Panorama& panorama : listing->panoramas) {
        fs::create_directories((folder / panorama.file).parent_path());
        REQUIRE(writeJpeg(folder / panorama.file, testPhoto(256, 128)).has_value());
    }
    REQUIRE(pack::packTour(optionsFor(folder, dir.path / "panoramas.tour")).has_value());

    bundle::Manifest manifest = manifestOf(dir.path / "panoramas.tour");
    CHECK_FALSE(manifest.generatedPlan.has_value());
    ProgramRun plan = packCommand("plan '" + (dir.path / "panoramas.tour").string() + "' --out '" +
                                      (dir.path / "plan.pdf").string() + "'", dir.path);
    CHECK(plan.exitCode == 2);
    CHECK_MESSAGE(plan.errors.find("a listing of panoramas only has no model to draw a floor plan from") !=
                      std::string::npos,
                  plan.errors);
    CHECK_FALSE(fs::exists(dir.path / "plan.pdf"));
    CHECK_FALSE(manifest.scene.walkable);
    CHECK(manifest.scene.triangles == 0);
    REQUIRE(manifest.panoramas.size() == 5);
    // The hallway, first, leads to the living room, the bedroom and the bathroom as written.
    REQUIRE(manifest.listing->panoramas[0].name == "Hallway");
    using Links = std::vector<bundle::PanoramaLink>;
    CHECK(manifest.panoramas[0].place.links == Links{{1, 180.0, -19.0}, {3, 221.6, -27.0}, {4, 138.4, -27.0}});
    for (size_t i = 0; i < manifest.panoramas.size(); ++i) {
        CAPTURE(manifest.listing->panoramas[i].name);
        const bundle::PanoramaPlace& place = manifest.panoramas[i].place;
        CHECK_FALSE(place.inModel);  // no model: nothing to go back to
        CHECK(place.position.has_value());
        CHECK(place.heading.has_value());
        REQUIRE_FALSE(place.links.empty());
        // A full tour: every hotspot has one leading back.
        for (const bundle::PanoramaLink& link : place.links) {
            const Links& back = manifest.panoramas[link.target].place.links;
            CHECK(std::any_of(back.begin(), back.end(), [&](const auto& l) { return l.target == i; }));
        }
    }
}

TEST_CASE("inspect lists each panorama's hotspots, in words and as JSON") {
    TempDir dir;
    fs::path listing = makeListing(dir.path, placePanoramasAroundTheBox);
    fs::path tour = dir.path / "box.tour";
    REQUIRE(pack::packTour(optionsFor(listing, tour)).has_value());

    // What `openhouse-pack inspect [--json]` prints.
    auto text = pack::inspectBundle(tour, false);
    REQUIRE_MESSAGE(text.has_value(), text.error().message);
    for (const char* line : {"panoramas   3 (cube faces 128 px, preview 64 px)\n"
                             "  0 West: at (-3, 0, 0), heading 0°, in the model, 1 hotspot\n"
                             "      -> 2 North (heading 45°, pitch 0°)\n",
                             "  2 North: at (0, 0, -3), heading 0°, in the model, 2 hotspots\n"
                             "      -> 0 West (heading 225°, pitch 0°)\n"
                             "      -> 1 East (heading 135°, pitch 0°)\n"})
        CHECK_MESSAGE(text->find(line) != std::string::npos, *text);

    auto json = pack::inspectBundle(tour, true);
    REQUIRE_MESSAGE(json.has_value(), json.error().message);
    nlohmann::json document = nlohmann::json::parse(*json);
    const nlohmann::json& north = document["hotspots"][2];
    CHECK(north["panorama"] == "North");
    CHECK(north["inModel"] == true);
    CHECK(north["links"] == nlohmann::json::parse(R"([{"to": "West", "index": 0, "heading": 225.0, "pitch": 0.0},
                                                      {"to": "East", "index": 1, "heading": 135.0, "pitch": 0.0}])"));
    CHECK(document["manifest"]["panoramas"][2]["links"][0]["to"] == 0);
}

TEST_CASE("every problem with panorama links is reported in one run, exit code 2, nothing written") {
    TempDir dir;
    fs::path listing = makeListing(dir.path, [](nlohmann::json& json) {
        placePanoramasAroundTheBox(json);
        json["panoramas"][0]["links"] = {{{"to", "Kitchen"}, {"heading", 10}}, {{"to", "East"}, {"heading", 400}}};
        json["panoramas"][1]["links"] = {{{"to", "East"}, {"heading", 10}}};
        json["panoramas"][2]["links"] = {{{"to", "West"}, {"heading", 1}}, {{"to", "West"}, {"heading", 2}}};
    });
    fs::path output = dir.path / "out.tour";
    ProgramRun run = packCommand("-q '" + listing.string() + "' -o '" + output.string() + "'", dir.path);
    CHECK(run.exitCode == 2);
    CHECK_MESSAGE(run.errors.find("listing.json: 4 problems:") != std::string::npos, run.errors);
    for (const char* pointer : {"/panoramas/0/links/0/to: expected the name of another panorama of this listing",
                                "/panoramas/0/links/1/heading: expected a number in [0, 360), got 400",
                                "/panoramas/1/links/0/to: expected the name of another panorama, got \"East\"",
                                "/panoramas/2/links/1/to: expected each panorama once"})
        CHECK_MESSAGE(run.errors.find(pointer) != std::string::npos, run.errors);
    CHECK_FALSE(fs::exists(output));
}
