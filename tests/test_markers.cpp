// The table's tangible markers (markers/): TUIO 1.1 and 2.0 frames built with
// liblo's own API and sent over 127.0.0.1 to a receiver on a free port (or
// handed to it as datagrams), assembled into frames, and turned into the
// catalog filter markers.json says; late, duplicated, malformed and flooding
// input; markers.json's errors.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include <lo/lo.h>

#include "core/file_io.h"
#include "core/log.h"
#include "markers/marker_config.h"
#include "markers/marker_filters.h"
#include "markers/osc_receiver.h"
#include "markers/tuio_frames.h"

using namespace oh;
using namespace oh::markers;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kPi = std::numbers::pi;

// A marker as a test places it.
struct Obj {
    int32_t session;
    int32_t fiducial;
    float x, y, angle;
};

using Bytes = std::vector<uint8_t>;

Bytes serialise(lo_bundle bundle) {
    size_t size = 0;
    void* data = lo_bundle_serialise(bundle, nullptr, &size);
    Bytes bytes(static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    std::free(data);
    lo_bundle_free_recursive(bundle);
    return bytes;
}

lo_message alive(const char* command, const std::vector<Obj>& objects) {
    lo_message message = lo_message_new();
    if (command) lo_message_add_string(message, command);
    for (const Obj& o : objects) lo_message_add_int32(message, o.session);
    return message;
}

// One TUIO 1.1 frame: [source] alive set... fseq, as one bundle.
Bytes tuio11(int32_t fseq, const std::vector<Obj>& objects, const char* source = nullptr, bool withFseq = true) {
    lo_bundle bundle = lo_bundle_new(LO_TT_IMMEDIATE);
    if (source) {
        lo_message message = lo_message_new();
        lo_message_add_string(message, "source");
        lo_message_add_string(message, source);
        lo_bundle_add_message(bundle, "/tuio/2Dobj", message);
    }
    lo_bundle_add_message(bundle, "/tuio/2Dobj", alive("alive", objects));
    for (const Obj& o : objects) {
        lo_message set = lo_message_new();
        lo_message_add_string(set, "set");
        lo_message_add_int32(set, o.session);
        lo_message_add_int32(set, o.fiducial);
        for (float value : {o.x, o.y, o.angle, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f}) lo_message_add_float(set, value);
        lo_bundle_add_message(bundle, "/tuio/2Dobj", set);
    }
    if (withFseq) {
        lo_message message = lo_message_new();
        lo_message_add_string(message, "fseq");
        lo_message_add_int32(message, fseq);
        lo_bundle_add_message(bundle, "/tuio/2Dobj", message);
    }
    return serialise(bundle);
}

// One TUIO 2.0 frame: frm tok... alv.
Bytes tuio2(uint32_t frame, const std::vector<Obj>& objects, const char* source = "table:0@0x7F000001",
            uint32_t seconds = 1000) {
    lo_bundle bundle = lo_bundle_new(LO_TT_IMMEDIATE);
    lo_message frm = lo_message_new();
    lo_message_add_int32(frm, int32_t(frame));
    lo_message_add_timetag(frm, lo_timetag{seconds, 0});
    lo_message_add_int32(frm, (1920 << 16) | 1080);
    lo_message_add_string(frm, source);
    lo_bundle_add_message(bundle, "/tuio2/frm", frm);
    for (const Obj& o : objects) {
        lo_message tok = lo_message_new();
        lo_message_add_int32(tok, o.session);
        lo_message_add_int32(tok, 0);  // type/user
        lo_message_add_int32(tok, o.fiducial);
        lo_message_add_float(tok, o.x);
        lo_message_add_float(tok, o.y);
        lo_message_add_float(tok, o.angle);
        lo_bundle_add_message(bundle, "/tuio2/tok", tok);
    }
    lo_bundle_add_message(bundle, "/tuio2/alv", alive(nullptr, objects));
    return serialise(bundle);
}

// Raw UDP to the receiver, for bytes liblo would never send.
struct RawSender {
    int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    explicit RawSender(uint16_t port) {
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    }
    ~RawSender() { ::close(fd); }
    void send(const Bytes& bytes) {
        REQUIRE(::sendto(fd, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to) ==
                ssize_t(bytes.size()));
    }
};

struct LogCapture {
    std::vector<std::string> lines;
    LogSink previous;
    LogCapture() {
        previous = setLogSink([this](LogLevel, std::string_view line) { lines.emplace_back(line); });
    }
    ~LogCapture() { setLogSink(previous); }
    size_t count(const std::string& text) const {
        size_t n = 0;
        for (const std::string& line : lines) n += line.find(text) != std::string::npos;
        return n;
    }
};

const char* const kConfig = R"({"markers": [
  {"fiducial": 1, "criterion": "maxPrice", "min": 100000, "max": 1500000, "step": 10000, "perTurn": 200000, "start": 400000},
  {"fiducial": 2, "criterion": "minRooms", "min": 1, "max": 6, "step": 1, "perTurn": 3, "start": 2},
  {"fiducial": 3, "criterion": "minLivingArea", "min": 20, "max": 150, "step": 5, "perTurn": 40, "start": 40},
  {"fiducial": 4, "criterion": "minFloor", "min": 1, "max": 10, "step": 1, "perTurn": 4, "start": 2},
  {"fiducial": 5, "criterion": "district", "values": ["Vallila", "Kallio", "Kamppi", "Töölö"], "perTurn": 4},
  {"fiducial": 6, "criterion": "minYearBuilt", "min": 1900, "max": 2025, "step": 5, "perTurn": 40, "start": 1960},
  {"fiducial": 7, "criterion": "feature", "value": "sauna", "label": "Sauna"},
  {"fiducial": 8, "criterion": "maxDebtFreePrice", "min": 100000, "max": 1500000, "step": 10000, "perTurn": 200000, "start": 450000},
  {"fiducial": 9, "criterion": "location", "min": 250, "max": 5000, "step": 250, "perTurn": 2000, "start": 1000},
  {"fiducial": 10, "criterion": "minPrice", "min": 50000, "max": 1000000, "step": 10000, "perTurn": 100000, "start": 150000}
]})";

MarkerConfig testConfig() {
    Result<MarkerConfig> config = parseMarkerConfig(kConfig, "markers.json");
    REQUIRE_MESSAGE(config.has_value(), config.error().message);
    return std::move(config).value();
}

// The table's loop in miniature: poll, assemble frames, update the markers.
struct Table {
    OscReceiver receiver;
    TuioFrames frames;
    MarkerFilters filters{testConfig()};
    RawSender sender{receiver.port()};
    std::vector<TuioPacket> packets;

    explicit Table(OscReceiverOptions options = {"127.0.0.1", 0, 256}) : receiver(open(options)) {}

    static OscReceiver open(const OscReceiverOptions& options) {
        Result<OscReceiver> receiver = OscReceiver::open(options);
        REQUIRE_MESSAGE(receiver.has_value(), receiver.error().message);
        return std::move(receiver).value();
    }

    // Sends one datagram and polls until the receiver has read it.
    void send(const Bytes& bytes) {
        sender.send(bytes);
        pollUntil(1);
    }

    // Polls until `datagrams` more have been read (loopback UDP arrives at
    // once; the deadline only bounds a broken run).
    void pollUntil(uint64_t datagrams) {
        const uint64_t target = receiver.stats().datagrams + datagrams;
        const Clock::time_point deadline = Clock::now() + std::chrono::seconds(2);
        while (receiver.stats().datagrams < target && Clock::now() < deadline) step();
        CHECK(receiver.stats().datagrams == target);
    }
    void step() {
        packets.clear();
        receiver.poll(packets);
        for (const TuioPacket& packet : packets) frames.handle(packet);
        filters.update(frames.objects());
    }
};

}  // namespace

TEST_CASE("a TUIO 1.1 marker placed, turned and lifted over UDP changes the filter as markers.json says") {
    Table table;
    auto noMap = [](float, float) { return std::optional<LatLon>(); };

    table.send(tuio11(1, {{11, 1, 0.25f, 0.5f, 6.0f}}));
    catalog::ListingFilter filter = table.filters.filter(noMap);
    REQUIRE(filter.askingPrice.max.has_value());
    CHECK(*filter.askingPrice.max == 400000);
    CHECK_FALSE(filter.askingPrice.min.has_value());
    std::vector<MarkerDrawing> drawings = table.filters.drawings();
    REQUIRE(drawings.size() == 1);
    CHECK(drawings[0].label == "Max price 400 000 €");
    CHECK(drawings[0].sessionId == 11);
    CHECK(drawings[0].x == doctest::Approx(0.25));
    CHECK(drawings[0].gauge == doctest::Approx(300000.0 / 1400000.0));
    TangibleChanges changes = table.frames.takeChanges();
    REQUIRE(changes.placed.size() == 1);
    CHECK(changes.placed[0].fiducial == 1);

    // Turned past 0: 6.0 rad → 0.283 rad is 0.566 rad forward (+18 029 €),
    // not most of a turn back; snapped to the 10 000 € step.
    const float past = float(6.0 + 0.566370614 - 2 * kPi);
    table.send(tuio11(2, {{11, 1, 0.25f, 0.5f, past}}));
    CHECK(*table.filters.filter(noMap).askingPrice.max == 420000);
    CHECK(table.filters.drawings()[0].label == "Max price 420 000 €");
    changes = table.frames.takeChanges();
    CHECK(changes.placed.empty());
    REQUIRE(changes.moved.size() == 1);
    CHECK(changes.moved[0].angle == doctest::Approx(past));

    // Three quarters of a turn back, over two frames (one frame's turn is
    // read the short way round): −150 000 €.
    table.send(tuio11(3, {{11, 1, 0.25f, 0.5f, float(past - 0.75 * kPi)}}));
    table.send(tuio11(4, {{11, 1, 0.25f, 0.5f, float(past - 1.5 * kPi)}}));
    CHECK(*table.filters.filter(noMap).askingPrice.max == 270000);

    table.send(tuio11(5, {}));
    CHECK_FALSE(table.filters.filter(noMap).askingPrice.isSet());
    CHECK(table.filters.drawings().empty());
    changes = table.frames.takeChanges();
    REQUIRE(changes.lifted.size() == 1);
    CHECK(changes.lifted[0].sessionId == 11);
    CHECK(table.frames.objects().empty());
}

TEST_CASE("a frame's alive and set take effect only at its fseq") {
    Table table;
    table.send(tuio11(1, {{1, 2, 0.5f, 0.5f, 0.0f}}, nullptr, /*withFseq=*/false));
    CHECK(table.frames.objects().empty());
    CHECK(table.frames.stats().incomplete == 1);
    CHECK(table.frames.stats().applied == 0);
}

TEST_CASE("late and duplicated TUIO 1.1 frames are dropped, fseq -1 and a restarted tracker are applied") {
    TuioFrames frames;
    auto frame = [](int32_t fseq, float x) {
        return TuioPacket{"10.0.0.2:3333", {TuioAlive{{7}}, TuioSet{{7, 1, x, 0.5f, 0.0f}}, TuioFrameSeq{fseq}}};
    };
    frames.handle(frame(200, 0.1f));
    frames.handle(frame(199, 0.9f));  // late
    frames.handle(frame(200, 0.8f));  // the same frame again
    REQUIRE(frames.objects().size() == 1);
    CHECK(frames.objects()[0].x == doctest::Approx(0.1));
    CHECK(frames.stats().late == 1);
    CHECK(frames.stats().duplicate == 1);

    frames.handle(frame(-1, 0.3f));  // applied whatever its order
    CHECK(frames.objects()[0].x == doctest::Approx(0.3));
    frames.handle(frame(201, 0.4f));
    CHECK(frames.objects()[0].x == doctest::Approx(0.4));
    frames.handle(frame(5, 0.6f));  // 196 behind: the tracker restarted its count
    CHECK(frames.objects()[0].x == doctest::Approx(0.6));
    frames.handle(frame(4, 0.7f));  // and now 4 is late again
    CHECK(frames.objects()[0].x == doctest::Approx(0.6));
    CHECK(frames.stats().applied == 4);

    // What the caller sees: one placing, then moves; never a lift.
    TangibleChanges changes = frames.takeChanges();
    CHECK(changes.placed.size() == 1);
    CHECK(changes.lifted.empty());
}

TEST_CASE("a TUIO 2.0 frame id 0 is applied whatever its order; a tok or alv outside a frame is not") {
    TuioFrames frames;
    auto frame = [](uint32_t id, float x) {
        return TuioPacket{"10.0.0.2:3333", {Tuio2Frame{id, 0, "t"}, Tuio2Token{{3, 4, x, 0.5f, 0.0f}}, Tuio2Alive{{3}}}};
    };
    frames.handle(frame(50, 0.1f));
    frames.handle(frame(0, 0.2f));
    CHECK(frames.objects()[0].x == doctest::Approx(0.2));
    frames.handle(frame(49, 0.3f));  // late: no time tags to call it a restart
    CHECK(frames.objects()[0].x == doctest::Approx(0.2));
    frames.handle({"10.0.0.2:3333", {Tuio2Token{{3, 4, 0.9f, 0.5f, 0.0f}}, Tuio2Alive{{}}}});
    CHECK(frames.objects().size() == 1);
    CHECK(frames.stats().incomplete == 2);
}

TEST_CASE("two TUIO sources are kept apart: their own frame counts, session ids and lifts") {
    Table table;
    table.send(tuio11(100, {{1, 1, 0.2f, 0.2f, 0.0f}}, "left@10.0.0.2"));
    table.send(tuio11(3, {{1, 2, 0.8f, 0.8f, 0.0f}}, "right@10.0.0.3"));  // fseq 3 < 100: another source's count
    std::vector<Tangible> objects = table.frames.objects();
    REQUIRE(objects.size() == 2);
    CHECK(objects[0].sessionId == objects[1].sessionId);
    CHECK(objects[0].source != objects[1].source);
    CHECK(table.frames.sources() == std::vector<std::string>{"left@10.0.0.2", "right@10.0.0.3"});
    CHECK(table.filters.drawings().size() == 2);

    table.send(tuio11(101, {}, "left@10.0.0.2"));
    objects = table.frames.objects();
    REQUIRE(objects.size() == 1);
    CHECK(objects[0].fiducial == 2);
    catalog::ListingFilter filter = table.filters.filter({});
    CHECK_FALSE(filter.askingPrice.isSet());
    CHECK(*filter.rooms.min == 2);
}

TEST_CASE("frames from more sources than a table has are ignored, so made-up names cannot grow the state") {
    LogCapture log;
    TuioFrames frames;
    for (int i = 0; i < 20; ++i) {
        const std::string name = "tracker" + std::to_string(i) + "@10.0.0.2";
        frames.handle({"10.0.0.2:3333", {TuioSource{name}, TuioAlive{{1}}, TuioSet{{1, 1, 0.5f, 0.5f, 0.0f}}, TuioFrameSeq{1}}});
    }
    CHECK(frames.objects().size() == TuioFrames::kMaxSources);
    CHECK(frames.sources().size() == TuioFrames::kMaxSources);
    CHECK(frames.stats().tooManySources == 20 - TuioFrames::kMaxSources);
    CHECK(log.count("frames from a new source 'tracker16@10.0.0.2' ignored") == 1);
}

TEST_CASE("TUIO 2.0 frm/tok/alv frames over UDP: applied at alv, late and duplicate ids dropped, ids wrap") {
    Table table;
    table.send(tuio2(0xFFFFFFF0u, {{40, 2, 0.5f, 0.5f, 0.0f}}));
    REQUIRE(table.frames.objects().size() == 1);
    CHECK(table.frames.objects()[0].fiducial == 2);
    CHECK(*table.filters.filter({}).rooms.min == 2);

    // A third of a turn: +1 room (perTurn 3).
    table.send(tuio2(0xFFFFFFF1u, {{40, 2, 0.5f, 0.5f, float(2 * kPi / 3)}}));
    CHECK(*table.filters.filter({}).rooms.min == 3);
    CHECK(table.filters.drawings()[0].label == "Rooms ≥ 3");

    table.send(tuio2(0xFFFFFFF0u, {}));  // late: the marker stays
    table.send(tuio2(0xFFFFFFF1u, {}));  // duplicate
    CHECK(table.frames.objects().size() == 1);
    CHECK(table.frames.stats().late == 1);
    CHECK(table.frames.stats().duplicate == 1);

    table.send(tuio2(3, {{40, 2, 0.6f, 0.5f, float(2 * kPi / 3)}}));  // past 2^32: newer
    CHECK(table.frames.objects()[0].x == doctest::Approx(0.6));
    table.send(tuio2(2, {}, "table:0@0x7F000001", 1002));  // an older id two seconds later: the tracker restarted
    CHECK(table.frames.objects().empty());
    CHECK_FALSE(table.filters.filter({}).rooms.isSet());
    CHECK(table.frames.stats().applied == 4);
}

TEST_CASE("malformed OSC is ignored with a rate-limited log line, and the receiver keeps working") {
    LogCapture log;
    Table table;
    const Bytes good = tuio11(1, {{1, 1, 0.5f, 0.5f, 0.0f}});

    std::vector<Bytes> bad;
    bad.push_back(Bytes(good.begin(), good.begin() + long(good.size() / 2)));  // truncated bundle
    bad.push_back(Bytes(good.begin(), good.end() - 3));                        // not a multiple of 4
    bad.push_back({});                                                          // empty datagram
    bad.push_back(Bytes(4000, 0xAB));                                           // not OSC at all
    {
        Bytes tags = {'/', 't', 'u', 'i', 'o', '/', '2', 'D', 'o', 'b', 'j', 0, ',', 'z', 'q', 0, 0, 0, 0, 1};
        bad.push_back(tags);  // unknown type tags
    }
    {
        Bytes element = good;  // a bundle element whose length runs past the end
        element[16] = 0x7F;
        bad.push_back(element);
    }
    {
        lo_message message = lo_message_new();
        lo_message_add_string(message, std::string(60000, 'x').c_str());  // a huge string
        size_t size = 0;
        void* data = lo_message_serialise(message, "/tuio/2Dobj", nullptr, &size);
        bad.push_back(Bytes(static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size));
        std::free(data);
        lo_message_free(message);
    }
    for (const Bytes& bytes : bad) table.send(bytes);
    CHECK(table.receiver.stats().malformed >= 5);
    CHECK(table.frames.objects().empty());

    // Well-formed OSC that is not TUIO the table reads.
    lo_bundle wrong = lo_bundle_new(LO_TT_IMMEDIATE);
    lo_message setShort = lo_message_new();  // set with 3 arguments
    lo_message_add_string(setShort, "set");
    lo_message_add_int32(setShort, 1);
    lo_message_add_int32(setShort, 1);
    lo_bundle_add_message(wrong, "/tuio/2Dobj", setShort);
    lo_message floats = lo_message_new();  // alive with a float session id
    lo_message_add_string(floats, "alive");
    lo_message_add_float(floats, 1.5f);
    lo_bundle_add_message(wrong, "/tuio/2Dobj", floats);
    lo_message other = lo_message_new();
    lo_message_add_int32(other, 1);
    lo_bundle_add_message(wrong, "/mixer/volume", other);
    lo_message nan = lo_message_new();  // a token at x = NaN
    for (int32_t v : {1, 0, 1}) lo_message_add_int32(nan, v);
    for (float v : {std::nanf(""), 0.5f, 0.0f}) lo_message_add_float(nan, v);
    lo_bundle_add_message(wrong, "/tuio2/tok", nan);
    const uint64_t ignoredBefore = table.receiver.stats().ignoredMessages;
    table.send(serialise(wrong));
    CHECK(table.receiver.stats().ignoredMessages - ignoredBefore == 4);

    // Many more bad datagrams: the log stays short.
    for (int i = 0; i < 200; ++i) table.send(bad[3]);
    CHECK(log.count("malformed OSC datagram") >= 1);
    CHECK(log.count("malformed OSC datagram") <= 3);
    CHECK(log.count("TUIO receiver") <= 6);

    table.send(good);
    REQUIRE(table.frames.objects().size() == 1);
    CHECK(*table.filters.filter({}).askingPrice.max == 400000);
}

TEST_CASE("a marker whose fiducial markers.json does not name is ignored with one log line") {
    LogCapture log;
    Table table;
    for (int32_t fseq = 1; fseq <= 5; ++fseq) table.send(tuio11(fseq, {{1, 99, 0.5f, 0.5f, float(fseq)}}));
    CHECK(table.frames.objects().size() == 1);  // on the table, as TUIO says
    CHECK(table.filters.drawings().empty());    // but no criterion
    catalog::ListingFilter filter = table.filters.filter({});
    CHECK_FALSE(filter.askingPrice.isSet());
    CHECK(filter.districts.empty());
    CHECK(log.count("fiducial 99 is not in the marker configuration") == 1);
}

TEST_CASE("a flood of 10,000 datagrams never stalls a poll, and every one is read or counted as dropped") {
    Table table({"127.0.0.1", 0, 64});
    lo_address to = lo_address_new("127.0.0.1", std::to_string(table.receiver.port()).c_str());
    for (int i = 0; i < 10000; ++i) lo_send(to, "/tuio/2Dobj", "si", "fseq", i + 1);
    lo_address_free(to);

    Clock::duration slowest{};
    size_t polls = 0;
    for (;;) {
        const Clock::time_point start = Clock::now();
        const size_t read = table.receiver.poll(table.packets);
        slowest = std::max(slowest, Clock::now() - start);
        CHECK(read <= 64);
        ++polls;
        if (read == 0) break;
        REQUIRE(polls < 100);
    }
    for (const TuioPacket& packet : table.packets) table.frames.handle(packet);

    // The next datagram still gets through, and brings the kernel's count of
    // what it dropped (the socket reports drops with the datagrams after them).
    table.send(tuio11(-1, {{1, 7, 0.5f, 0.5f, 0.0f}}));
    CHECK(table.filters.filter({}).requiredFeatures == std::set<std::string>{"sauna"});
    const OscReceiverStats& stats = table.receiver.stats();
    MESSAGE("flood: read ", stats.datagrams, ", dropped by the kernel ", stats.droppedByKernel, ", polls ", polls,
            ", slowest poll ", std::chrono::duration<double, std::milli>(slowest).count(), " ms");
    CHECK(stats.datagrams + stats.droppedByKernel == 10001);
    CHECK(stats.datagrams >= 64);
    CHECK(stats.pollsAtLimit >= 1);
    CHECK(slowest < std::chrono::milliseconds(100));
}

TEST_CASE("each criterion turns into its part of the listing filter, with the ring's label and gauge") {
    MarkerFilters filters(testConfig());
    auto at = [](int32_t session, int32_t fiducial, float angle, float x = 0.5f) {
        return Tangible{0, session, fiducial, x, 0.5f, angle};
    };
    const float quarter = float(kPi / 2);
    filters.update(std::vector<Tangible>{at(2, 2, 0), at(3, 3, quarter), at(4, 4, 0), at(5, 5, 0), at(6, 6, 0),
                                         at(7, 7, 0), at(8, 8, 0), at(9, 9, 0, 0.25f), at(10, 10, 0)});
    filters.update(std::vector<Tangible>{at(2, 2, 0), at(3, 3, 0), at(4, 4, 0), at(5, 5, quarter), at(6, 6, -quarter),
                                         at(7, 7, 0), at(8, 8, quarter), at(9, 9, quarter, 0.25f), at(10, 10, 0)});
    float seenX = -1;
    catalog::ListingFilter filter = filters.filter([&](float x, float) {
        seenX = x;
        return std::optional<LatLon>(LatLon{60.19, 24.94});
    });
    CHECK(*filter.rooms.min == 2);
    CHECK(*filter.livingArea.min == 30);  // a quarter turn back: −10 m²
    CHECK(*filter.floor.min == 2);
    CHECK(filter.districts == std::set<std::string>{"Kallio"});  // a quarter turn on: the next of four
    CHECK(*filter.yearBuilt.min == 1950);
    CHECK(filter.requiredFeatures == std::set<std::string>{"sauna"});
    CHECK(*filter.debtFreePrice.max == 500000);
    CHECK(*filter.askingPrice.min == 150000);
    REQUIRE(filter.near.has_value());
    CHECK(filter.near->radiusMetres == 1500);
    CHECK(filter.near->latitude == 60.19);
    CHECK(seenX == doctest::Approx(0.25));

    std::map<int32_t, MarkerDrawing> byFiducial;
    for (const MarkerDrawing& drawing : filters.drawings()) byFiducial[drawing.fiducial] = drawing;
    CHECK(byFiducial[2].label == "Rooms ≥ 2");
    CHECK(byFiducial[2].gauge == doctest::Approx(0.2));
    CHECK(byFiducial[3].label == "Area ≥ 30 m²");
    CHECK(byFiducial[4].label == "Floor ≥ 2");
    CHECK(byFiducial[5].label == "Kallio");
    CHECK(byFiducial[5].gauge == doctest::Approx(1.0 / 3.0));
    CHECK(byFiducial[6].label == "Built ≥ 1950");
    CHECK(byFiducial[7].label == "Sauna");
    CHECK(byFiducial[7].gauge == 1.0f);
    CHECK(byFiducial[8].label == "Max debt-free 500 000 €");
    CHECK(byFiducial[9].label == "Within 1.5 km");
    CHECK(byFiducial[10].label == "Min price 150 000 €");

    // Off the map, the location marker filters nothing; its ring still shows.
    CHECK_FALSE(filters.filter([](float, float) { return std::optional<LatLon>(); }).near.has_value());
    CHECK(filters.drawings().size() == 9);
}

TEST_CASE("a turned marker stops at its range's ends, the district goes round, and a marker put back resumes") {
    MarkerFilters filters(testConfig());
    auto price = [](float angle, int32_t session = 1) { return std::vector<Tangible>{{0, session, 1, 0.5f, 0.5f, angle}}; };
    filters.update(price(0));
    // Eight turns on, in steps small enough to read as turns: far past the 1 500 000 € end.
    float angle = 0;
    for (int i = 0; i < 64; ++i) filters.update(price(angle = float(std::fmod(angle + kPi / 4, 2 * kPi))));
    CHECK(*filters.filter({}).askingPrice.max == 1500000);
    CHECK(filters.drawings()[0].gauge == 1.0f);
    // A quarter turn back moves the value at once.
    filters.update(price(angle = float(angle - kPi / 2)));
    CHECK(*filters.filter({}).askingPrice.max == 1450000);

    filters.update({});
    CHECK_FALSE(filters.filter({}).askingPrice.isSet());
    filters.update(price(3.0f, 2));  // put back, another session: the value it had
    CHECK(*filters.filter({}).askingPrice.max == 1450000);
    filters.update({});
    filters.reset();
    filters.update(price(0, 3));
    CHECK(*filters.filter({}).askingPrice.max == 400000);

    // District: a quarter turn back from the first of four is the last.
    auto district = [](float a) { return std::vector<Tangible>{{0, 5, 5, 0.5f, 0.5f, a}}; };
    filters.update(district(0.1f));
    filters.update(district(float(0.1 - kPi / 2)));
    CHECK(filters.filter({}).districts == std::set<std::string>{"Töölö"});
}

TEST_CASE("a second marker with the same fiducial does nothing while the first stays") {
    LogCapture log;
    MarkerFilters filters(testConfig());
    filters.update(std::vector<Tangible>{{0, 1, 1, 0.2f, 0.5f, 0.0f}, {0, 2, 1, 0.8f, 0.5f, 0.0f}});
    REQUIRE(filters.drawings().size() == 1);
    CHECK(filters.drawings()[0].sessionId == 1);
    CHECK(log.count("second marker with fiducial 1") == 1);
    filters.update(std::vector<Tangible>{{0, 2, 1, 0.8f, 0.5f, 0.0f}});  // the first lifted: the second takes over
    REQUIRE(filters.drawings().size() == 1);
    CHECK(filters.drawings()[0].sessionId == 2);
}

TEST_CASE("markers.json errors name the file, the JSON pointer and the problem") {
    auto error = [](const std::string& text) {
        Result<MarkerConfig> config = parseMarkerConfig(text, "markers.json");
        REQUIRE_FALSE(config.has_value());
        return config.error().message;
    };
    CHECK(error("{\"markers\": [") .find("markers.json: not valid JSON") == 0);
    CHECK(error("[]") == "markers.json: : expected an object with \"markers\"");
    CHECK(error(R"({"markers": [{"fiducial": 1, "criterion": "maxPrise", "min": 1, "max": 2, "step": 1, "perTurn": 1, "start": 1}]})")
              .find("markers.json: /markers/0/criterion: unknown criterion 'maxPrise' (known: maxPrice,") == 0);
    CHECK(error(R"({"markers": [{"fiducial": 7, "criterion": "feature", "value": "sauna"},
                                {"fiducial": 7, "criterion": "feature", "value": "lift"}]})") ==
          "markers.json: /markers/1/fiducial: fiducial 7 is already used by /markers/0");
    CHECK(error(R"({"markers": [{"fiducial": 1, "criterion": "minRooms", "min": 1, "max": 6, "step": 1, "perTurn": 3, "start": 9}]})") ==
          "markers.json: /markers/0/start: must be within [min, max]");
    CHECK(error(R"({"markers": [{"fiducial": -1, "criterion": "minRooms", "min": 6, "max": 1, "step": 0, "perTurn": 3, "start": 2, "strat": 1}]})") ==
          "markers.json: /markers/0/fiducial: expected a whole number from 0 to 2147483647, got -1 (and 4 more problems)");
    CHECK(error(R"({"markers": [{"fiducial": 1, "criterion": "location", "min": 250, "max": 5000, "step": 250, "start": 1000}]})") ==
          "markers.json: /markers/0: missing \"perTurn\" (a number)");
    CHECK(error(R"({"markers": [{"fiducial": 1, "criterion": "district", "values": ["Kallio", "Kallio"]}]})") ==
          "markers.json: /markers/0/values/1: 'Kallio' is listed twice");
    CHECK(error(R"({"markers": [{"fiducial": 1, "criterion": "district", "values": ["Kallio"], "start": "Töölö"}]})") ==
          "markers.json: /markers/0/start: 'Töölö' is not one of the values");

    Result<MarkerConfig> missing = loadMarkerConfig("/nonexistent/markers.json");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message.find("/nonexistent/markers.json") != std::string::npos);
}

TEST_CASE("the shipped default markers.json loads and names every criterion") {
    Result<MarkerConfig> config = loadMarkerConfig(std::string(OH_TESTS_DIR) + "/../markers/default-markers.json");
    REQUIRE_MESSAGE(config.has_value(), config.error().message);
    std::set<Criterion> criteria;
    for (const MarkerSpec& spec : config->markers) criteria.insert(spec.criterion);
    CHECK(criteria.size() == 10);
}

TEST_CASE("the receiver refuses a taken port and an address that is not one, naming them") {
    Result<OscReceiver> first = OscReceiver::open({"127.0.0.1", 0, 16});
    REQUIRE(first.has_value());
    Result<OscReceiver> second = OscReceiver::open({"127.0.0.1", first->port(), 16});
    REQUIRE_FALSE(second.has_value());
    CHECK(second.error().message.find("cannot listen on udp 127.0.0.1:" + std::to_string(first->port())) != std::string::npos);
    Result<OscReceiver> named = OscReceiver::open({"table.local", 0, 16});
    REQUIRE_FALSE(named.has_value());
    CHECK(named.error().message == "TUIO receiver: 'table.local' is not a numeric IP address to listen on");
}

TEST_CASE("the fuzzer's seed datagrams are the TUIO frames they are named after") {
    Result<OscReceiver> receiver = OscReceiver::open({"127.0.0.1", 0, 16});
    REQUIRE(receiver.has_value());
    auto decode = [&](const char* name) {
        Result<std::vector<uint8_t>> bytes = readFile(std::string(OH_TESTS_DIR) + "/fuzz/osc_corpus/" + name);
        REQUIRE_MESSAGE(bytes.has_value(), bytes.error().message);
        std::vector<TuioPacket> packets;
        receiver->handleDatagram(*bytes, "127.0.0.1:3333", packets);
        TuioFrames frames;
        for (const TuioPacket& packet : packets) frames.handle(packet);
        CHECK(frames.stats().applied == 1);
        return frames.objects();
    };
    std::vector<Tangible> objects = decode("tuio11-frame.osc");
    REQUIRE(objects.size() == 2);
    CHECK(objects[1].fiducial == 9);
    CHECK(objects[1].angle == doctest::Approx(6.0));
    objects = decode("tuio2-frame.osc");
    REQUIRE(objects.size() == 2);
    CHECK(objects[0].fiducial == 5);
    CHECK(objects[1].y == doctest::Approx(0.9));
    CHECK(decode("nested-bundles.osc").size() == 1);
    CHECK(decode("tuio11-lifted.osc").empty());
    CHECK(receiver->stats().malformed == 0);
}
