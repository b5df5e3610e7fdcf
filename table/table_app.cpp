#include "table/table_app.h"

#include <imgui.h>
#include <backends/imgui_impl_sdl.h>

#include <algorithm>
#include <chrono>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <memory>

#include "areas/area_statistics.h"
#include "bundle/manifest.h"
#include "bundle/signing.h"
#include "catalog/catalog.h"
#include "control/control_client.h"
#include "core/exit_codes.h"
#include "core/image.h"
#include "core/log.h"
#include "map/map_view.h"
#include "map/pin_clusters.h"
#include "map/regions.h"
#include "markers/marker_filters.h"
#include "markers/osc_receiver.h"
#include "markers/tuio_frames.h"
#include "renderer/screen_quads.h"
#include "table/card_photos.h"
#include "table/card_turn.h"
#include "table/map_gestures.h"
#include "table/map_tiles.h"
#include "table/picture_strip.h"
#include "table/station_link.h"
#include "table/table_script.h"
#include "viewer/tour/validation_exit.h"
#include "viewer/ui/listing_card.h"
#include "viewer/ui/ui_overlay.h"

namespace oh::table {
namespace {

using Clock = std::chrono::steady_clock;

// [SECTION] Look: big, light and legible from any side of a table

constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr float kFontPixels = 22.0f;
constexpr float kPinRadius = 11.0f;      // a pin is 22 px across: a fingertip covers it, so taps search wider
constexpr float kTapRadius = 36.0f;      // how far from a pin a tap still picks it
constexpr float kClusterRadius = 44.0f;  // pins closer than this on screen merge
const glm::vec4 kLandColour{0.93f, 0.92f, 0.89f, 1.0f};  // shows until the first tiles arrive

void tableLook() {
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 10.0f;
    style.FrameRounding = 8.0f;
    style.WindowPadding = ImVec2(18, 16);
    style.FramePadding = ImVec2(16, 10);
    style.ItemSpacing = ImVec2(12, 10);
    style.WindowBorderSize = 0.0f;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.96f);
    style.Colors[ImGuiCol_Button] = ImVec4(0.80f, 0.88f, 0.97f, 1.0f);
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.72f, 0.83f, 0.96f, 1.0f);
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.62f, 0.76f, 0.93f, 1.0f);
    style.Colors[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);

    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    // Latin-1 for Finnish and Swedish names, the euro, ≥ and ≤, the dashes and the middle dot.
    static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2013, 0x2014, 0x20AC, 0x20AC, 0x2264, 0x2265, 0};
    if (std::filesystem::exists(kFontPath) && atlas.AddFontFromFileTTF(kFontPath, kFontPixels, nullptr, kRanges)) {
        atlas.Build();  // the font has its own euro sign
    } else {
        OH_LOG_WARN("%s is missing (Debian's fonts-dejavu-core): the table's text falls back to ImGui's small font",
                    kFontPath);
        ImGui::GetIO().FontGlobalScale = 1.6f;
    }
}

// Pins by price per square metre against the area's statistics: from well
// below (green) to well above (red), the neutral middle within ±5 %.
constexpr int kPriceClasses = 5;
uint8_t priceClass(float relative) {
    if (relative <= 0.0f) return 2;  // no statistics: neutral
    if (relative < 0.85f) return 0;
    if (relative < 0.95f) return 1;
    if (relative <= 1.05f) return 2;
    if (relative <= 1.15f) return 3;
    return 4;
}
ImU32 priceColour(uint8_t priceClassIndex) {
    static const ImU32 kColours[kPriceClasses] = {IM_COL32(26, 150, 65, 255), IM_COL32(120, 190, 80, 255),
                                                 IM_COL32(120, 120, 130, 255), IM_COL32(240, 140, 40, 255),
                                                 IM_COL32(215, 48, 39, 255)};
    return kColours[std::min<int>(priceClassIndex, kPriceClasses - 1)];
}
const char* priceClassLabel(uint8_t priceClassIndex) {
    static const char* kLabels[kPriceClasses] = {"15 % or more below the area", "5-15 % below", "about the area's price",
                                                 "5-15 % above", "15 % or more above"};
    return kLabels[std::min<int>(priceClassIndex, kPriceClasses - 1)];
}

ImVec2 toImVec(const map::ScreenPoint& point) { return ImVec2(float(point.x), float(point.y)); }

std::string thousands(double value) {
    long long whole = std::llround(value);
    std::string digits = std::to_string(whole);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// [SECTION] The app

class TableApp {
public:
    TableApp(const TableOptions& options, TableWindow& window) : m_options(options), m_window(window) {}
    // Whatever ended the run (an error too), the GPU is done with the
    // passes, tiles and photos before they go.
    ~TableApp() { m_window.waitIdle(); }
    TableApp(const TableApp&) = delete;
    TableApp& operator=(const TableApp&) = delete;
    Status init();
    Status run();
    void printState() const;

private:
    struct ShownListing {
        catalog::ListingSummary summary;
        uint8_t priceClass = 2;
    };
    struct Card {
        catalog::ListingSummary summary;
        std::optional<listing::Listing> listing;  // none: its bundle could not be read now
        std::string problem;
        TableEdge facing = TableEdge::Bottom;  // the edge of whoever opened it
    };

    Status refreshCatalog();
    void applyFilter();
    void handleMarkers();
    void handleInput();
    void tapAt(const MapTap& tap);
    void openCard(const catalog::ListingSummary& summary, TableEdge facing);
    void closeCard();
    void showPage(int step);
    void walkInside();
    bool overUi(glm::vec2 position) const;
    glm::vec2 uiPosition(glm::vec2 position, bool heldByCard) const;

    void drawMap(ImDrawList& draw);
    void drawMarkers(ImDrawList& draw);
    void drawHeader();
    void drawCard();
    void drawLegendAndCredits();

    const TableOptions& m_options;
    TableWindow& m_window;
    std::unique_ptr<viewer::UiOverlay> m_ui;
    std::unique_ptr<MapTiles> m_tiles;
    gfx::ScreenQuadPass m_mapPass;
    std::optional<map::MapView> m_view;
    MapGestures m_gestures;
    std::optional<TableScript> m_script;

    std::optional<catalog::Catalog> m_catalog;
    std::optional<areas::AreaStatistics> m_statistics;
    std::optional<map::Districts> m_districts;
    std::vector<bundle::PublicKey> m_trustedKeys;
    Clock::time_point m_lastRefresh{};
    std::vector<ShownListing> m_shown;
    std::optional<map::PinClusterer> m_clusterer;
    size_t m_totalListings = 0;

    std::optional<markers::OscReceiver> m_receiver;
    markers::TuioFrames m_tuio;
    std::optional<markers::MarkerFilters> m_markerFilters;
    catalog::ListingFilter m_filter;
    std::string m_markersSaid;  // the markers' labels last logged

    std::optional<Card> m_card;
    std::unique_ptr<CardPhotos> m_cardPhotos;
    gfx::ScreenQuadPass m_photoPass;  // over ImGui's pass: the card's photo in the place the card keeps for it
    size_t m_photoIndex = 0;               // the page shown: a photo, or the floor plan after them
    std::optional<ImVec4> m_photoRect;     // where the card shows its picture this frame (laid out upright)
    std::optional<glm::vec2> m_swipeFrom;  // the UI pointer went down on the picture here (laid out upright)
    std::optional<CardTurn> m_cardTurn;    // where the card stood last frame, turned to face its reader
    std::unique_ptr<StationLink> m_station;
    std::string m_stationLine;  // what the card says about the headset, as last drawn
    std::optional<ImVec2> m_walkInsideAt;  // the card's "Walk inside" button's centre, laid out upright
    std::vector<std::pair<std::string, ImVec2>> m_lonePins;  // drawn alone, not in a cluster

    // Dear ImGui's pointer: the finger (or mouse button) that went down on a
    // card or button, and a release held back a frame when down and up came
    // together, so ImGui sees the press.
    std::optional<uint64_t> m_uiPointer;
    bool m_uiPointerOnCard = false;  // it went down on the card: it reaches ImGui through the card's turn
    viewer::UiPointer m_uiState;
    bool m_releaseNext = false;
    std::vector<ImVec4> m_uiRects;  // the windows drawn last frame (x0, y0, x1, y1)

    uint64_t m_frames = 0;
    bool m_needsFrame = true;  // something changed since the frame last drawn (run: drawing on demand)
    bool m_mapCompleteSaid = false;  // the start-up's "tiles all in place" line
};


Status TableApp::init() {
    gfx::GpuContext& context = m_window.context();
    for (const auto& path : m_options.trustedKeys) {
        auto key = bundle::readPublicKey(path);
        if (!key) return key.error();
        m_trustedKeys.push_back(key.value());
    }
    auto catalog = catalog::Catalog::open(m_options.listings, {m_trustedKeys});
    if (!catalog) return catalog.error();
    m_catalog = std::move(catalog.value());
    auto statistics = areas::AreaStatistics::load(m_options.statistics);
    if (!statistics) return statistics.error();
    m_statistics = std::move(statistics.value());
    auto districts = map::Districts::load(m_options.statistics / "districts.geojson");
    if (!districts) return districts.error();
    m_districts = std::move(districts.value());
    auto config = markers::loadMarkerConfig(m_options.markers);
    if (!config) return config.error();
    m_markerFilters.emplace(std::move(config.value()));
    markers::OscReceiverOptions tuio;
    tuio.address = m_options.tuioAddress;
    tuio.port = m_options.tuioPort;
    auto receiver = markers::OscReceiver::open(tuio);
    if (!receiver) {
        // The table works without markers (a desk with a mouse): say so and go on.
        OH_LOG_WARN("no tangible markers: %s", receiver.error().message.c_str());
    } else {
        m_receiver = std::move(receiver.value());
        OH_LOG_INFO("listening for TUIO markers on %s:%u", m_options.tuioAddress.c_str(), unsigned(m_receiver->port()));
    }
    if (!m_options.station.empty()) {
        std::optional<control::SharedSecret> secret;
        if (!m_options.stationSecret.empty()) {
            auto loaded = control::loadSharedSecret(m_options.stationSecret);
            if (!loaded) return loaded.error();
            secret = std::move(loaded.value());
        }
        m_station = std::make_unique<StationLink>(m_options.station, std::move(secret));
    }
    auto script = TableScript::parse(m_options.script);
    if (!script) return script.error();
    m_script = std::move(script.value());

    gfx::RendererOptions targets = m_window.rendererOptions();
    auto tiles = MapTiles::open(context, m_options.tiles, targets.colorFormat, TableWindow::kFramesInFlight);
    if (!tiles) return tiles.error();
    m_tiles = std::move(tiles.value());
    // The map pass leaves the image for ImGui's pass, which leaves it to be presented.
    auto pass = gfx::ScreenQuadPass::create(context, m_tiles->layers(), targets.colorFormat,
                                            VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, TableWindow::kFramesInFlight);
    if (!pass) return pass.error();
    m_mapPass = std::move(pass.value());
    auto photos = CardPhotos::create(context, m_tiles->layers().format(), TableWindow::kFramesInFlight);
    if (!photos) return photos.error();
    m_cardPhotos = std::move(photos.value());
    auto photoPass = gfx::ScreenQuadPass::create(context, m_cardPhotos->layers(), targets.colorFormat,
                                                 VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, TableWindow::kFramesInFlight,
                                                 /*clears=*/false);
    if (!photoPass) return photoPass.error();
    m_photoPass = std::move(photoPass.value());
    VkExtent2D size = m_window.framebufferSize();
    m_view.emplace(m_tiles->info(), double(size.width), double(size.height));

    viewer::UiOverlayOptions ui;
    SDL_Window* sdlWindow = m_window.window();
    ui.platform.init = [sdlWindow] { return ImGui_ImplSDL2_InitForVulkan(sdlWindow); };
    ui.platform.newFrame = [] { ImGui_ImplSDL2_NewFrame(); };
    ui.platform.shutdown = [] { ImGui_ImplSDL2_Shutdown(); };
    ui.look = &tableLook;
    ui.colorFormat = targets.colorFormat;
    ui.layout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    ui.imageCount = m_window.swapchainImageCount();
    auto overlay = viewer::UiOverlay::create(context, ui);
    if (!overlay) return overlay.error();
    m_ui = std::move(overlay.value());
    m_window.setEventObserver([](const SDL_Event& event) {
        // ImGui's SDL2 backend gets the keyboard; pointers reach ImGui through the table (overUi).
        if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP || event.type == SDL_TEXTINPUT)
            ImGui_ImplSDL2_ProcessEvent(&event);
    });
    Clock::time_point indexing = Clock::now();
    OH_TRY(refreshCatalog());
    OH_LOG_INFO("catalog: %zu listings, read in %.0f ms", m_totalListings,
                std::chrono::duration<double, std::milli>(Clock::now() - indexing).count());
    return ok();
}

// [SECTION] Listings

Status TableApp::refreshCatalog() {
    m_lastRefresh = Clock::now();
    auto refreshed = m_catalog->refresh();
    if (!refreshed) {
        // The folder went away under us (a network share): keep showing what we had.
        OH_LOG_WARN("%s", refreshed.error().message.c_str());
        return ok();
    }
    for (const catalog::BundleProblem& problem : refreshed->problems)
        OH_LOG_WARN("left out %s: %s", problem.file.c_str(), problem.reason.c_str());
    if (refreshed->changed() || !m_clusterer) {
        if (refreshed->changed())
            OH_LOG_INFO("listings: %d added, %d replaced, %d removed", refreshed->added, refreshed->replaced,
                        refreshed->removed);
        applyFilter();
    }
    return ok();
}

void TableApp::applyFilter() {
    m_needsFrame = true;
    m_totalListings = m_catalog->entries().size();
    std::vector<catalog::ListingSummary> found = m_catalog->find(m_filter);
    m_shown.clear();
    std::vector<map::Pin> pins;
    for (catalog::ListingSummary& summary : found) {
        float perM2 = summary.livingArea > 0 ? float(summary.askingPrice / summary.livingArea) : 0.0f;
        uint8_t cls = priceClass(m_statistics->relativePrice(summary.postalCode, summary.rooms, perM2));
        pins.push_back({uint64_t(pins.size()), map::LatLon{summary.latitude, summary.longitude}, cls});
        m_shown.push_back({std::move(summary), cls});
    }
    m_clusterer.emplace(pins);
    // A card whose listing the filter now leaves out stays open: the customer
    // is reading it; its pin is simply no longer on the map.
}

void TableApp::handleMarkers() {
    if (!m_receiver) return;
    std::vector<markers::TuioPacket> packets;
    m_receiver->poll(packets);
    if (packets.empty()) return;
    for (const markers::TuioPacket& packet : packets) m_tuio.handle(packet);
    if (m_tuio.takeChanges().empty()) return;
    m_markerFilters->update(m_tuio.objects());
    const map::MapView& view = *m_view;
    catalog::ListingFilter filter = m_markerFilters->filter([&view](float x, float y) -> std::optional<markers::LatLon> {
        map::LatLon place = view.toLatLon({double(x) * view.width(), double(y) * view.height()});
        return markers::LatLon{place.lat, place.lon};
    });
    m_filter = std::move(filter);
    applyFilter();
    // What the markers say, once per change, so the agent's log tells what the customer saw.
    std::string said;
    for (const markers::MarkerDrawing& marker : m_markerFilters->drawings()) said += (said.empty() ? "" : ", ") + marker.label;
    if (said != m_markersSaid) {
        OH_LOG_INFO("markers on the table: %s (%zu listings)", said.empty() ? "none" : said.c_str(), m_shown.size());
        m_markersSaid = said;
    }
}

// [SECTION] Input

bool TableApp::overUi(glm::vec2 position) const {
    return std::any_of(m_uiRects.begin(), m_uiRects.end(), [&](const ImVec4& r) {
        return position.x >= r.x && position.x <= r.z && position.y >= r.y && position.y <= r.w;
    });
}

void TableApp::handleInput() {
    const TableInput& input = m_window.input();
    for (int32_t key : input.keysPressed) {
        if (key == SDLK_ESCAPE) closeCard();
        if (key == SDLK_RIGHT) showPage(+1);
        if (key == SDLK_LEFT) showPage(-1);
    }

    // Dear ImGui's one pointer: the first to go down on a window, until it lifts.
    // The release is seen where the pointer lifted: a button takes a click
    // only when let go over it (a finger has no hover to fall back to).
    const bool released = m_releaseNext;
    if (m_releaseNext) {
        m_uiState.leftDown = false;
        m_uiPointer.reset();
        m_releaseNext = false;
    }
    m_uiState.wheel = 0.0f;
    if (!m_uiPointer && !released) m_uiState.position = uiPosition(input.hover, false);
    for (const PointerEvent& event : input.pointers) {
        if (event.phase == PointerEvent::Phase::Down && !m_uiPointer && overUi(event.position)) {
            m_uiPointer = event.id;
            m_uiPointerOnCard = m_cardTurn && m_cardTurn->onCard(event.position);
            glm::vec2 at = uiPosition(event.position, m_uiPointerOnCard);
            m_uiState.position = at;
            m_uiState.leftDown = true;
            const ImVec4* photo = m_photoRect ? &*m_photoRect : nullptr;
            if (photo && at.x >= photo->x && at.x <= photo->z && at.y >= photo->y && at.y <= photo->w) m_swipeFrom = at;
        } else if (m_uiPointer && event.id == *m_uiPointer) {
            glm::vec2 at = uiPosition(event.position, m_uiPointerOnCard);
            m_uiState.position = at;
            if (event.phase == PointerEvent::Phase::Up) {
                m_releaseNext = true;
                // A swipe across the picture: the finger's way as the card's reader sees it, like a phone's gallery.
                if (m_swipeFrom) {
                    glm::vec2 way = at - *m_swipeFrom;
                    if (std::abs(way.x) > 60.0f && std::abs(way.x) > 2.0f * std::abs(way.y)) showPage(way.x < 0 ? +1 : -1);
                }
                m_swipeFrom.reset();
            }
        }
    }
    if (overUi(input.hover)) m_uiState.wheel = input.wheel;

    MapGesture gesture = m_gestures.update(input.pointers, [this](glm::vec2 at) { return !overUi(at); });
    if (input.wheel != 0.0f && !overUi(input.hover))
        m_view->zoomBy(std::pow(2.0, double(input.wheel) * 0.25), {input.hover.x, input.hover.y});
    if (gesture.pan != glm::vec2(0.0f)) m_view->panBy(gesture.pan.x, gesture.pan.y);
    if (gesture.zoomFactor != 1.0f) m_view->zoomBy(gesture.zoomFactor, {gesture.zoomAnchor.x, gesture.zoomAnchor.y});
    for (const MapTap& tap : gesture.taps) tapAt(tap);
}

// Where Dear ImGui sees a pointer at `position`: through the card's turn
// (card_turn.h); where the turn says nowhere, off every window.
glm::vec2 TableApp::uiPosition(glm::vec2 position, bool heldByCard) const {
    if (!m_cardTurn) return position;
    return m_cardTurn->uiPointer(position, heldByCard).value_or(glm::vec2(-FLT_MAX));
}

void TableApp::tapAt(const MapTap& tap) {
    const glm::vec2 position = tap.position;
    map::Clustering clustering = m_clusterer->cluster(m_view->zoom(), kClusterRadius);
    const map::Cluster* nearest = nullptr;
    double best = kTapRadius;
    for (const map::Cluster& cluster : clustering.clusters) {
        map::ScreenPoint at = m_view->toScreen(cluster.position);
        double distance = std::hypot(at.x - position.x, at.y - position.y);
        double reach = kTapRadius + (cluster.count > 1 ? 10.0 : 0.0);
        if (distance < std::min(best, reach)) {
            best = distance;
            nearest = &cluster;
        }
    }
    if (!nearest) return;  // a tap on the bare map closes nothing: the card has its own close button
    if (nearest->count == 1) {
        // A finger opens the card facing the edge it reached from; the mouse
        // is the agent's at the desk, which stands at the bottom edge.
        const glm::vec2 screen(float(m_view->width()), float(m_view->height()));
        openCard(m_shown[clustering.members[nearest->firstMember]].summary,
                 tap.pointer == kMousePointer ? TableEdge::Bottom : nearestEdge(position, screen));
        return;
    }
    // A cluster: zoom in to show its members apart, centred on them.
    const map::WorldRect& bounds = nearest->bounds;
    map::ScreenPoint a = m_view->toScreen(map::WorldPoint{bounds.minX, bounds.minY});
    map::ScreenPoint b = m_view->toScreen(map::WorldPoint{bounds.maxX, bounds.maxY});
    double spread = std::max({std::abs(b.x - a.x), std::abs(b.y - a.y), 1.0});
    double fit = std::min(m_view->width(), m_view->height()) * 0.5 / spread;
    map::LatLon centre = map::toLatLon(map::WorldPoint{(bounds.minX + bounds.maxX) / 2, (bounds.minY + bounds.maxY) / 2});
    m_view->setCenter(centre);
    m_view->setZoom(m_view->zoom() + std::clamp(std::log2(fit), 1.0, 4.0));
}

void TableApp::openCard(const catalog::ListingSummary& summary, TableEdge facing) {
    Card card{summary, std::nullopt, {}, facing};
    bundle::Manifest manifest;
    auto reader = bundle::BundleReader::open(m_options.listings / summary.file, {m_trustedKeys});
    auto decoded = reader ? bundle::decodeManifest(*reader) : Result<bundle::Manifest>(reader.error());
    if (decoded) manifest = std::move(decoded.value());
    if (manifest.listing) card.listing = *manifest.listing;
    else card.problem = decoded ? "the bundle has no listing" : decoded.error().message;
    if (!card.problem.empty()) OH_LOG_WARN("%s", card.problem.c_str());
    m_card = std::move(card);
    m_photoIndex = 0;
    m_cardPhotos->open(m_options.listings / summary.file, {m_trustedKeys}, manifest);
}

void TableApp::closeCard() {
    m_card.reset();
    m_cardPhotos->close();
    m_photoRect.reset();
    m_cardTurn.reset();
}

void TableApp::showPage(int step) {
    size_t pages = m_cardPhotos->pageCount();
    if (!m_card || pages == 0) return;
    m_photoIndex = stepPage(m_photoIndex, step, pages);
}

void TableApp::walkInside() {
    if (!m_station || !m_card) return;
    control::TourRequest request{m_card->summary.id, m_card->summary.file, {}};
    m_station->walkInside(request);
    OH_LOG_INFO("walk inside %s (%s)", request.listingId.c_str(), request.file.c_str());
}

// [SECTION] Drawing

void TableApp::drawMap(ImDrawList& draw) {
    const map::MapView& view = *m_view;
    // District names, upright, where a district is large enough on screen to carry one.
    if (view.zoom() >= 11.5) {
        std::vector<ImVec4> placed;  // names already drawn: a name that would touch one is left out
        for (const map::District& district : m_districts->all()) {
            map::ScreenPoint at = view.toScreen(district.label);
            map::ScreenPoint corner = view.toScreen(map::WorldPoint{district.bounds.maxX, district.bounds.maxY});
            map::ScreenPoint other = view.toScreen(map::WorldPoint{district.bounds.minX, district.bounds.minY});
            if (std::abs(corner.x - other.x) < 90) continue;
            if (at.x < -100 || at.y < -50 || at.x > view.width() + 100 || at.y > view.height() + 50) continue;
            ImVec2 size = ImGui::CalcTextSize(district.nameFi.c_str());
            ImVec2 pos(float(at.x) - size.x / 2, float(at.y) - size.y / 2);
            ImVec4 box(pos.x - 8, pos.y - 4, pos.x + size.x + 8, pos.y + size.y + 4);
            if (std::any_of(placed.begin(), placed.end(), [&](const ImVec4& o) {
                    return box.x < o.z && o.x < box.z && box.y < o.w && o.y < box.w;
                }))
                continue;
            placed.push_back(box);
            // A halo keeps the name legible over streets.
            for (ImVec2 offset : {ImVec2(-1, 0), ImVec2(1, 0), ImVec2(0, -1), ImVec2(0, 1)})
                draw.AddText(ImVec2(pos.x + offset.x, pos.y + offset.y), IM_COL32(255, 255, 255, 200),
                             district.nameFi.c_str());
            draw.AddText(pos, IM_COL32(90, 90, 105, 230), district.nameFi.c_str());
        }
    }
    map::Clustering clustering = m_clusterer->cluster(view.zoom(), kClusterRadius);
    m_lonePins.clear();
    for (const map::Cluster& cluster : clustering.clusters) {
        ImVec2 at = toImVec(view.toScreen(cluster.position));
        if (cluster.count > 1) {
            float radius = kPinRadius + 6.0f + std::min(10.0f, 3.0f * std::log2(float(cluster.count)));
            draw.AddCircleFilled(at, radius + 3, IM_COL32(255, 255, 255, 235), 32);
            draw.AddCircleFilled(at, radius, priceColour(cluster.colourClass), 32);
            std::string count = std::to_string(cluster.count);
            ImVec2 size = ImGui::CalcTextSize(count.c_str());
            draw.AddText(ImVec2(at.x - size.x / 2, at.y - size.y / 2), IM_COL32_WHITE, count.c_str());
            continue;
        }
        const ShownListing& listing = m_shown[clustering.members[cluster.firstMember]];
        m_lonePins.emplace_back(listing.summary.id, at);
        bool selected = m_card && m_card->summary.id == listing.summary.id;
        float radius = selected ? kPinRadius * 1.5f : kPinRadius;
        if (selected) draw.AddCircle(at, radius + 9, IM_COL32(20, 60, 120, 255), 40, 4.0f);
        draw.AddCircleFilled(at, radius + 3, IM_COL32(255, 255, 255, 240), 32);
        draw.AddCircleFilled(at, radius, priceColour(listing.priceClass), 32);
    }
}

void TableApp::drawMarkers(ImDrawList& draw) {
    if (!m_markerFilters) return;
    const float w = float(m_view->width()), h = float(m_view->height());
    for (const markers::MarkerDrawing& marker : m_markerFilters->drawings()) {
        ImVec2 centre(marker.x * w, marker.y * h);
        const float radius = 70.0f;
        draw.AddCircle(centre, radius, IM_COL32(255, 255, 255, 220), 64, 14.0f);
        // The value's place in its range as an arc from the top, clockwise.
        constexpr float kTop = -1.5707963f;
        draw.PathArcTo(centre, radius, kTop, kTop + 6.2831853f * std::clamp(marker.gauge, 0.0f, 1.0f), 64);
        draw.PathStroke(IM_COL32(17, 89, 158, 255), 0, 10.0f);
        ImVec2 size = ImGui::CalcTextSize(marker.label.c_str());
        ImVec2 pos(centre.x - size.x / 2, centre.y + radius + 14);
        draw.AddRectFilled(ImVec2(pos.x - 10, pos.y - 6), ImVec2(pos.x + size.x + 10, pos.y + size.y + 6),
                           IM_COL32(255, 255, 255, 235), 8.0f);
        draw.AddText(pos, IM_COL32(17, 40, 70, 255), marker.label.c_str());
    }
}

void TableApp::drawHeader() {
    ImGui::SetNextWindowPos(ImVec2(24, 24));
    ImGui::Begin("##header", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::Text("Homes for sale in Helsinki");
    ImGui::TextDisabled("%zu of %zu listings shown", m_shown.size(), m_totalListings);
    if (m_markerFilters && m_markerFilters->drawings().empty())
        ImGui::TextDisabled("Place a marker on the table to narrow the search");
    ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    m_uiRects.push_back(ImVec4(pos.x, pos.y, pos.x + size.x, pos.y + size.y));
    ImGui::End();
}

void TableApp::drawCard() {
    if (!m_card) return;
    // The card stands at the right of whoever opened it, as tall as the
    // table's short side allows: its pictures and its actions always in view,
    // the facts below scrolling if the screen is short. ImGui lays it out
    // upright; it is turned to face its reader after (card_turn.h).
    const glm::vec2 screen(float(m_view->width()), float(m_view->height()));
    const float width = std::min(560.0f, std::max(screen.x, screen.y) * 0.4f);
    m_cardTurn.emplace(m_card->facing, glm::vec2(width, std::min(screen.x, screen.y) - 48), screen, 24.0f);
    ImGui::SetNextWindowPos(ImVec2(m_cardTurn->layoutMin().x, m_cardTurn->layoutMin().y));
    ImGui::SetNextWindowSize(ImVec2(m_cardTurn->size().x, m_cardTurn->size().y));
    ImGui::SetNextWindowBgAlpha(1.0f);  // turned, it covers the header or the legend: hidden whole, not showing through
    ImGui::Begin("##card", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const catalog::ListingSummary& summary = m_card->summary;
    const float closeWidth = ImGui::CalcTextSize("Close").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - closeWidth - ImGui::GetStyle().ItemSpacing.x);
    ImGui::TextUnformatted(summary.street.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine(ImGui::GetContentRegionMax().x - closeWidth);
    const bool close = ImGui::Button("Close");  // closed once the card is drawn (and turned) this frame
    ImGui::TextDisabled("%s%s%s", summary.postalCode.c_str(), summary.district ? "  " : "",
                        summary.district ? summary.district->c_str() : "");
    m_photoRect = drawPictureStrip(*m_cardPhotos, m_photoIndex);
    if (m_station) {
        if (ImGui::Button("Walk inside", ImVec2(-1, 64))) walkInside();
        ImVec2 from = ImGui::GetItemRectMin(), to = ImGui::GetItemRectMax();
        m_walkInsideAt = ImVec2((from.x + to.x) / 2, (from.y + to.y) / 2);
        ImGui::TextWrapped("%s", m_stationLine.c_str());
    } else {
        ImGui::TextDisabled("No headset station is connected to this table.");
    }
    ImGui::Separator();
    ImGui::BeginChild("##facts");
    ImDrawList& facts = *ImGui::GetWindowDrawList();
    if (m_card->listing) {
        viewer::drawListingCard(*m_card->listing);
    } else {
        ImGui::TextWrapped("\xE2\x82\xAC%s  \xC2\xB7  %.0f m\xC2\xB2  \xC2\xB7  %d rooms", thousands(summary.askingPrice).c_str(),
                           summary.livingArea, summary.rooms);
        ImGui::TextWrapped("The listing's details cannot be read now.");
    }
    ImGui::EndChild();
    ImDrawList& card = *ImGui::GetWindowDrawList();
    ImGui::End();
    // Both lists are whole once their windows have ended.
    m_cardTurn->turn(card);
    m_cardTurn->turn(facts);
    glm::vec4 seen = m_cardTurn->screenRect();
    m_uiRects.push_back(ImVec4(seen.x, seen.y, seen.z, seen.w));
    if (close) closeCard();
}

void TableApp::drawLegendAndCredits() {
    ImGui::SetNextWindowPos(ImVec2(24, float(m_view->height()) - 24), 0, ImVec2(0, 1));
    ImGui::Begin("##legend", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::TextDisabled("Price per m\xC2\xB2 against the area");
    for (uint8_t cls = 0; cls < kPriceClasses; ++cls) {
        ImVec2 at = ImGui::GetCursorScreenPos();
        float line = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + line / 2, at.y + line / 2), line * 0.35f,
                                                    priceColour(cls), 20);
        ImGui::Dummy(ImVec2(line, line));
        ImGui::SameLine();
        ImGui::TextUnformatted(priceClassLabel(cls));
    }
    ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    m_uiRects.push_back(ImVec4(pos.x, pos.y, pos.x + size.x, pos.y + size.y));
    ImGui::End();

    // The data's credit line, as its licences ask, small in the corner.
    const std::string& credits = m_tiles->info().attribution;
    if (!credits.empty()) {
        ImDrawList& draw = *ImGui::GetForegroundDrawList();
        ImGui::PushFont(ImGui::GetFont());
        float scale = 0.7f;
        ImVec2 size = ImGui::CalcTextSize(credits.c_str());
        size = ImVec2(size.x * scale, size.y * scale);
        ImVec2 pos(float(m_view->width()) - size.x - 12, float(m_view->height()) - size.y - 8);
        draw.AddRectFilled(ImVec2(pos.x - 6, pos.y - 3), ImVec2(pos.x + size.x + 6, pos.y + size.y + 3),
                           IM_COL32(255, 255, 255, 200), 4.0f);
        draw.AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, pos, IM_COL32(60, 60, 70, 255), credits.c_str());
        ImGui::PopFont();
    }
}

// [SECTION] The loop

Status TableApp::run() {
    m_window.show();
    uint64_t lastScripted = m_script->lastFrame();
    int settleFrames = 0;
    // Used, the table draws a frame when something changed (a touch, a
    // marker, a tile or photo arriving, the catalog, the station's answer);
    // idle, it sleeps in SDL's queue, waking every kIdleWait to poll the
    // markers, the catalog and the station. On a machine without a GPU an
    // idle table leaves the CPU to a headset station beside it. Runs with
    // --frames draw every frame, so scripts and screenshots keep their pace.
    constexpr auto kIdleWait = std::chrono::milliseconds(50);
    const bool onDemand = m_options.maxFrames == 0;
    bool drewLast = true;
    for (;;) {
        VkExtent2D size = m_window.framebufferSize();
        const bool scripted = m_frames <= lastScripted;
        if (onDemand && !drewLast && !scripted) m_window.waitForEvents(kIdleWait);
        m_script->push(m_frames, m_window.window(), size.width, size.height);
        if (!m_window.pollEvents()) break;
        if (size.width && size.height) m_view->setScreenSize(double(size.width), double(size.height));
        m_needsFrame = !onDemand || scripted || m_frames == 0 || m_window.hadEvents() || m_uiPointer ||
                       m_releaseNext || m_tiles->pending() > 0 || m_cardPhotos->pending() > 0;
        if (Clock::now() - m_lastRefresh > std::chrono::seconds(1)) OH_TRY(refreshCatalog());
        handleMarkers();
        handleInput();
        if (m_card && m_station) {
            std::string line = m_station->cardLine(m_card->summary.id);
            if (line != m_stationLine) m_needsFrame = true;
            m_stationLine = std::move(line);
        }
        drewLast = m_needsFrame;
        if (!m_needsFrame) continue;

        auto begun = m_window.beginFrame();
        if (!begun) return begun.error();
        viewer::Frame& frame = begun.value();
        bool last = m_options.maxFrames > 0 && m_frames + 1 >= uint64_t(m_options.maxFrames);
        if (frame.shouldRender) {
            std::vector<gfx::ScreenQuad> quads = m_tiles->frame(frame.commandBuffer, frame.slot, *m_view);
            m_cardPhotos->frame(frame.commandBuffer, frame.slot);
            OH_TRY(m_mapPass.record(frame.commandBuffer, frame.slot, frame.target.colorView, frame.target.extent,
                                    frame.target.usage, quads, kLandColour));
            m_uiRects.clear();
            m_ui->beginFrame(&m_uiState);
            ImDrawList& background = *ImGui::GetBackgroundDrawList();
            drawMap(background);
            drawMarkers(background);
            drawHeader();
            drawCard();
            drawLegendAndCredits();
            OH_TRY(m_ui->record(frame.commandBuffer, frame.target.colorView, frame.target.extent, frame.target.usage));
            std::vector<gfx::ScreenQuad> photo;
            if (m_card && m_photoRect)
                if (auto shown = m_cardPhotos->quad(m_photoIndex, {m_photoRect->x, m_photoRect->y},
                                                    {m_photoRect->z, m_photoRect->w}))
                    photo.push_back(m_cardTurn->turn(*shown));
            OH_TRY(m_photoPass.record(frame.commandBuffer, frame.slot, frame.target.colorView, frame.target.extent,
                                      frame.target.usage, photo));
            // A scripted run's screenshot shows the map and the card loaded, not half-way.
            bool settled = (m_tiles->pending() == 0 && m_cardPhotos->pending() == 0) || settleFrames > 600;
            frame.captureRequested = last && settled && !m_options.screenshot.empty();
        }
        OH_TRY(m_window.endFrame(frame));
        if (!frame.shouldRender) continue;
        if (last && (m_tiles->pending() != 0 || m_cardPhotos->pending() != 0) && settleFrames <= 600) {
            ++settleFrames;  // the last frame waits for its tiles without counting
            continue;
        }
        if (frame.captureRequested) OH_TRY(writePng(m_options.screenshot, frame.captured));
        double sinceLaunch = std::chrono::duration<double, std::milli>(Clock::now() - m_options.launch).count();
        if (++m_frames == 1) OH_LOG_INFO("first frame on the table %.0f ms after launch", sinceLaunch);
        if (!m_mapCompleteSaid && m_tiles->pending() == 0) {
            m_mapCompleteSaid = true;
            OH_LOG_INFO("the map's tiles all in place %.0f ms after launch", sinceLaunch);
        }
        if (m_options.maxFrames > 0 && m_frames >= uint64_t(m_options.maxFrames) && m_frames > lastScripted) break;
    }
    m_window.waitIdle();
    return ok();
}

void TableApp::printState() const {
    std::printf("shown %zu of %zu:", m_shown.size(), m_totalListings);
    for (const ShownListing& listing : m_shown) std::printf(" %s", listing.summary.id.c_str());
    std::printf("\ncard %s\n", m_card ? m_card->summary.id.c_str() : "-");
    if (m_card) {
        if (m_cardPhotos->isFloorPlan(m_photoIndex)) std::printf("floor plan shown\n");
        else std::printf("photo %zu\n", m_photoIndex + 1);
        std::printf("floor plan %s\n", m_cardPhotos->hasFloorPlan() ? "offered" : "none");
        std::printf("card turned %d\n", 90 * quarterTurns(m_card->facing));
        if (m_photoRect && m_cardTurn) {
            const ImVec4& laid = *m_photoRect;
            glm::vec4 seen = m_cardTurn->toScreen(glm::vec4(laid.x, laid.y, laid.z, laid.w));
            std::printf("picture at %.0f %.0f %.0f %.0f\n", seen.x, seen.y, seen.z, seen.w);
        }
    }
    if (m_card && m_walkInsideAt && m_cardTurn) {
        glm::vec2 seen = m_cardTurn->toScreen(glm::vec2(m_walkInsideAt->x, m_walkInsideAt->y));
        std::printf("walk inside at %.0f %.0f\n", seen.x, seen.y);
    }
    map::LatLon centre = m_view->center();
    std::printf("view %.5f %.5f %.3f\n", centre.lat, centre.lon, m_view->zoom());
    for (const auto& [id, at] : m_lonePins) std::printf("pin %s %.0f %.0f\n", id.c_str(), at.x, at.y);
}

}  // namespace

int runTable(const TableOptions& options) {
    auto window = TableWindow::create(options.window);
    if (!window) {
        OH_LOG_ERROR("%s", window.error().message.c_str());
        return window.error().exitCode;
    }
    {
        TableApp app(options, **window);
        Status status = app.init();
        if (status) status = app.run();
        if (!status) {
            OH_LOG_ERROR("%s", status.error().message.c_str());
            return status.error().exitCode;
        }
        if (options.printState) app.printState();
    }
    return viewer::validationExitCode((*window)->context());
}

}  // namespace oh::table
