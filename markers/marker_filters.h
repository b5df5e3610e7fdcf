// The markers on the table turned into the catalog's filter and into what
// the table draws around each one.
//
// Placing a marker turns its criterion on; turning it changes the value
// (turns since placing × perTurn, in the direction TUIO's angle grows:
// clockwise seen from above), snapped to step, held within [min, max],
// like a knob with end stops: turning back from past an end moves the value
// at once; a district marker goes round its values instead. Lifting it turns
// the criterion off. A marker put back resumes the value it had when lifted
// (a customer lifts a marker to move it, not to start over) until reset(),
// which the table calls between customers.
// Not for: TUIO (tuio_frames.h), drawing (the table).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "catalog/listing_filter.h"
#include "markers/marker_config.h"
#include "markers/tuio_frames.h"

namespace oh::markers {

// What the table draws for one active marker.
struct MarkerDrawing {
    uint32_t source = 0;
    int32_t sessionId = 0;
    int32_t fiducial = 0;
    Criterion criterion = Criterion::MaxPrice;
    float x = 0.0f;  // 0..1 across the table surface, as Tangible
    float y = 0.0f;
    float angle = 0.0f;
    std::string label;    // "Max price 420 000 €", "Rooms ≥ 3", "Within 1.2 km" (UTF-8)
    float gauge = 0.0f;   // where the value sits in its range, 0..1, for a ring
};

struct LatLon {
    double latitude = 0.0;
    double longitude = 0.0;
};
// Where a point of the table surface (0..1, y down) is on the map as the
// table shows it now; nullopt when the point is off the map.
using TableToMap = std::function<std::optional<LatLon>(float x, float y)>;

class MarkerFilters {
public:
    explicit MarkerFilters(MarkerConfig config);

    // The objects on the table now (TuioFrames::objects()), after each poll.
    // Objects whose fiducial the configuration does not name are ignored (a
    // log line once per fiducial); a second marker with the fiducial of one
    // already on the table is ignored while the first stays.
    void update(std::span<const Tangible> objects);

    // The filter of the markers on the table. A location marker needs the
    // map: `toMap` places it (off the map, it filters nothing).
    catalog::ListingFilter filter(const TableToMap& toMap) const;

    // One per active marker, ordered by (source, sessionId).
    std::vector<MarkerDrawing> drawings() const;

    // Forgets the values markers had when lifted: the next placing starts
    // from the configuration's start values.
    void reset();

private:
    struct Active {
        size_t spec = 0;  // index into m_config.markers
        Tangible object;
        double value = 0.0;  // continuous; shown snapped to step
    };
    const MarkerSpec& specOf(const Active& active) const { return m_config.markers[active.spec]; }
    double shownValue(const Active& active) const;

    MarkerConfig m_config;
    std::map<uint64_t, Active> m_active;     // by (source << 32 | sessionId)
    std::map<int32_t, double> m_lastValues;  // by fiducial: the value when last lifted
    std::set<int32_t> m_reportedUnknown;
    std::set<int32_t> m_reportedTwice;
};

// The ring's words for a criterion at a value (shown, already snapped).
std::string markerLabel(const MarkerSpec& spec, double value);

}  // namespace oh::markers
