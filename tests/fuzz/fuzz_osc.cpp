// libFuzzer target for the TUIO receiver: arbitrary bytes as one UDP
// datagram, through the path OscReceiver::poll() takes with what it reads
// (liblo's dispatch, the TUIO decoding), then frame assembly and the marker
// filters. Any crash, sanitizer report, timeout or memory blow-up is a bug.
// Whatever comes through must be sane: finite positions and angles, gauges
// within 0..1. Seeds (osc_corpus/): TUIO 1.1 and 2.0 frames, nested bundles,
// a bare message.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <vector>

#include "core/log.h"
#include "markers/marker_filters.h"
#include "markers/osc_receiver.h"
#include "markers/tuio_frames.h"

namespace {

const char* const kConfig = R"({"markers": [
  {"fiducial": 1, "criterion": "maxPrice", "min": 100000, "max": 1500000, "step": 10000, "perTurn": 200000, "start": 400000},
  {"fiducial": 5, "criterion": "district", "values": ["Vallila", "Kallio", "Kamppi"]},
  {"fiducial": 7, "criterion": "feature", "value": "sauna"},
  {"fiducial": 9, "criterion": "location", "min": 250, "max": 5000, "step": 250, "perTurn": 2000, "start": 1000}
]})";

oh::markers::OscReceiver& receiver() {
    static oh::markers::OscReceiver instance = [] {
        oh::setMinLogLevel(oh::LogLevel::Error);  // malformed input logs warnings: not worth the fuzzer's time
        oh::Result<oh::markers::OscReceiver> opened = oh::markers::OscReceiver::open({"127.0.0.1", 0, 1});
        if (!opened) std::abort();
        return std::move(opened).value();
    }();
    return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<oh::markers::TuioPacket> packets;
    receiver().handleDatagram(std::span<const uint8_t>(data, size), "127.0.0.1:3333", packets);

    oh::markers::TuioFrames frames;  // fresh per input, so inputs do not depend on each other
    for (const oh::markers::TuioPacket& packet : packets) frames.handle(packet);
    const std::vector<oh::markers::Tangible> objects = frames.objects();
    for (const oh::markers::Tangible& object : objects)
        if (!std::isfinite(object.x) || !std::isfinite(object.y) || !std::isfinite(object.angle)) std::abort();

    static const oh::markers::MarkerConfig config = oh::markers::parseMarkerConfig(kConfig, "fuzz.json").value();
    oh::markers::MarkerFilters filters(config);
    filters.update(objects);
    filters.update(objects);
    (void)filters.filter([](float x, float y) { return std::optional<oh::markers::LatLon>({60.0 + y, 24.0 + x}); });
    for (const oh::markers::MarkerDrawing& drawing : filters.drawings())
        if (!(drawing.gauge >= 0.0f && drawing.gauge <= 1.0f) || drawing.label.empty()) std::abort();
    return 0;
}
