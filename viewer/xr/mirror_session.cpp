#include "viewer/xr/mirror_session.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>
#include <ctime>

#include "core/file_io.h"
#include "core/log.h"
#include "session/summary_page.h"

namespace oh::viewer {
namespace {

const ImVec4 kRecordingColour(1.0f, 0.35f, 0.35f, 1.0f);

// "Hämeentie 85 B 18" -> "hämeentie-85-b-18": a file name that needs no quoting.
std::string fileNameOf(const std::string& title) {
    std::string name;
    for (unsigned char c : title) {
        if (std::isalnum(c) || c >= 0x80) name += char(c < 0x80 ? std::tolower(c) : c);
        else if (!name.empty() && name.back() != '-') name += '-';
    }
    while (!name.empty() && name.back() == '-') name.pop_back();
    return name.empty() ? "visit" : name;
}

// Where the Save button puts a summary: ~/OpenHouse visits/<listing>-<date>-<time>.
std::filesystem::path defaultStem(const std::string& listingTitle, std::chrono::system_clock::time_point started) {
    const char* home = std::getenv("HOME");
    std::filesystem::path folder = std::filesystem::path(home && *home ? home : ".") / "OpenHouse visits";
    std::time_t time = std::chrono::system_clock::to_time_t(started);
    std::tm local{};
    localtime_r(&time, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M", &local);
    return folder / (fileNameOf(listingTitle) + "-" + stamp);
}

// The plan with the heat map over it, filling `width` at most and keeping its shape.
void drawHeatPlan(const PlanMinimap& minimap, const session::SessionSummary& summary, float width, float height) {
    const TourPlan& plan = minimap.plan();
    std::optional<AtlasImages::Uv> uv = minimap.picture().uvIn(*ImGui::GetIO().Fonts, 0);
    if (!uv || plan.picture.width == 0) return;
    float scale = std::min(width / float(plan.picture.width), height / float(plan.picture.height));
    ImVec2 size(float(plan.picture.width) * scale, float(plan.picture.height) * scale);
    ImVec2 corner = ImGui::GetCursorScreenPos();
    ImGui::Image(ImGui::GetIO().Fonts->TexID, size, uv->min, uv->max);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const session::HeatCell& cell : summary.heat) {
        size_t storey = plan.storeyAt(cell.floorY);
        float half = 0.5f * summary.heatCellMetres * plan.storeys[storey].pixelsPerMetre * scale;
        glm::vec2 pixel = plan.pixelOf(glm::vec3(cell.centre.x, cell.floorY, cell.centre.y), storey) * scale;
        glm::vec4 colour = session::heatColour(cell.intensity);
        // Discs a little larger than their cells: the blobs read as one soft shape, not a grid.
        draw->AddCircleFilled(ImVec2(corner.x + pixel.x, corner.y + pixel.y), half * 1.3f,
                              ImGui::ColorConvertFloat4ToU32(ImVec4(colour.r, colour.g, colour.b, colour.a * 0.8f)));
    }
}

const char* ruleWords(nav::MeasureRule rule) {
    switch (rule) {
    case nav::MeasureRule::Level: return "level";
    case nav::MeasureRule::Plumb: return "plumb";
    case nav::MeasureRule::SquareToSurface: return "wall to wall";
    case nav::MeasureRule::Straight: break;
    }
    return "point to point";
}

// The summary and the plan go to the worker as copies: the agent may discard
// the summary, or the tour end, while it writes.
Status saveCopies(const session::SessionSummary& summary, const RgbaImage& planPicture,
                  const std::vector<plan::StoreyPlacement>& storeys, const std::filesystem::path& stem) {
    session::PlanBackdrop backdrop;
    if (planPicture.width > 0) backdrop = {&planPicture, storeys};
    OH_TRY(session::saveSummary(summary, backdrop, stem));
    OH_LOG_INFO("visit summary saved: %s.json and .png", displayPath(stem).c_str());
    return ok();
}


}  // namespace

MirrorSession::MirrorSession(std::string listingTitle, std::vector<std::string> roomNames, const PlanMinimap* minimap,
                             VisitConsent& consent)
    : m_listingTitle(std::move(listingTitle)), m_roomNames(std::move(roomNames)), m_minimap(minimap),
      m_consent(consent) {
    if (m_consent.customerAgreed) start();
}

void MirrorSession::start() {
    m_started = std::chrono::system_clock::now();
    m_record.emplace(m_listingTitle, m_roomNames, m_started);
    m_ended.reset();
    m_saveMessage.clear();
    m_phase = Phase::Recording;
    OH_LOG_INFO("visit summary: recording this visit (the customer agreed)");
}

void MirrorSession::end() {
    EndedVisit visit{m_record->summary(), {}, {}, m_started, false};
    if (m_minimap) {
        visit.planPicture = m_minimap->plan().picture;
        visit.storeys = m_minimap->plan().storeys;
    }
    m_ended = std::move(visit);
    m_record.reset();
    m_phase = Phase::Ended;
    m_shownCarried.reset();
    m_summaryAppearing = true;
}

void MirrorSession::startSaving(const EndedVisit& visit, std::optional<size_t> carried,
                                const std::filesystem::path& stem) {
    if (m_savingTo) return;  // one at a time
    m_saving = std::async(std::launch::async, [visit, stem] {
        return saveCopies(visit.summary, visit.planPicture, visit.storeys, stem);
    });
    m_savingTo = stem;
    m_savingCarried = carried;
    m_saveMessage = "Saving\xE2\x80\xA6";
}

void MirrorSession::collectSave() {
    if (!m_savingTo || m_saving.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    Status saved = m_saving.get();
    m_saveMessage = saved ? "Saved: " + displayPath(*m_savingTo) + ".json and .png" : saved.error().message;
    if (!saved) OH_LOG_ERROR("%s", saved.error().message.c_str());
    if (saved && m_savingCarried) {
        m_consent.unsaved[*m_savingCarried].saved = true;
    } else if (saved && m_ended) {
        m_ended->saved = true;
    }
    m_savingTo.reset();
}

Status MirrorSession::finish(bool leavingForAnotherListing) {
    if (m_savingTo) m_saving.wait();
    collectSave();
    std::erase_if(m_consent.unsaved, [](const EndedVisit& visit) { return visit.saved; });
    if (m_phase == Phase::Recording) end();
    if (m_phase == Phase::Off || m_ended->saved) return ok();
    if (m_consent.saveAtEnd) {
        startSaving(*m_ended, std::nullopt, *m_consent.saveAtEnd);
        m_saving.wait();  // the tour is over: no frame waits
        Status saved = m_saving.get();
        m_savingTo.reset();
        return saved;
    }
    if (leavingForAnotherListing) {
        OH_LOG_INFO("visit summary of %s kept, unsaved, for the agent", m_listingTitle.c_str());
        m_consent.unsaved.push_back(std::move(*m_ended));
    } else {
        OH_LOG_INFO("visit summary of %s not saved: forgotten", m_listingTitle.c_str());
    }
    return ok();
}

void MirrorSession::draw() {
    collectSave();
    if (m_shownCarried) {
        drawCarried();
        return;
    }
    if (m_phase == Phase::Ended) {
        switch (drawSummary(*m_ended, m_minimap, false)) {
        case SummaryChoice::Save:
            startSaving(*m_ended, std::nullopt, defaultStem(m_ended->summary.listingTitle, m_ended->started));
            break;
        case SummaryChoice::Discard:
            m_ended.reset();
            m_phase = Phase::Off;
            m_consent.customerAgreed = false;  // the next customer is asked again
            break;
        case SummaryChoice::None:
        case SummaryChoice::Later: break;
        }
        return;
    }
    // Below the guided tour, clear of the tour panel (left) and the floor plan (bottom right).
    ImGui::SetNextWindowPos(ImVec2(364.0f, 260.0f), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Visit summary", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        bool agreed = m_phase == Phase::Recording;
        if (ImGui::Checkbox("The customer agreed: record this visit", &agreed)) {
            m_consent.customerAgreed = agreed;
            if (agreed) {
                start();
            } else {
                m_record.reset();  // consent withdrawn: forget it all
                m_phase = Phase::Off;
                OH_LOG_INFO("visit summary: recording stopped and forgotten");
            }
        }
        if (m_phase == Phase::Recording) {
            ImGui::TextColored(kRecordingColour, "Recording: %s", session::formatDuration(m_record->seconds()).c_str());
            ImGui::SameLine();
            if (ImGui::Button("End visit and show the summary")) end();
        } else {
            ImGui::TextDisabled("Off: nothing about this visit is kept.");
        }
        // Listings the customer left before their summaries were saved.
        for (size_t i = 0; i < m_consent.unsaved.size(); ++i) {
            const EndedVisit& visit = m_consent.unsaved[i];
            if (visit.saved) continue;
            ImGui::TextUnformatted(("Not saved: " + visit.summary.listingTitle + ", " +
                                    session::formatDuration(visit.summary.seconds))
                                       .c_str());
            ImGui::SameLine();
            if (ImGui::SmallButton(("Show##carried" + std::to_string(i)).c_str())) {
                m_shownCarried = i;
                m_summaryAppearing = true;
                m_saveMessage.clear();
            }
        }
    }
    ImGui::End();
}

void MirrorSession::drawCarried() {
    const size_t index = *m_shownCarried;
    switch (drawSummary(m_consent.unsaved[index], nullptr, true)) {
    case SummaryChoice::Save: {
        const EndedVisit& visit = m_consent.unsaved[index];
        startSaving(visit, index, defaultStem(visit.summary.listingTitle, visit.started));
        break;
    }
    case SummaryChoice::Discard:
        if (m_savingTo) break;  // not while its save is running: the index would move
        m_consent.unsaved.erase(m_consent.unsaved.begin() + std::ptrdiff_t(index));
        m_shownCarried.reset();
        break;
    case SummaryChoice::Later: m_shownCarried.reset(); break;
    case SummaryChoice::None: break;
    }
}

MirrorSession::SummaryChoice MirrorSession::drawSummary(const EndedVisit& visit, const PlanMinimap* plan,
                                                        bool offerLater) {
    SummaryChoice choice = SummaryChoice::None;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(display.x * 0.86f, display.y * 0.86f), ImGuiCond_Appearing);
    ImGui::SetNextWindowBgAlpha(1.0f);  // a page to read, over the others
    if (std::exchange(m_summaryAppearing, false)) ImGui::SetNextWindowFocus();
    const session::SessionSummary& summary = visit.summary;
    // A window of its own (not the small one's place and size): the page, large in the middle.
    if (ImGui::Begin("Visit summary###visit summary page", nullptr, ImGuiWindowFlags_NoCollapse)) {
        ImGui::Text("%s", summary.listingTitle.c_str());
        // "2026-12-02T14:05:00+02:00" -> "2026-12-02 14:05"
        std::string started = summary.started.substr(0, 10) + " " + summary.started.substr(11, 5);
        ImGui::TextDisabled("%s, %s in the tour", started.c_str(), session::formatDuration(summary.seconds).c_str());
        ImGui::Separator();
        const float footer = ImGui::GetFrameHeightWithSpacing() * 2.0f;
        const ImVec2 room = ImGui::GetContentRegionAvail();
        ImGui::BeginChild("plan", ImVec2(room.x * 0.55f, room.y - footer));
        ImGui::TextDisabled("Where the customer looked");
        if (plan) {
            ImVec2 left = ImGui::GetContentRegionAvail();
            drawHeatPlan(*plan, summary, left.x, left.y);
        } else {
            ImGui::TextWrapped(visit.planPicture.width > 0
                                   ? "Over this listing's floor plan on the saved page."
                                   : "This listing has no floor plan to show it on.");
        }
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("numbers", ImVec2(0.0f, room.y - footer));
        ImGui::Text("Time per room");
        for (const session::RoomTime& time : summary.rooms) {
            double share = summary.seconds > 0.0 ? time.seconds / summary.seconds : 0.0;
            std::string words = session::formatDuration(time.seconds) + " (" +
                                std::to_string(int(std::lround(share * 100.0))) + " %)";
            ImGui::ProgressBar(float(share), ImVec2(ImGui::GetContentRegionAvail().x * 0.55f, 0.0f), words.c_str());
            ImGui::SameLine();
            ImGui::TextUnformatted(time.name.c_str());
        }
        ImGui::Spacing();
        ImGui::Text("Pictures opened");
        if (summary.pictures.empty()) ImGui::TextDisabled("None");
        for (const session::PictureTime& picture : summary.pictures)
            ImGui::BulletText("%s %s: %u time%s, %s", picture.picture.kind == session::PictureKind::Photo ? "Photo" : "360\xC2\xB0",
                              picture.picture.name.c_str(), picture.opened, picture.opened == 1 ? "" : "s",
                              session::formatDuration(picture.seconds).c_str());
        ImGui::Spacing();
        ImGui::Text("Measurements");
        if (summary.measurements.empty()) ImGui::TextDisabled("None");
        for (const session::MeasurementEntry& entry : summary.measurements)
            ImGui::BulletText("%s %s%s%s", nav::formatLength(entry.measurement.metres).c_str(),
                              ruleWords(entry.measurement.rule), entry.room.empty() ? "" : ", ", entry.room.c_str());
        ImGui::EndChild();
        ImGui::Separator();
        if (ImGui::Button("Save (JSON and PNG)")) choice = SummaryChoice::Save;
        ImGui::SameLine();
        if (ImGui::Button("Discard")) choice = SummaryChoice::Discard;
        if (offerLater) {
            ImGui::SameLine();
            if (ImGui::Button("Later")) choice = SummaryChoice::Later;
        }
        ImGui::SameLine();
        const std::filesystem::path stem = defaultStem(summary.listingTitle, visit.started);
        if (visit.saved || !m_saveMessage.empty())
            ImGui::TextUnformatted(m_saveMessage.empty() ? "Saved" : m_saveMessage.c_str());
        else
            ImGui::TextDisabled("Saves to %s", displayPath(stem.parent_path()).c_str());
    }
    ImGui::End();
    return choice;
}

}  // namespace oh::viewer
