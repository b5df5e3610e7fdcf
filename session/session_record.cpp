#include "session/session_record.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "core/file_io.h"

namespace oh::session {
namespace {

// The heat blob: a Gaussian of this spread, cut off two cells out (0.5 m),
// where it has fallen to a few per cent; spill below kSpillFloor is dropped.
constexpr float kBlobSigmaMetres = 0.2f;
constexpr int kBlobCells = 2;
constexpr float kSpillFloor = 0.02f;
// Floor heights this far apart are different levels (storeys, a split level).
constexpr float kLevelMetres = 0.5f;

std::string isoLocalTime(std::chrono::system_clock::time_point when) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    localtime_r(&seconds, &local);
    char date[32], zone[8];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
    // strftime's %z gives "+0200"; ISO 8601's extended form wants "+02:00".
    if (std::strftime(zone, sizeof zone, "%z", &local) != 5) return date;
    return std::string(date) + std::string(zone, 3) + ":" + std::string(zone + 3, 2);
}

const char* constraintName(nav::MeasureConstraint constraint) {
    switch (constraint) {
    case nav::MeasureConstraint::Free: return "free";
    case nav::MeasureConstraint::Horizontal: return "level";
    case nav::MeasureConstraint::Vertical: return "plumb";
    }
    return "free";
}

nlohmann::json point(const glm::vec3& p) { return nlohmann::json::array({p.x, p.y, p.z}); }

}  // namespace

SessionRecord::SessionRecord(std::string listingTitle, std::vector<std::string> roomNames,
                             std::chrono::system_clock::time_point started)
    : m_listingTitle(std::move(listingTitle)),
      m_roomNames(std::move(roomNames)),
      m_started(started),
      m_roomSeconds(m_roomNames.size(), 0.0) {}

void SessionRecord::observe(float dt, std::optional<uint32_t> room, float floorY, std::optional<glm::vec3> lookedAt) {
    if (!std::isfinite(dt) || dt <= 0.0f) return;
    m_seconds += dt;
    if (room && *room < m_roomSeconds.size()) m_roomSeconds[*room] += dt;
    else m_elsewhereSeconds += dt;
    if (m_showing) m_pictures[*m_showing].seconds += dt;
    if (lookedAt && std::isfinite(lookedAt->x) && std::isfinite(lookedAt->z) && std::isfinite(floorY)) {
        const CellKey key{int(std::lround(floorY / kLevelMetres)), int(std::floor(lookedAt->z / kHeatCellMetres)),
                          int(std::floor(lookedAt->x / kHeatCellMetres))};
        CellTime& cell = m_heat[key];
        cell.seconds += dt;
        cell.floorYSeconds += double(floorY) * dt;
    }
}

void SessionRecord::showing(std::optional<PictureRef> picture) {
    if (!picture) {
        m_showing.reset();
        return;
    }
    if (m_showing && m_pictures[*m_showing].picture == *picture) return;
    auto known = std::find_if(m_pictures.begin(), m_pictures.end(),
                              [&](const PictureTime& time) { return time.picture == *picture; });
    if (known == m_pictures.end()) known = m_pictures.insert(m_pictures.end(), PictureTime{*picture, 0, 0.0});
    known->opened += 1;
    m_showing = size_t(known - m_pictures.begin());
}

void SessionRecord::measured(const nav::Measurement& measurement, std::optional<uint32_t> room) {
    const bool known = room && *room < m_roomNames.size();
    m_measurements.push_back({measurement, known ? m_roomNames[*room] : std::string()});
}

double SessionRecord::seconds() const { return m_seconds; }

SessionSummary SessionRecord::summary(std::chrono::system_clock::time_point ended) const {
    SessionSummary summary;
    summary.listingTitle = m_listingTitle;
    summary.started = isoLocalTime(m_started);
    summary.ended = isoLocalTime(ended);
    summary.seconds = m_seconds;
    for (size_t i = 0; i < m_roomNames.size(); ++i) summary.rooms.push_back({m_roomNames[i], m_roomSeconds[i]});
    if (m_elsewhereSeconds > 0.0) summary.rooms.push_back({kElsewhere, m_elsewhereSeconds});
    summary.pictures = m_pictures;
    summary.measurements = m_measurements;
    summary.heatCellMetres = kHeatCellMetres;

    // Smooth: every cell with time spreads it over its neighbours by the
    // blob's weights, so a gaze that wanders a little reads as one warm
    // patch rather than scattered squares.
    struct Smoothed {
        double seconds = 0.0;  // the cell's own
        double warmth = 0.0;   // after smoothing
    };
    std::map<CellKey, Smoothed> cells;
    for (const auto& [key, time] : m_heat) {
        const auto [level, cz, cx] = key;
        cells[key].seconds = time.seconds;
        for (int dz = -kBlobCells; dz <= kBlobCells; ++dz) {
            for (int dx = -kBlobCells; dx <= kBlobCells; ++dx) {
                const float distance = kHeatCellMetres * std::sqrt(float(dx * dx + dz * dz));
                const double weight = std::exp(-distance * distance / (2.0f * kBlobSigmaMetres * kBlobSigmaMetres));
                cells[{level, cz + dz, cx + dx}].warmth += time.seconds * weight;
            }
        }
    }
    double hottest = 0.0;
    for (const auto& [key, cell] : cells) hottest = std::max(hottest, cell.warmth);
    if (hottest <= 0.0) return summary;

    // A level's floor height: the time-weighted mean of where the customer stood.
    std::map<int, std::pair<double, double>> levels;  // level -> (seconds, floorY * seconds)
    for (const auto& [key, time] : m_heat) {
        auto& level = levels[std::get<0>(key)];
        level.first += time.seconds;
        level.second += time.floorYSeconds;
    }
    for (const auto& [key, cell] : cells) {
        const auto [level, cz, cx] = key;
        const float intensity = float(cell.warmth / hottest);
        if (cell.seconds <= 0.0 && intensity <= kSpillFloor) continue;
        const auto& [levelSeconds, levelFloorY] = levels[level];
        summary.heat.push_back({.centre = {(float(cx) + 0.5f) * kHeatCellMetres, (float(cz) + 0.5f) * kHeatCellMetres},
                                .floorY = float(levelFloorY / levelSeconds),
                                .seconds = cell.seconds,
                                .intensity = intensity});
    }
    return summary;
}

nlohmann::json summaryJson(const SessionSummary& summary) {
    nlohmann::json rooms = nlohmann::json::array();
    for (const RoomTime& room : summary.rooms) rooms.push_back({{"name", room.name}, {"seconds", room.seconds}});
    nlohmann::json pictures = nlohmann::json::array();
    for (const PictureTime& picture : summary.pictures)
        pictures.push_back({{"kind", picture.picture.kind == PictureKind::Photo ? "photo" : "panorama"},
                            {"index", picture.picture.index},
                            {"name", picture.picture.name},
                            {"opened", picture.opened},
                            {"seconds", picture.seconds}});
    nlohmann::json measurements = nlohmann::json::array();
    for (const MeasurementEntry& entry : summary.measurements) {
        const nav::Measurement& m = entry.measurement;
        measurements.push_back({{"metres", m.metres},
                                {"label", nav::formatLength(m.metres)},
                                {"constraint", constraintName(m.constraint)},
                                {"squareToSurface", m.rule == nav::MeasureRule::SquareToSurface},
                                {"from", point(m.from)},
                                {"to", point(m.to)},
                                {"room", entry.room}});
    }
    nlohmann::json cells = nlohmann::json::array();
    for (const HeatCell& cell : summary.heat)
        cells.push_back({{"x", cell.centre.x},
                         {"z", cell.centre.y},
                         {"floorY", cell.floorY},
                         {"seconds", cell.seconds},
                         {"intensity", cell.intensity}});
    return {{"format", "openhouse-session-summary"},
            {"version", 1},
            {"listing", summary.listingTitle},
            {"started", summary.started},
            {"ended", summary.ended},
            {"seconds", summary.seconds},
            {"rooms", std::move(rooms)},
            {"pictures", std::move(pictures)},
            {"measurements", std::move(measurements)},
            {"heatMap", {{"cellMetres", summary.heatCellMetres}, {"cells", std::move(cells)}}}};
}

Status writeSummaryJson(const SessionSummary& summary, const std::filesystem::path& file) {
    // Names and titles come from the listing; replace rather than throw on
    // bytes that are not UTF-8.
    const std::string text = summaryJson(summary).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    return writeFileAtomic(file, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

glm::vec4 heatColour(float intensity) {
    const float t = std::isfinite(intensity) ? std::clamp(intensity, 0.0f, 1.0f) : 0.0f;
    const glm::vec3 yellow(1.0f, 0.88f, 0.25f), orange(0.98f, 0.55f, 0.12f), red(0.84f, 0.11f, 0.11f);
    const glm::vec3 rgb = t < 0.5f ? glm::mix(yellow, orange, t / 0.5f) : glm::mix(orange, red, (t - 0.5f) / 0.5f);
    // Faint warmth fades in rather than starting at full cover, so the edge
    // of a blob is soft; even the hottest spot lets the plan show through.
    const float alpha = 0.8f * glm::smoothstep(0.0f, 0.45f, t);
    return {rgb, alpha};
}

std::string formatDuration(double seconds) {
    const long long total = std::isfinite(seconds) && seconds > 0.0 ? std::llround(seconds) : 0;
    char text[48];
    if (total >= 3600) std::snprintf(text, sizeof text, "%lld h %02lld min", total / 3600, total % 3600 / 60);
    else if (total >= 60) std::snprintf(text, sizeof text, "%lld min %02lld s", total / 60, total % 60);
    else std::snprintf(text, sizeof text, "%lld s", total);
    return text;
}

}  // namespace oh::session
