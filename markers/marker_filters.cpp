#include "markers/marker_filters.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/log.h"

namespace oh::markers {

namespace {

uint64_t objectKey(const Tangible& object) { return uint64_t(object.source) << 32 | uint32_t(object.sessionId); }

// The turn between two readings of a marker's angle, in (-π, π]: a marker
// turned past 0 reads 6.2 then 0.1, a small turn forward, not most of one back.
double angleDelta(float before, float after) {
    constexpr double kTwoPi = 2.0 * std::numbers::pi;
    double delta = std::fmod(double(after) - double(before), kTwoPi);
    if (delta > std::numbers::pi) delta -= kTwoPi;
    if (delta <= -std::numbers::pi) delta += kTwoPi;
    return delta;
}

// 1234567 → "1 234 567" (grouped, for prices and distances); 1995 → "1995"; 62.5 → "62.5".
std::string formatNumber(double value, bool grouped = false) {
    const double whole = std::round(value);
    if (std::fabs(value - whole) > 1e-6) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f", value);
        return text;
    }
    const std::string digits = std::to_string(static_cast<long long>(std::fabs(whole)));
    std::string text = whole < 0 ? "-" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
        if (grouped && i > 0 && (digits.size() - i) % 3 == 0) text += ' ';
        text += digits[i];
    }
    return text;
}

std::string formatDistance(double metres) {
    if (metres < 1000.0) return formatNumber(std::round(metres), true) + " m";
    return formatNumber(std::round(metres / 100.0) / 10.0) + " km";
}

void tightenMax(catalog::Range& range, double value) { range.max = range.max ? std::min(*range.max, value) : value; }
void tightenMin(catalog::Range& range, double value) { range.min = range.min ? std::max(*range.min, value) : value; }

}  // namespace

std::string markerLabel(const MarkerSpec& spec, double value) {
    switch (spec.criterion) {
    case Criterion::MaxPrice: return "Max price " + formatNumber(value, true) + " €";
    case Criterion::MinPrice: return "Min price " + formatNumber(value, true) + " €";
    case Criterion::MaxDebtFreePrice: return "Max debt-free " + formatNumber(value, true) + " €";
    case Criterion::MinRooms: return "Rooms ≥ " + formatNumber(value);
    case Criterion::MinLivingArea: return "Area ≥ " + formatNumber(value) + " m²";
    case Criterion::MinFloor: return "Floor ≥ " + formatNumber(value);
    case Criterion::MinYearBuilt: return "Built ≥ " + formatNumber(value);
    case Criterion::District: return spec.values.at(size_t(value));
    case Criterion::Feature: return spec.label;
    case Criterion::Location: return "Within " + formatDistance(value);
    }
    return {};
}

MarkerFilters::MarkerFilters(MarkerConfig config) : m_config(std::move(config)) {}

void MarkerFilters::update(std::span<const Tangible> objects) {
    // Lifted first, so a second marker of a fiducial can take over in the
    // same update as the first one leaves.
    for (auto it = m_active.begin(); it != m_active.end();) {
        auto now = std::find_if(objects.begin(), objects.end(),
                                [&](const Tangible& object) { return objectKey(object) == it->first; });
        if (now != objects.end() && now->fiducial == it->second.object.fiducial) {
            ++it;
            continue;
        }
        m_lastValues[it->second.object.fiducial] = it->second.value;
        it = m_active.erase(it);
    }

    for (const Tangible& object : objects) {
        auto it = m_active.find(objectKey(object));
        if (it != m_active.end()) {
            Active& active = it->second;
            const MarkerSpec& spec = specOf(active);
            active.value += angleDelta(active.object.angle, object.angle) / (2.0 * std::numbers::pi) * spec.perTurn;
            if (spec.criterion == Criterion::District) {
                const double count = double(spec.values.size());
                active.value = std::fmod(std::fmod(active.value, count) + count, count);
            } else {
                active.value = std::clamp(active.value, spec.min, spec.max);
            }
            active.object = object;
            continue;
        }
        const MarkerSpec* spec = m_config.find(object.fiducial);
        if (!spec) {
            if (m_reportedUnknown.insert(object.fiducial).second)
                OH_LOG_WARN("markers: fiducial %d is not in the marker configuration; ignored", int(object.fiducial));
            continue;
        }
        const bool taken = std::any_of(m_active.begin(), m_active.end(), [&](const auto& entry) {
            return entry.second.object.fiducial == object.fiducial;
        });
        if (taken) {
            if (m_reportedTwice.insert(object.fiducial).second)
                OH_LOG_WARN("markers: a second marker with fiducial %d is on the table; "
                            "it does nothing while the first stays",
                            int(object.fiducial));
            continue;
        }
        auto last = m_lastValues.find(object.fiducial);
        const double value = last != m_lastValues.end() ? last->second : spec->start;
        m_active.emplace(objectKey(object), Active{size_t(spec - m_config.markers.data()), object, value});
    }
}

double MarkerFilters::shownValue(const Active& active) const {
    const MarkerSpec& spec = specOf(active);
    if (spec.criterion == Criterion::District) return std::fmod(std::round(active.value), double(spec.values.size()));
    const double snapped = spec.min + std::round((active.value - spec.min) / spec.step) * spec.step;
    return std::clamp(snapped, spec.min, spec.max);
}

catalog::ListingFilter MarkerFilters::filter(const TableToMap& toMap) const {
    catalog::ListingFilter filter;
    for (const auto& [key, active] : m_active) {
        const MarkerSpec& spec = specOf(active);
        const double value = shownValue(active);
        switch (spec.criterion) {
        case Criterion::MaxPrice: tightenMax(filter.askingPrice, value); break;
        case Criterion::MinPrice: tightenMin(filter.askingPrice, value); break;
        case Criterion::MaxDebtFreePrice: tightenMax(filter.debtFreePrice, value); break;
        case Criterion::MinRooms: tightenMin(filter.rooms, value); break;
        case Criterion::MinLivingArea: tightenMin(filter.livingArea, value); break;
        case Criterion::MinFloor: tightenMin(filter.floor, value); break;
        case Criterion::MinYearBuilt: tightenMin(filter.yearBuilt, value); break;
        case Criterion::District: filter.districts.insert(spec.values.at(size_t(value))); break;  // any of them
        case Criterion::Feature: filter.requiredFeatures.insert(spec.values.at(0)); break;
        case Criterion::Location:
            // ListingFilter holds one circle: the first location marker placed (lowest key) sets it.
            if (!filter.near && toMap) {
                if (std::optional<LatLon> centre = toMap(active.object.x, active.object.y))
                    filter.near = catalog::Circle{centre->latitude, centre->longitude, value};
            }
            break;
        }
    }
    return filter;
}

std::vector<MarkerDrawing> MarkerFilters::drawings() const {
    std::vector<MarkerDrawing> drawings;
    for (const auto& [key, active] : m_active) {
        const MarkerSpec& spec = specOf(active);
        const double value = shownValue(active);
        float gauge = 1.0f;
        if (spec.criterion == Criterion::District)
            gauge = spec.values.size() > 1 ? float(value / double(spec.values.size() - 1)) : 1.0f;
        else if (spec.criterion != Criterion::Feature)
            gauge = float((value - spec.min) / (spec.max - spec.min));
        const Tangible& o = active.object;
        drawings.push_back(
            {o.source, o.sessionId, o.fiducial, spec.criterion, o.x, o.y, o.angle, markerLabel(spec, value), gauge});
    }
    return drawings;
}

void MarkerFilters::reset() { m_lastValues.clear(); }

}  // namespace oh::markers
