// Tests for viewer/ui/world_panel.cpp: the headset's menu panel drawn on lavapipe
// (validation on) and read back, the laser's hover / press / click as ImGui
// reports them, where rays meet the panel, and panels living beside another
// ImGui context. The drawn panels are written to build/test-output/.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <glm/gtc/constants.hpp>
#include <map>
#include <memory>

#include "core/image.h"
#include "image_compare.h"
#include "listing/listing.h"
#include "renderer/gpu_resources.h"
#include "renderer/vk_context.h"
#include "test_main.h"
#include "rooms/rooms.h"
#include "viewer/ui/listing_card.h"
#include "viewer/ui/tour_panel.h"
#include "viewer/ui/world_panel.h"

using namespace oh;
using oh::viewer::WorldPanel;
using oh::viewer::WorldPanelOptions;

namespace {

gfx::GpuContext& gpu() {
    static std::unique_ptr<gfx::GpuContext> context;
    if (!context) {
        auto created = gfx::GpuContext::create(gfx::ContextOptions{.validation = true});
        REQUIRE_MESSAGE(created.has_value(), (created.has_value() ? "" : created.error().message));
        context = std::move(created.value());
        test::runAtTestExit([] { context.reset(); });
    }
    return *context;
}

std::unique_ptr<WorldPanel> makePanel(const WorldPanelOptions& options = {}) {
    auto panel = WorldPanel::create(gpu(), options);
    REQUIRE_MESSAGE(panel.has_value(), (panel.has_value() ? "" : panel.error().message));
    return std::move(panel.value());
}

// Records the open frame (record() must succeed) and waits for it.
void drawFrame(WorldPanel& panel, uint32_t slot = 0) {
    Status recorded = ok();
    REQUIRE(gpu().submitAndWait([&](VkCommandBuffer cmd) { recorded = panel.record(cmd, slot); }).has_value());
    REQUIRE_MESSAGE(recorded.has_value(), (recorded.has_value() ? "" : recorded.error().message));
}

// Records the open frame, then copies the panel image to memory the way a
// screenshot would, returning it to SHADER_READ_ONLY_OPTIMAL afterwards.
RgbaImage drawAndRead(WorldPanel& panel, uint32_t slot = 0) {
    VkExtent2D extent = panel.extent();
    auto buffer = gfx::GpuBuffer::create(gpu(), VkDeviceSize(extent.width) * extent.height * 4,
                                         VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                         VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
    REQUIRE(buffer.has_value());
    Status recorded = ok();
    Status submitted = gpu().submitAndWait([&](VkCommandBuffer cmd) {
        recorded = panel.record(cmd, slot);
        VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
        barrier.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
        barrier.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
        barrier.oldLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
        barrier.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
        barrier.srcQueueFamilyIndex = barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        barrier.image = panel.image();
        barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                             nullptr, 0, nullptr, 1, &barrier);
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.imageExtent = {extent.width, extent.height, 1};
        vkCmdCopyImageToBuffer(cmd, panel.image(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer->get(), 1, &region);
        barrier.srcAccessMask = 0;  // only the layout changes back; the copy only read
        barrier.dstAccessMask = 0;
        barrier.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
        barrier.newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0, 0,
                             nullptr, 0, nullptr, 1, &barrier);
    });
    REQUIRE(submitted.has_value());
    REQUIRE_MESSAGE(recorded.has_value(), (recorded.has_value() ? "" : recorded.error().message));
    RgbaImage image{extent.width, extent.height, {}};
    const auto* bytes = static_cast<const uint8_t*>(buffer->mapped());
    image.pixels.assign(bytes, bytes + buffer->size());
    return image;
}

void savePng(const RgbaImage& image, const std::string& name) {
    std::filesystem::path dir = std::filesystem::path(OH_BINARY_DIR) / "test-output";
    std::filesystem::create_directories(dir);
    CHECK(writePng(dir / name, image).has_value());
}

struct Rect {
    int x0, y0, x1, y1;
    bool contains(glm::vec2 p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
    glm::vec2 center() const { return {0.5f * float(x0 + x1), 0.5f * float(y0 + y1)}; }
};

// A panel of one line of text and one button; returns whether it was clicked
// and where it is (panel pixels).
bool buildButtonPanel(const WorldPanel& panel, const char* text, const char* label, Rect* button = nullptr) {
    panel.fillPanelWindow();
    ImGui::Begin("menu", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::TextUnformatted(text);
    bool clicked = ImGui::Button(label, ImVec2(420.0f, 120.0f));
    if (button) {
        ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        *button = {int(min.x), int(min.y), int(max.x), int(max.y)};
    }
    ImGui::End();
    return clicked;
}

uint32_t rgbAt(const RgbaImage& image, int x, int y) {
    const uint8_t* p = &image.pixels[(size_t(y) * image.width + size_t(x)) * 4];
    return uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2];
}

uint32_t styleRgb(ImGuiCol colour, ImGuiContext* context) {
    // The panel stores ImGui's (sRGB) colours as they are.
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context);
    ImVec4 c = ImGui::GetStyle().Colors[colour];
    ImGui::SetCurrentContext(previous);
    auto byte = [](float v) { return uint32_t(std::lround(v * 255.0f)); };
    return byte(c.x) << 16 | byte(c.y) << 8 | byte(c.z);
}

bool closeRgb(uint32_t a, uint32_t b, int tolerance = 2) {
    for (int shift : {0, 8, 16})
        if (std::abs(int((a >> shift) & 0xff) - int((b >> shift) & 0xff)) > tolerance) return false;
    return true;
}

// The most common colour inside `rect`, the share of bright (text) pixels and
// the brightest luma (letters drawn crisp reach near white).
struct RectColours {
    uint32_t dominant = 0;
    double brightShare = 0.0;
    double maxLuma = 0.0;
};
RectColours coloursIn(const RgbaImage& image, const Rect& rect) {
    std::map<uint32_t, int> counts;
    int bright = 0, total = 0;
    double maxLuma = 0.0;
    for (int y = rect.y0; y < rect.y1; ++y)
        for (int x = rect.x0; x < rect.x1; ++x) {
            uint32_t rgb = rgbAt(image, x, y);
            ++counts[rgb];
            double luma = 0.2126 * (rgb >> 16) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
            bright += luma > 200.0;
            maxLuma = std::max(maxLuma, luma);
            ++total;
        }
    auto most = std::max_element(counts.begin(), counts.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    return {most->first, double(bright) / double(total), maxLuma};
}

// ImGui's current context, for checks that a panel put it back.
ImGuiContext* currentImgui() { return ImGui::GetCurrentContext(); }

}  // namespace

TEST_SUITE("gpu") {

TEST_CASE("a panel with text and a button draws light, legible text on an opaque dark background") {
    auto panel = makePanel();
    ImGuiContext* before = currentImgui();
    Rect button{};
    panel->beginFrame(1.0f / 90.0f, std::nullopt, false);
    ImGuiContext* panelContext = currentImgui();
    buildButtonPanel(*panel, "Living room, 2 cameras, 14 places", "Go to the kitchen", &button);
    RgbaImage image = drawAndRead(*panel);
    CHECK(currentImgui() == before);
    CHECK(panel->drewLastFrame());
    savePng(image, "world-panel.png");

    REQUIRE(button.x1 <= int(image.width));
    REQUIRE(button.y1 <= int(image.height));
    CHECK(button.x1 - button.x0 == 420);
    bool opaque = true;
    for (size_t p = 3; p < image.pixels.size(); p += 4) opaque = opaque && image.pixels[p] == 255;
    CHECK(opaque);
    // Corners: the window background, which fills the panel.
    uint32_t background = styleRgb(ImGuiCol_WindowBg, panelContext);
    CHECK(closeRgb(rgbAt(image, 0, 0), background));
    CHECK(closeRgb(rgbAt(image, int(image.width) - 1, int(image.height) - 1), background));
    // The button: its own colour with light letters on it, a readable share of them.
    RectColours inButton = coloursIn(image, button);
    CHECK(closeRgb(inButton.dominant, styleRgb(ImGuiCol_Button, panelContext)));
    CHECK(inButton.brightShare > 0.005);  // "Go to the kitchen": about 1.5% of the button
    CHECK(inButton.brightShare < 0.3);
    CHECK(inButton.maxLuma > 240.0);
    // The line of text above it: light letters on the background.
    RectColours textLine = coloursIn(image, Rect{0, 0, int(image.width), button.y0});
    CHECK(closeRgb(textLine.dominant, background));
    CHECK(textLine.brightShare > 0.002);
    CHECK(textLine.maxLuma > 240.0);
    // Below the button: nothing but background.
    RectColours below = coloursIn(image, Rect{0, button.y1 + 4, int(image.width), int(image.height)});
    CHECK(below.brightShare == 0.0);
    CHECK(gpu().validationMessageCount() == 0);
}

TEST_CASE("the laser hovers, presses and clicks a button on the frames ImGui reports") {
    auto panel = makePanel();
    Rect button{};
    auto frame = [&](std::optional<glm::vec2> pointer, bool pressed) {
        panel->beginFrame(1.0f / 90.0f, pointer, pressed);
        bool clicked = buildButtonPanel(*panel, "Rooms", "Kitchen", &button);
        drawFrame(*panel);
        return clicked;
    };
    CHECK_FALSE(frame(std::nullopt, false));  // ImGui learns where the button is
    CHECK_FALSE(panel->wantsPointer());
    const glm::vec2 onButton = button.center();
    const glm::vec2 offButton{onButton.x, float(button.y1) + 100.0f};
    REQUIRE(offButton.y < float(panel->extent().height));

    SUBCASE("press and release over it: one click, on the release") {
        panel->beginFrame(1.0f / 90.0f, onButton, false);
        ImGuiContext* panelContext = currentImgui();
        CHECK_FALSE(buildButtonPanel(*panel, "Rooms", "Kitchen"));
        CHECK(panel->wantsPointer());
        RgbaImage hovered = drawAndRead(*panel);
        CHECK(closeRgb(coloursIn(hovered, button).dominant, styleRgb(ImGuiCol_ButtonHovered, panelContext)));

        panel->beginFrame(1.0f / 90.0f, onButton, true);
        CHECK_FALSE(buildButtonPanel(*panel, "Rooms", "Kitchen"));
        RgbaImage held = drawAndRead(*panel, 1);
        CHECK(closeRgb(coloursIn(held, button).dominant, styleRgb(ImGuiCol_ButtonActive, panelContext)));

        CHECK(frame(onButton, false));
        CHECK_FALSE(frame(onButton, false));
        CHECK_FALSE(frame(std::nullopt, false));
    }
    SUBCASE("a press that starts beside it and ends on it is no click") {
        CHECK_FALSE(frame(offButton, false));
        CHECK_FALSE(frame(offButton, true));
        CHECK_FALSE(frame(onButton, true));
        CHECK_FALSE(frame(onButton, false));
        CHECK_FALSE(frame(onButton, false));
    }
    SUBCASE("a press on it that is dragged off before the release is no click") {
        CHECK_FALSE(frame(onButton, false));
        CHECK_FALSE(frame(onButton, true));
        CHECK_FALSE(frame(offButton, true));
        CHECK_FALSE(frame(offButton, false));
    }
    SUBCASE("the laser leaving the panel mid-press is no click either") {
        CHECK_FALSE(frame(onButton, false));
        CHECK_FALSE(frame(onButton, true));
        CHECK_FALSE(frame(std::nullopt, true));
        CHECK_FALSE(frame(std::nullopt, false));
        CHECK_FALSE(panel->wantsPointer());
    }
    CHECK(gpu().validationMessageCount() == 0);
}

TEST_CASE("rays meet the panel at the expected pixels and miss from behind and outside") {
    auto panel = makePanel({.widthPixels = 1024, .heightPixels = 640, .widthMetres = 0.8f});
    const glm::vec2 size = panel->sizeMetres();
    CHECK(size.x == doctest::Approx(0.8));
    CHECK(size.y == doctest::Approx(0.5));
    auto near = [](std::optional<glm::vec2> hit, glm::vec2 expected) {
        return hit && std::abs(hit->x - expected.x) < 0.01f && std::abs(hit->y - expected.y) < 0.01f;
    };

    SUBCASE("facing +Z, straight ahead") {
        const glm::vec3 center{0.0f, 1.5f, -2.0f}, eye{0.0f, 1.5f, 0.0f};
        const glm::mat4 worldFromPanel = WorldPanel::panelTransform(center, 0.0f, 0.0f, size);
        float distance = 0.0f;
        CHECK(near(panel->hitPixels(worldFromPanel, eye, {0, 0, -1}, &distance), {512, 320}));
        CHECK(distance == doctest::Approx(2.0));
        // The distance is in world units whatever the direction's length.
        CHECK(near(panel->hitPixels(worldFromPanel, eye, {0, 0, -4}, &distance), {512, 320}));
        CHECK(distance == doctest::Approx(2.0));
        CHECK(near(panel->hitPixels(worldFromPanel, eye, glm::vec3(-0.4f, 1.75f, -2.0f) - eye), {0, 0}));
        CHECK(near(panel->hitPixels(worldFromPanel, eye, glm::vec3(0.4f, 1.25f, -2.0f) - eye), {1024, 640}));
        CHECK(near(panel->hitPixels(worldFromPanel, eye, glm::vec3(-0.2f, 1.5f, -2.0f) - eye), {256, 320}));
        CHECK(near(panel->hitPixels(worldFromPanel, eye, glm::vec3(0.4f, 1.75f, -2.0f) - eye), {1024, 0}));

        CHECK_FALSE(panel->hitPixels(worldFromPanel, {0, 1.5f, -4}, {0, 0, 1}));       // from behind
        CHECK_FALSE(panel->hitPixels(worldFromPanel, eye, {0, 0, 1}));                 // pointing away
        CHECK_FALSE(panel->hitPixels(worldFromPanel, eye, glm::vec3(0.45f, 1.5f, -2.0f) - eye));  // beside
        CHECK_FALSE(panel->hitPixels(worldFromPanel, eye, glm::vec3(0.0f, 1.8f, -2.0f) - eye));   // above
        CHECK_FALSE(panel->hitPixels(worldFromPanel, {0, 1.5f, -2}, {1, 0, 0}));       // along its plane
    }
    SUBCASE("turned to face +X, its left edge towards +Z") {
        const glm::vec3 center{2.0f, 1.5f, 0.0f}, eye{4.0f, 1.5f, 0.0f};
        const glm::mat4 worldFromPanel = WorldPanel::panelTransform(center, glm::half_pi<float>(), 0.0f, size);
        CHECK(near(panel->hitPixels(worldFromPanel, eye, {-1, 0, 0}), {512, 320}));
        CHECK(near(panel->hitPixels(worldFromPanel, eye, glm::vec3(2.0f, 1.5f, 0.2f) - eye), {256, 320}));
        CHECK_FALSE(panel->hitPixels(worldFromPanel, {0, 1.5f, 0}, {1, 0, 0}));
    }
    SUBCASE("tilted 30 degrees to face up, its top edge leaning away") {
        const glm::vec3 center{0.0f, 1.0f, -1.0f};
        const float pitch = glm::radians(30.0f);
        const glm::mat4 worldFromPanel = WorldPanel::panelTransform(center, 0.0f, pitch, size);
        const glm::vec3 normal{0.0f, std::sin(pitch), std::cos(pitch)};
        float distance = 0.0f;
        CHECK(near(panel->hitPixels(worldFromPanel, center + 2.0f * normal, -normal, &distance), {512, 320}));
        CHECK(distance == doctest::Approx(2.0));
        const glm::vec3 topEdge = center + 0.25f * glm::vec3(0.0f, std::cos(pitch), -std::sin(pitch));
        const glm::vec3 eye{0.0f, 1.0f, 0.0f};
        CHECK(near(panel->hitPixels(worldFromPanel, eye, topEdge - eye), {512, 0}));
    }
}

TEST_CASE("two panels and another ImGui context keep their own state") {
    // Stands in for the desktop mirror's overlay: a context made first and current throughout.
    ImGuiContext* other = ImGui::CreateContext();
    ImGui::SetCurrentContext(other);
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().DisplaySize = ImVec2(300.0f, 200.0f);
    unsigned char* fontPixels = nullptr;
    int fontWidth = 0, fontHeight = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&fontPixels, &fontWidth, &fontHeight);

    auto kitchen = makePanel();
    auto bedroom = makePanel({.widthPixels = 512, .heightPixels = 512, .widthMetres = 0.5f, .framesInFlight = 3});
    CHECK(currentImgui() == other);

    // The panels draw in the middle of the other context's frame, as the
    // headset panel will inside the mirror window's.
    ImGui::NewFrame();
    ImGui::SetNextWindowSize(ImVec2(200.0f, 100.0f));  // shown on its first frame
    ImGui::Begin("mirror");
    kitchen->beginFrame(0.01f, std::nullopt, false);
    buildButtonPanel(*kitchen, "Kitchen panel", "Kitchen");
    RgbaImage kitchenImage = drawAndRead(*kitchen);
    CHECK(currentImgui() == other);
    bedroom->beginFrame(0.01f, std::nullopt, false);
    Rect bedroomButton{};
    buildButtonPanel(*bedroom, "Bedroom panel", "Bedroom", &bedroomButton);
    RgbaImage bedroomImage = drawAndRead(*bedroom, 2);
    CHECK(currentImgui() == other);
    ImGui::TextUnformatted("still the mirror's window");
    ImGui::End();
    ImGui::Render();
    CHECK(ImGui::GetIO().DisplaySize.x == 300.0f);
    CHECK(ImGui::GetDrawData()->CmdListsCount == 1);
    savePng(kitchenImage, "world-panel-kitchen.png");
    savePng(bedroomImage, "world-panel-bedroom.png");
    CHECK(kitchenImage.width == 1024);
    CHECK(bedroomImage.width == 512);
    CHECK(coloursIn(bedroomImage, bedroomButton).brightShare > 0.004);

    SUBCASE("a frame that looks like the last one is not drawn again; a changed one is") {
        bedroom->beginFrame(0.01f, std::nullopt, false);
        buildButtonPanel(*bedroom, "Bedroom panel", "Bedroom");
        RgbaImage same = drawAndRead(*bedroom, 0);
        CHECK_FALSE(bedroom->drewLastFrame());
        CHECK(same.pixels == bedroomImage.pixels);
        bedroom->beginFrame(0.01f, std::nullopt, false);
        buildButtonPanel(*bedroom, "Bedroom panel", "Bathroom");
        RgbaImage changed = drawAndRead(*bedroom, 1);
        CHECK(bedroom->drewLastFrame());
        CHECK(changed.pixels != bedroomImage.pixels);
    }
    SUBCASE("one panel going away leaves the other drawing") {
        kitchen.reset();
        CHECK(currentImgui() == other);
        bedroom->beginFrame(0.01f, glm::vec2(bedroomButton.center()), false);
        buildButtonPanel(*bedroom, "Bedroom panel", "Bedroom");
        RgbaImage hovered = drawAndRead(*bedroom, 1);
        CHECK(hovered.pixels != bedroomImage.pixels);  // the button lights up under the laser
        CHECK(currentImgui() == other);
    }
    SUBCASE("a panel destroyed mid-frame puts the other context back") {
        kitchen->beginFrame(0.01f, std::nullopt, false);
        kitchen.reset();
        CHECK(currentImgui() == other);
    }
    bedroom.reset();
    kitchen.reset();
    ImGui::DestroyContext(other);
    CHECK(currentImgui() == nullptr);
    CHECK(gpu().validationMessageCount() == 0);
}

TEST_CASE("the headset panel shows the listing's rooms beside its card, every line of both in view") {
    auto listing = listing::loadListing(std::string(OH_TESTS_DIR) + "/../scenes/demo-listing/listing.json");
    REQUIRE(listing.has_value());

    // The whole tour panel at the headset's size: rooms on the left, the card
    // on the right, nothing scrolled out of view (no scrollbar at the right edge).
    auto panel = makePanel();
    rooms::TourRooms rooms = rooms::TourRooms::fromListing(listing->spots, nullptr, nav::WalkerParams{});
    scene::Scene scene;
    viewer::TourPanelContent content{"M\xC3\xA4kel\xC3\xA4nkatu 52 A 7, Helsinki", &scene, rooms.rooms(), 1u,
                                     &*listing, {}, "Point and pull the trigger to choose a place."};
    panel->beginFrame(1.0f / 90.0f, std::nullopt, false);
    ImGuiContext* panelContext = currentImgui();
    panel->fillPanelWindow();
    CHECK_FALSE(viewer::drawTourPanel(content, false).place.has_value());
    RgbaImage image = drawAndRead(*panel);
    savePng(image, "headset-tour-panel.png");
    int width = int(image.width), height = int(image.height);
    uint32_t background = styleRgb(ImGuiCol_WindowBg, panelContext);
    RectColours rightEdge = coloursIn(image, Rect{width - 24, 0, width, height});
    CHECK(closeRgb(rightEdge.dominant, background));
    CHECK(rightEdge.brightShare == 0.0);
    CHECK(coloursIn(image, Rect{0, 120, width * 3 / 10, height}).brightShare > 0.005);      // the rooms
    CHECK(coloursIn(image, Rect{width * 3 / 10, 120, width, height}).brightShare > 0.005);  // the card

    // The card's region: its golden (looked at: every row readable, the euro
    // signs drawn, the features wrapped, nothing cut off).
    Rect cardRegion{341, 164, 1011, 604};
    RgbaImage card{uint32_t(cardRegion.x1 - cardRegion.x0), uint32_t(cardRegion.y1 - cardRegion.y0), {}};
    for (int y = cardRegion.y0; y < cardRegion.y1; ++y)
        card.pixels.insert(card.pixels.end(), image.pixels.begin() + (size_t(y) * image.width + cardRegion.x0) * 4,
                           image.pixels.begin() + (size_t(y) * image.width + cardRegion.x1) * 4);
    test::GoldenResult golden = test::checkGolden("headset-listing-card", card);
    CHECK_MESSAGE(golden.passed, golden.message);
    CHECK(gpu().validationMessageCount() == 0);
}

}  // TEST_SUITE
