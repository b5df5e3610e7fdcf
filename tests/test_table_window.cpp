// The branch table as a customer and an agent use it: the real
// `openhouse-table` in a virtual X server on lavapipe (validation on), on the
// demo catalog the build makes, driven by injected touches and by TUIO
// markers sent over 127.0.0.1. What is checked is what they would see: the
// listings on the map, the card that opens, where the map went, and how it
// looks (goldens of the map and of a card).
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <lo/lo.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sys/wait.h>
#include <signal.h>
#include <spawn.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/image.h"
#include "image_compare.h"
#include "map/map_view.h"
#include "map/mbtiles.h"
#include "openhouse_runner.h"

namespace fs = std::filesystem;
using oh::test::quoted;

namespace {

constexpr int kWidth = 1280, kHeight = 800;

struct TableRun {
    int exitCode = -1;
    std::string output;  // stdout: the --print-state lines
    std::string errors;  // stderr: the log
};

// Runs openhouse-table on `listings` with `arguments` (the window size,
// --print-state and, unless the arguments name one, any free TUIO port are added).
TableRun runTable(const fs::path& listings, const std::string& arguments,
                  const std::string& logName = "table-stderr.txt") {
    fs::path errors = oh::test::testOutputDir() / logName;
    std::string command = quoted(OH_TABLE_EXE) + " " + quoted(listings.string()) + " --size " + std::to_string(kWidth) +
                          "x" + std::to_string(kHeight) + " --print-state " +
                          (arguments.find("--tuio-port") == std::string::npos ? "--tuio-port 0 " : "") + arguments + " 2> " +
                          quoted(errors.string());
    MESSAGE("running: " << command);
    TableRun run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, read);
    int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream log(errors);
    run.errors.assign(std::istreambuf_iterator<char>(log), {});
    MESSAGE("log:\n" << run.errors);
    return run;
}

// The "shown N of M: ids..." line.
std::set<std::string> shownIds(const std::string& output, size_t* total = nullptr) {
    std::istringstream in(output.substr(output.find("shown ")));
    std::string word, of;
    size_t count = 0, all = 0;
    in >> word >> count >> of >> all >> word;
    if (total) *total = all;
    std::set<std::string> ids;
    std::string line;
    std::getline(in, line);
    std::istringstream idStream(line);
    while (idStream >> word) ids.insert(word);
    CHECK(ids.size() == count);
    return ids;
}

std::string lineStarting(const std::string& output, const std::string& prefix) {
    std::istringstream in(output);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    return {};
}

struct ViewState {
    double lat = 0, lon = 0, zoom = 0;
};
ViewState viewOf(const std::string& output) {
    ViewState view;
    std::istringstream in(lineStarting(output, "view "));
    in >> view.lat >> view.lon >> view.zoom;
    return view;
}

std::vector<oh::catalog::ListingSummary> demoListings() {
    auto catalog = oh::catalog::Catalog::open(OH_DEMO_CATALOG_DIR);
    REQUIRE(catalog);
    REQUIRE(catalog->refresh());
    std::vector<oh::catalog::ListingSummary> all = catalog->find({});
    REQUIRE(all.size() >= 12);
    return all;
}

// The view the table opens with, for working out where a listing's pin is.
oh::map::MapView startView() {
    auto tiles = oh::map::MbTiles::open(OH_TABLE_TILES);
    REQUIRE(tiles);
    return oh::map::MapView(tiles->info(), kWidth, kHeight);
}

// A listing whose pin stands alone on the start view, clear of the panels
// (the header top left, the legend bottom left, the card on the right).
oh::catalog::ListingSummary lonePin(const std::vector<oh::catalog::ListingSummary>& listings,
                                    oh::map::ScreenPoint& where) {
    oh::map::MapView view = startView();
    for (const auto& listing : listings) {
        oh::map::ScreenPoint at = view.toScreen(oh::map::LatLon{listing.latitude, listing.longitude});
        if (at.x < 40 || at.x > kWidth - 620 || at.y < 40 || at.y > kHeight - 60) continue;
        if ((at.x < 600 && at.y < 180) || (at.x < 420 && at.y > 520)) continue;
        bool alone = true;
        for (const auto& other : listings) {
            if (other.id == listing.id) continue;
            oh::map::ScreenPoint p = view.toScreen(oh::map::LatLon{other.latitude, other.longitude});
            if (std::hypot(p.x - at.x, p.y - at.y) < 100) alone = false;
        }
        if (alone) {
            where = at;
            return listing;
        }
    }
    FAIL("no listing of the demo catalog stands alone on the table's start view");
    return {};
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Waits (at most `seconds`) until `path` holds `text`; what it holds then.
std::string waitForText(const fs::path& path, const std::string& text, int seconds) {
    std::string content;
    for (int tries = 0; tries < seconds * 10; ++tries) {
        content = readFile(path);
        if (content.find(text) != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return content;
}

// Waits (at most 60 s) until the table run logging to `logName` listens for markers.
void waitUntilListening(const std::string& logName) {
    waitForText(oh::test::testOutputDir() / logName, "listening for TUIO markers", 60);
}

// TUIO 1.1 /tuio/2Dobj frames to the table, one every 20 ms until stopped,
// from when the table listens: the markers on the table at that moment come
// from `objects(frame, log)`: `frame` counts from 1, `log` is what the table
// has logged so far, so a step can wait for the table to have seen the last.
struct Marker {
    int session = 0;
    int fiducial = 0;
    float x = 0, y = 0, angle = 0;
};
class TuioSender {
public:
    // The table's log from an earlier run must not start it early (packets to
    // a port nobody listens on yet are lost): the log is removed first.
    TuioSender(int port, const std::string& logName,
               std::function<std::vector<Marker>(int, const std::string&)> objects) {
        fs::remove(oh::test::testOutputDir() / logName);
        m_thread = std::thread([this, port, logName, objects] {
            waitUntilListening(logName);
            lo_address target = lo_address_new("127.0.0.1", std::to_string(port).c_str());
            for (int frame = 1; !m_stop; ++frame) {
                lo_bundle bundle = lo_bundle_new(LO_TT_IMMEDIATE);
                lo_message source = lo_message_new();
                lo_message_add_string(source, "source");
                lo_message_add_string(source, "test-table@127.0.0.1");
                lo_bundle_add_message(bundle, "/tuio/2Dobj", source);
                std::ifstream logFile(oh::test::testOutputDir() / logName);
                std::string log((std::istreambuf_iterator<char>(logFile)), {});
                std::vector<Marker> markers = objects(frame, log);
                lo_message alive = lo_message_new();
                lo_message_add_string(alive, "alive");
                for (const Marker& marker : markers) lo_message_add_int32(alive, marker.session);
                lo_bundle_add_message(bundle, "/tuio/2Dobj", alive);
                for (const Marker& marker : markers) {
                    lo_message set = lo_message_new();
                    lo_message_add_string(set, "set");
                    lo_message_add_int32(set, marker.session);
                    lo_message_add_int32(set, marker.fiducial);
                    for (float value : {marker.x, marker.y, marker.angle, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f})
                        lo_message_add_float(set, value);
                    lo_bundle_add_message(bundle, "/tuio/2Dobj", set);
                }
                lo_message fseq = lo_message_new();
                lo_message_add_string(fseq, "fseq");
                lo_message_add_int32(fseq, frame);
                lo_bundle_add_message(bundle, "/tuio/2Dobj", fseq);
                lo_send_bundle(target, bundle);
                lo_bundle_free_recursive(bundle);
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            lo_address_free(target);
        });
    }
    ~TuioSender() {
        m_stop = true;
        m_thread.join();
    }

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// A free UDP port on 127.0.0.1 for the table's TUIO receiver.
int freeUdpPort() {
    int socket = ::socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(socket >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    close(socket);
    return ntohs(address.sin_port);
}

}  // namespace

TEST_CASE("the table shows every listing and a tapped pin opens its card with its photos") {
    std::vector<oh::catalog::ListingSummary> listings = demoListings();
    oh::map::ScreenPoint at;
    oh::catalog::ListingSummary chosen = lonePin(listings, at);
    fs::path map = oh::test::freshOutput("table-map.png");
    TableRun start = runTable(OH_DEMO_CATALOG_DIR, "--frames 3 --screenshot " + quoted(map.string()));
    REQUIRE(start.exitCode == 0);
    size_t total = 0;
    CHECK(shownIds(start.output, &total).size() == listings.size());
    CHECK(total == listings.size());
    CHECK(lineStarting(start.output, "card ") == "-");
    CHECK(oh::test::checkGolden("table-map", oh::test::readImage(map), 2.0).passed);

    // A click on the pin (the agent's mouse: the card stands upright at the
    // side), then a swipe to the left across the card's photo.
    fs::path card = oh::test::freshOutput("table-card.png");
    std::ostringstream script;
    script << "click 2 " << at.x << " " << at.y << "; drag 6 3 1150 200 950 210 3";
    TableRun tapped = runTable(OH_DEMO_CATALOG_DIR, "--frames 14 --script " + quoted(script.str()) + " --screenshot " +
                                                        quoted(card.string()));
    REQUIRE(tapped.exitCode == 0);
    CHECK(lineStarting(tapped.output, "card ") == chosen.id);
    CHECK(lineStarting(tapped.output, "photo ") == "2");
    // The demo listings have no plan of their own: the one drawn from the model is offered.
    CHECK(lineStarting(tapped.output, "floor plan ") == "offered");
    CHECK(oh::test::checkGolden("table-card", oh::test::readImage(card), 2.0).passed);
}

TEST_CASE("one finger pans the map and two pinch it about the point between them") {
    TableRun still = runTable(OH_DEMO_CATALOG_DIR, "--frames 2");
    REQUIRE(still.exitCode == 0);
    ViewState before = viewOf(still.output);
    // Dragging the map to the left shows what is east of it.
    TableRun panned = runTable(OH_DEMO_CATALOG_DIR, "--frames 10 --script 'drag 1 4 700 400 400 400 5'");
    REQUIRE(panned.exitCode == 0);
    ViewState after = viewOf(panned.output);
    CHECK(after.lon > before.lon);
    CHECK(after.lat == doctest::Approx(before.lat).epsilon(1e-5));
    CHECK(after.zoom == doctest::Approx(before.zoom));
    // Spreading two fingers from 200 to 400 px apart doubles the scale: one zoom level.
    TableRun pinched = runTable(OH_DEMO_CATALOG_DIR, "--frames 10 --script 'pinch 1 640 400 200 400 5'");
    REQUIRE(pinched.exitCode == 0);
    CHECK(viewOf(pinched.output).zoom == doctest::Approx(before.zoom + 1.0).epsilon(0.01));
}

TEST_CASE("markers placed, turned and lifted change the listings exactly as the filters say") {
    std::vector<oh::catalog::ListingSummary> listings = demoListings();
    auto atMost = [&](double price) {
        std::set<std::string> ids;
        for (const auto& listing : listings)
            if (listing.askingPrice <= price) ids.insert(listing.id);
        return ids;
    };
    // The price marker (fiducial 0) starts at 400 000 and adds 200 000 a
    // whole turn, in steps of 10 000: turned just far enough to let the next
    // dearer listing in, turned slowly over frames (past a whole turn if need
    // be, the tracker's angle wrapping at 2π as real ones do).
    double next = 0;
    for (const auto& listing : listings)
        if (listing.askingPrice > 400000 && (next == 0 || listing.askingPrice < next)) next = listing.askingPrice;
    REQUIRE(next > 0);
    double raise = std::ceil((next - 400000) / 10000) * 10000;
    double turn = raise / 200000 * 2 * M_PI + 0.01;
    int port = freeUdpPort();
    TableRun turned;
    {
        int turnFrom = 0;  // the frame the table had seen the marker placed by
        TuioSender sender(port, "table-turned.txt", [turn, &turnFrom](int frame, const std::string& log) {
            if (!turnFrom && log.find("Max price 400 000") != std::string::npos) turnFrom = frame;
            double progress = turnFrom ? std::clamp((frame - turnFrom) / 10.0, 0.0, 1.0) : 0.0;
            float angle = float(std::fmod(progress * turn, 2 * M_PI));
            return std::vector<Marker>{{7, 0, 0.5f, 0.5f, angle}};
        });
        turned = runTable(OH_DEMO_CATALOG_DIR, "--frames 100 --tuio-port " + std::to_string(port), "table-turned.txt");
    }
    REQUIRE(turned.exitCode == 0);
    CHECK(turned.errors.find("markers on the table: Max price 400 000") != std::string::npos);
    CHECK(shownIds(turned.output) == atMost(400000 + raise));
    CHECK(atMost(400000 + raise) != atMost(400000));  // the turn let one more in
    CHECK(atMost(400000 + raise).size() < listings.size());  // and the marker still narrows the search

    // Lifted again, every listing is back.
    port = freeUdpPort();
    TableRun lifted;
    {
        TuioSender sender(port, "table-lifted.txt", [](int, const std::string& log) {
            bool seen = log.find("Max price 400 000") != std::string::npos;
            return seen ? std::vector<Marker>{} : std::vector<Marker>{{7, 0, 0.5f, 0.5f, 0.0f}};
        });
        lifted = runTable(OH_DEMO_CATALOG_DIR, "--frames 100 --tuio-port " + std::to_string(port), "table-lifted.txt");
    }
    REQUIRE(lifted.exitCode == 0);
    CHECK(lifted.errors.find("markers on the table: Max price 400") != std::string::npos);  // it was there
    CHECK(lifted.errors.find("markers on the table: none") != std::string::npos);
    CHECK(shownIds(lifted.output).size() == listings.size());
}

TEST_CASE("bundles added and removed while the table runs come and go; a corrupt one is left out") {
    std::vector<oh::catalog::ListingSummary> listings = demoListings();
    fs::path folder = oh::test::freshOutput("table-listings");
    fs::create_directories(folder);
    fs::path demo = OH_DEMO_CATALOG_DIR;
    for (size_t i = 0; i < 3; ++i) fs::copy_file(demo / listings[i].file, folder / listings[i].file);
    {  // Half a bundle, as an interrupted copy leaves it.
        std::ifstream in(demo / listings[3].file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(folder / "broken.tour", std::ios::binary).write(bytes.data(), std::streamsize(bytes.size() / 2));
    }
    fs::remove(oh::test::testOutputDir() / "table-folder.txt");
    auto run = std::async(std::launch::async, [&] { return runTable(folder, "--frames 200", "table-folder.txt"); });
    waitUntilListening("table-folder.txt");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    fs::copy_file(demo / listings[4].file, folder / listings[4].file);
    fs::remove(folder / listings[0].file);
    TableRun result = run.get();
    REQUIRE(result.exitCode == 0);
    CHECK(shownIds(result.output) == std::set<std::string>{listings[1].id, listings[2].id, listings[4].id});
    CHECK(result.errors.find("broken.tour") != std::string::npos);
}

// [SECTION] The card's floor plan, and a card turned to whoever opened it

namespace {

constexpr int kPlanWidth = 800, kPlanHeight = 600;

oh::RgbaImage filled(int width, int height, std::array<uint8_t, 3> colour) {
    oh::RgbaImage image;
    image.width = uint32_t(width);
    image.height = uint32_t(height);
    image.pixels.resize(size_t(width) * size_t(height) * 4, 255);
    for (size_t i = 0; i < image.pixels.size(); i += 4)
        for (int c = 0; c < 3; ++c) image.pixels[i + size_t(c)] = colour[size_t(c)];
    return image;
}
void fillRect(oh::RgbaImage& image, int x0, int y0, int x1, int y1, std::array<uint8_t, 3> colour) {
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            for (int c = 0; c < 3; ++c)
                image.pixels[(size_t(y) * image.width + size_t(x)) * 4 + size_t(c)] = colour[size_t(c)];
}

// A floor plan as an agent scans one: dark walls on white, the outer wall
// along the picture's very edge, so a cropped plan would lose it.
oh::RgbaImage floorPlanImage() {
    oh::RgbaImage plan = filled(kPlanWidth, kPlanHeight, {255, 255, 255});
    const std::array<uint8_t, 3> wall{30, 30, 30};
    fillRect(plan, 0, 0, kPlanWidth, 12, wall);
    fillRect(plan, 0, kPlanHeight - 12, kPlanWidth, kPlanHeight, wall);
    fillRect(plan, 0, 0, 12, kPlanHeight, wall);
    fillRect(plan, kPlanWidth - 12, 0, kPlanWidth, kPlanHeight, wall);
    fillRect(plan, 390, 0, 402, 250, wall);  // inner walls, a door's gap between them
    fillRect(plan, 390, 350, 402, kPlanHeight, wall);
    fillRect(plan, 0, 300, 300, 312, wall);
    return plan;
}

// A photo of one colour with a white patch at its top left, so which way up it is shows.
oh::RgbaImage markedPhoto(std::array<uint8_t, 3> colour) {
    oh::RgbaImage photo = filled(640, 480, colour);
    fillRect(photo, 0, 0, 200, 150, {255, 255, 255});
    return photo;
}

// Two listings packed by the real openhouse-pack into a folder of their own,
// each with two photos and a floor plan, their pins where the table's start
// view has these screen points: one in the open, one by the top edge.
const oh::map::ScreenPoint kOpenPin{500, 450}, kTopPin{760, 50};
fs::path floorPlanListings() {
    static fs::path folder;
    if (!folder.empty()) return folder;
    fs::path listings = oh::test::freshOutput("table-plan-listings");
    fs::path sources = oh::test::freshOutput("table-plan-sources");
    fs::create_directories(listings);
    oh::map::MapView view = startView();
    int index = 0;
    for (oh::map::ScreenPoint at : {kOpenPin, kTopPin}) {
        std::string id = "plan-listing-" + std::to_string(++index);
        fs::path dir = sources / id;
        fs::create_directories(dir / "photos");
        REQUIRE(oh::writePng(dir / "photos/living-room.png", markedPhoto({200, 110, 50})));
        REQUIRE(oh::writePng(dir / "photos/kitchen.png", markedPhoto({50, 120, 200})));
        REQUIRE(oh::writePng(dir / "plan.png", floorPlanImage()));
        oh::map::LatLon place = view.toLatLon(at);
        char location[96];
        std::snprintf(location, sizeof location, "{\"latitude\": %.7f, \"longitude\": %.7f}", place.lat, place.lon);
        std::ofstream(dir / "listing.json")
            << "{\"formatVersion\": 1, \"id\": \"" << id << "\",\n"
            << " \"address\": {\"street\": \"Planinkatu " << index << " A " << index
            << "\", \"postalCode\": \"00510\", \"city\": \"Helsinki\"},\n"
            << " \"location\": " << location << ",\n"
            << " \"price\": {\"asking\": 350000, \"currency\": \"EUR\"}, \"area\": {\"living\": 60.0},\n"
            << " \"rooms\": {\"count\": 2}, \"yearBuilt\": 1960,\n"
            << " \"description\": {\"en\": \"A home with its floor plan.\"},\n"
            << " \"agent\": {\"name\": \"Aino Virtanen\", \"phone\": \"+358 40 555 0123\"},\n"
            << " \"photos\": [{\"file\": \"photos/living-room.png\"}, {\"file\": \"photos/kitchen.png\"}],\n"
            << " \"floorPlan\": \"plan.png\"}\n";
        fs::path log = oh::test::testOutputDir() / (id + "-pack.txt");
        std::string command = quoted(OH_PACK_EXE) + " -q " + quoted(dir.string()) + " -o " +
                              quoted((listings / (id + ".tour")).string()) + " 2> " + quoted(log.string());
        std::ifstream said(log);
        REQUIRE_MESSAGE(std::system(command.c_str()) == 0,
                        command << ": " << std::string((std::istreambuf_iterator<char>(said)), {}));
    }
    folder = listings;
    return folder;
}

// The "picture at x0 y0 x1 y1" line: where the card's picture is on screen.
std::array<int, 4> pictureRect(const std::string& output) {
    std::array<int, 4> rect{};
    std::istringstream in(lineStarting(output, "picture at "));
    in >> rect[0] >> rect[1] >> rect[2] >> rect[3];
    return rect;
}

bool hasLine(const std::string& output, const std::string& line) {
    return ("\n" + output).find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("a listing with a floor plan offers it after its photos, shown whole on white") {
    fs::path listings = floorPlanListings();
    // The agent's mouse opens the card (upright at the side); two swipes to
    // the left across the picture go past the two photos to the plan.
    fs::path shot = oh::test::freshOutput("table-floor-plan.png");
    std::ostringstream script;
    script << "click 2 " << kOpenPin.x << " " << kOpenPin.y
           << "; drag 6 3 1150 250 950 260 3; drag 12 3 1150 250 950 260 3";
    TableRun run = runTable(listings, "--frames 20 --script " + quoted(script.str()) + " --screenshot " +
                                          quoted(shot.string()));
    REQUIRE(run.exitCode == 0);
    CHECK(lineStarting(run.output, "card ") == "plan-listing-1");
    CHECK(hasLine(run.output, "floor plan offered"));
    CHECK(hasLine(run.output, "floor plan shown"));
    CHECK(hasLine(run.output, "card turned 0"));

    // The plan's walls, and nothing else dark, inside the picture's place:
    // its outer wall touches the top and bottom of that place (the plan fills
    // its height, whole), at the plan's own 4:3 shape, on white.
    std::array<int, 4> rect = pictureRect(run.output);
    REQUIRE(rect[2] - rect[0] > 200);
    oh::RgbaImage image = oh::test::readImage(shot);
    int minX = kWidth, minY = kHeight, maxX = -1, maxY = -1;
    size_t white = 0, coloured = 0, all = 0;
    for (int y = rect[1]; y < rect[3]; ++y)
        for (int x = rect[0]; x < rect[2]; ++x) {
            const uint8_t* p = &image.pixels[(size_t(y) * image.width + size_t(x)) * 4];
            int low = std::min({p[0], p[1], p[2]}), high = std::max({p[0], p[1], p[2]});
            ++all;
            white += low >= 245;
            coloured += high - low > 40;
            if (high < 100) {
                minX = std::min(minX, x), maxX = std::max(maxX, x);
                minY = std::min(minY, y), maxY = std::max(maxY, y);
            }
        }
    REQUIRE(maxX > minX);
    CHECK(double(white) / double(all) > 0.6);
    CHECK(coloured == 0);  // no photo showing through
    CHECK(minY <= rect[1] + 3);
    CHECK(maxY >= rect[3] - 4);
    CHECK(minX >= rect[0]);
    CHECK(maxX < rect[2]);
    double shape = double(maxX - minX + 1) / double(maxY - minY + 1);
    CHECK(shape == doctest::Approx(double(kPlanWidth) / kPlanHeight).epsilon(0.03));
}

TEST_CASE("a card opened by a finger by the far edge faces that side, and a swipe there goes that reader's way") {
    fs::path listings = floorPlanListings();
    // The card for someone at the top edge stands at their right (the
    // screen's left), turned half round, its picture in its lower half; that
    // reader's swipe to their left is a drag to the screen's right.
    fs::path shot = oh::test::freshOutput("table-card-turned.png");
    std::ostringstream script;
    script << "tap 2 " << kTopPin.x << " " << kTopPin.y << "; drag 6 3 150 530 350 540 3";
    TableRun run = runTable(listings, "--frames 14 --script " + quoted(script.str()) + " --screenshot " +
                                          quoted(shot.string()));
    REQUIRE(run.exitCode == 0);
    CHECK(lineStarting(run.output, "card ") == "plan-listing-2");
    CHECK(hasLine(run.output, "card turned 180"));
    CHECK(hasLine(run.output, "photo 2"));
    std::array<int, 4> rect = pictureRect(run.output);
    CHECK(rect[0] >= 24);
    CHECK(rect[2] <= 536);
    CHECK(rect[1] > kHeight / 3);

    // The kitchen photo (blue) is upside down for the screen: its white
    // corner, its top left, at the bottom right of where it shows.
    oh::RgbaImage image = oh::test::readImage(shot);
    auto at = [&](double x, double y) { return &image.pixels[(size_t(y) * image.width + size_t(x)) * 4]; };
    double midX = (rect[0] + rect[2]) / 2.0, midY = (rect[1] + rect[3]) / 2.0;
    double scale = std::min((rect[2] - rect[0]) / 640.0, (rect[3] - rect[1]) / 480.0);
    double dx = 0.35 * 640 * scale, dy = 0.35 * 480 * scale;  // well inside the photo's white corner
    const uint8_t* middle = at(midX, midY);
    CHECK(int(middle[2]) > int(middle[0]) + 80);  // blue
    const uint8_t* corner = at(midX + dx, midY + dy);
    CHECK(int(corner[0]) > 240);
    CHECK(int(corner[2]) > 240);
    const uint8_t* opposite = at(midX - dx, midY - dy);
    CHECK(int(opposite[2]) > int(opposite[0]) + 80);
    CHECK(oh::test::checkGolden("table-card-turned", image, 2.0).passed);
}

// [SECTION] The handoff: the table's "Walk inside" to a viewer in the simulated headset

namespace {

// A program started in the background through the shell (its output
// redirected by the command), for two programs running side by side; the
// shell gives way to it (exec), so the pid is the program's own.
pid_t startInBackground(const std::string& command) {
    MESSAGE("starting: " << command);
    pid_t pid = -1;
    const std::string execed = "exec " + command;
    const char* argv[] = {"sh", "-c", execed.c_str(), nullptr};
    REQUIRE(posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char* const*>(argv), environ) == 0);
    return pid;
}
int exitCodeOf(pid_t pid) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("Walk inside on the table takes the customer in the headset into that listing, every frame drawn and lit") {
    using nlohmann::json;
    std::vector<oh::catalog::ListingSummary> listings = demoListings();
    oh::map::ScreenPoint at;
    oh::catalog::ListingSummary chosen = lonePin(listings, at);
    const oh::catalog::ListingSummary& first = listings[0].id != chosen.id ? listings[0] : listings[1];
    fs::path demo = OH_DEMO_CATALOG_DIR;
    std::string trust = " --trust " + quoted((demo / "demo-key.pub").string());

    // The station: the viewer in the simulated headset on another listing, a
    // control endpoint on a free port, the frames' brightness measured; it
    // ends when the test says so (the runtime's exit request, as its menu's).
    fs::path station = oh::test::freshOutput("handoff-station");
    fs::create_directories(station);
    fs::path done = station / "seen-enough";
    std::ofstream(station / "config.json") << json{{"resolution", {160, 176}},
                                                  {"measureLuminance", true},
                                                  {"exitRequestFile", done.string()}}
                                                  .dump();
    pid_t stationPid = startInBackground(
        oh::test::xrSimEnvironment(OH_XR_SIM_MANIFEST, station) + " " + quoted(OH_OPENHOUSE_EXE) + " " +
        quoted((demo / first.file).string()) + " --xr --window 320x200 --print-pose --print-stats --listings " +
        quoted(demo.string()) + trust + " --control 127.0.0.1:0 > " + quoted((station / "out.txt").string()) +
        " 2> " + quoted((station / "log.txt").string()));
    // Whatever happens below, the station is told to end and waited for.
    struct EndStation {
        pid_t pid;
        fs::path done;
        int exitCode = -1;
        int end() {
            if (pid > 0) {
                std::ofstream(done) << "done\n";
                exitCode = exitCodeOf(pid);
                pid = -1;
            }
            return exitCode;
        }
        ~EndStation() { end(); }
    } ender{stationPid, done};

    std::string stationLog = waitForText(station / "log.txt", "control endpoint listening on port ", 120);
    INFO("station log: " << stationLog);
    int port = 0;
    size_t said = stationLog.find("control endpoint listening on port ");
    REQUIRE(said != std::string::npos);
    REQUIRE(std::sscanf(stationLog.c_str() + said, "control endpoint listening on port %d", &port) == 1);
    // The customer is in the headset, in the first listing, before the table sends anything.
    waitForText(station / "sim" / "frames.jsonl", "\"projection\"", 120);
    std::string endpoint = " --station 127.0.0.1:" + std::to_string(port);

    // Where the card's button is, once the pin is clicked (the mouse: the card stands upright at its side).
    std::ostringstream open;
    open << "click 2 " << at.x << " " << at.y;
    TableRun opened = runTable(demo, trust + endpoint + " --frames 5 --script " + quoted(open.str()), "handoff-open.txt");
    REQUIRE(opened.exitCode == 0);
    REQUIRE(lineStarting(opened.output, "card ") == chosen.id);
    int buttonX = 0, buttonY = 0;
    REQUIRE(std::sscanf(lineStarting(opened.output, "walk inside at ").c_str(), "%d %d", &buttonX, &buttonY) == 2);

    // The handoff: the pin, then "Walk inside"; the table runs until it has
    // seen the customer inside (SDL turns SIGTERM into a quit: a clean end).
    std::ostringstream walk;
    walk << open.str() << "; click 6 " << buttonX << " " << buttonY;
    fs::path tableLog = oh::test::testOutputDir() / "handoff-table.txt";
    fs::path tableOut = oh::test::testOutputDir() / "handoff-table-out.txt";
    fs::remove(tableLog);
    pid_t tablePid = startInBackground(quoted(OH_TABLE_EXE) + " " + quoted(demo.string()) + trust + endpoint +
                                       " --tuio-port 0 --size " + std::to_string(kWidth) + "x" +
                                       std::to_string(kHeight) + " --print-state --script " + quoted(walk.str()) +
                                       " > " + quoted(tableOut.string()) + " 2> " + quoted(tableLog.string()));
    std::string tableSaid = waitForText(tableLog, "the customer is inside " + chosen.id, 120);
    kill(tablePid, SIGTERM);
    int tableExit = exitCodeOf(tablePid);
    tableSaid = readFile(tableLog);
    INFO("table log: " << tableSaid);
    CHECK(tableExit == 0);
    CHECK(tableSaid.find("walk inside " + chosen.id) != std::string::npos);
    CHECK(tableSaid.find("the customer is inside " + chosen.id + ", ") != std::string::npos);
    CHECK(lineStarting(readFile(tableOut), "card ") == chosen.id);

    // A few seconds inside, then the station ends cleanly.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    REQUIRE(ender.end() == 0);
    stationLog = readFile(station / "log.txt");
    INFO("station log: " << stationLog);
    CHECK(readFile(station / "core-validation.txt").empty());
    CHECK(stationLog.find("switched to " + chosen.street + ", ") != std::string::npos);
    std::string stationOut = readFile(station / "out.txt");
    INFO("station output: " << stationOut);
    std::string room = lineStarting(stationOut, "room ");
    CHECK(!room.empty());
    CHECK(room != "-");  // standing in one of the new listing's rooms

    // Every frame the runtime let the viewer draw carried both eyes, none
    // of them black: the first listing, the fade, the loading space, the
    // fade in and the new listing all lit.
    std::ifstream frames(station / "sim" / "frames.jsonl");
    int drawn = 0, empty = 0, dark = 0;
    double darkest = 255.0;
    for (std::string line; std::getline(frames, line);) {
        if (line.empty()) continue;
        json frame = json::parse(line);
        bool stereo = false;
        for (const json& layer : frame["layers"]) stereo |= layer["type"] == "projection" && layer["views"].size() == 2;
        if (!stereo) {
            empty += drawn > 0 && frame["state"] == "FOCUSED";
            continue;
        }
        ++drawn;
        double luminance = frame.value("luminance", -1.0);
        darkest = std::min(darkest, luminance);
        dark += luminance < 30.0;
    }
    MESSAGE("frames drawn " << drawn << ", darkest mean luminance " << darkest);
    CHECK(drawn > 60);
    CHECK(empty == 0);
    CHECK(dark == 0);
}
