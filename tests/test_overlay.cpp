// Overlays (renderer/overlay.h): the teleport arc, its marker and a box drawn
// unlit over the scene and hidden behind walls; a menu panel showing its image
// the right way up; the comfort vignette centred on each eye's optical axis
// and the fade to black, in both ways of drawing two views; and the depth a
// headset compositor gets (XR_KHR_composition_layer_depth).
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include <glm/gtc/matrix_transform.hpp>

#include "image_compare.h"
#include "nav_scene_builder.h"
#include "render_fixture.h"
#include "renderer/offscreen.h"
#include "renderer/overlay.h"

namespace oh::test {
namespace {

constexpr uint32_t kWidth = 320;
constexpr uint32_t kHeight = 240;

// Where world point `p` lands in a kWidth x kHeight image of `view` (top-left origin).
glm::vec2 projectToPixel(const gfx::View& view, const glm::vec3& p) {
    glm::vec4 clip = view.projection * view.view * glm::vec4(p, 1.0f);
    glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return (ndc * 0.5f + 0.5f) * glm::vec2(kWidth, kHeight);
}

glm::ivec3 pixelAt(const RgbaImage& image, glm::vec2 pixel) {
    uint32_t x = uint32_t(pixel.x), y = uint32_t(pixel.y);
    REQUIRE(x < image.width);
    REQUIRE(y < image.height);
    const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
    return {p[0], p[1], p[2]};
}

// The 8-bit sRGB value a linear colour is stored as.
glm::ivec3 srgbBytes(const glm::vec3& linear) {
    glm::ivec3 out;
    for (int c = 0; c < 3; ++c) {
        float v = linear[c] <= 0.0031308f ? 12.92f * linear[c] : 1.055f * std::pow(linear[c], 1.0f / 2.4f) - 0.055f;
        out[c] = int(std::lround(v * 255.0f));
    }
    return out;
}

int maxChannelDifference(glm::ivec3 a, glm::ivec3 b) {
    glm::ivec3 d = glm::abs(a - b);
    return std::max(d.x, std::max(d.y, d.z));
}

RgbaImage sideBySide(const RgbaImage& left, const RgbaImage& right) {
    RgbaImage out{left.width * 2, left.height, std::vector<uint8_t>(size_t(left.width) * 2 * left.height * 4)};
    size_t row = size_t(left.width) * 4;
    for (uint32_t y = 0; y < left.height; ++y) {
        std::memcpy(&out.pixels[y * row * 2], &left.pixels[y * row], row);
        std::memcpy(&out.pixels[y * row * 2 + row], &right.pixels[y * row], row);
    }
    return out;
}

// A sampled sRGB image in SHADER_READ_ONLY_OPTIMAL, as a panel needs it.
struct PanelImage {
    gfx::GpuImage image;
    gfx::UniqueImageView view;
};

PanelImage uploadPanelImage(gfx::GpuContext& context, const RgbaImage& pixels) {
    gfx::ImageDesc desc;
    desc.format = VK_FORMAT_R8G8B8A8_SRGB;
    desc.extent = {pixels.width, pixels.height, 1};
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    auto image = gfx::GpuImage::create(context, desc, "test panel");
    REQUIRE(image.has_value());
    auto staging = gfx::GpuBuffer::create(context, pixels.pixels.size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                          VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
    REQUIRE(staging.has_value());
    std::memcpy(staging->mapped(), pixels.pixels.data(), pixels.pixels.size());
    VkImage handle = image->get();
    auto uploaded = context.submitAndWait([&](VkCommandBuffer cmd) {
        gfx::transitionImage(cmd, handle, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                             VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.imageExtent = desc.extent;
        vkCmdCopyBufferToImage(cmd, staging->get(), handle, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
        gfx::transitionImage(cmd, handle, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                             VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL);
    });
    REQUIRE(uploaded.has_value());
    auto view = gfx::createImageView(context, handle, VK_IMAGE_VIEW_TYPE_2D, desc.format, VK_IMAGE_ASPECT_COLOR_BIT);
    REQUIRE(view.has_value());
    return {std::move(image.value()), std::move(view.value())};
}

// Quadrants: red top-left, green top-right, blue bottom-left, white bottom-right.
const glm::ivec3 kQuadrantColours[4] = {{230, 30, 30}, {30, 200, 30}, {30, 30, 230}, {240, 240, 240}};

RgbaImage quadrantImage(uint32_t size) {
    RgbaImage image{size, size, std::vector<uint8_t>(size_t(size) * size * 4)};
    for (uint32_t y = 0; y < size; ++y)
        for (uint32_t x = 0; x < size; ++x) {
            glm::ivec3 c = kQuadrantColours[(y >= size / 2 ? 2 : 0) + (x >= size / 2 ? 1 : 0)];
            uint8_t* p = &image.pixels[(size_t(y) * size + x) * 4];
            p[0] = uint8_t(c.r), p[1] = uint8_t(c.g), p[2] = uint8_t(c.b), p[3] = 255;
        }
    return image;
}

struct Room {
    scene::Scene scene;
    gfx::View view;
};

// The generated demo apartment's living room, looking at the wall to the bedrooms (z = 3.4).
const Room& livingRoom() {
    static Room room = [] {
        auto imported = gltf::importFile(OH_BINARY_DIR "/scenes/demo-apartment.glb");
        REQUIRE_MESSAGE(imported.has_value(), (imported ? "" : imported.error().message));
        Room r{std::move(imported->scene), {}};
        r.view = viewFrom(r.scene, {4.6f, 1.6f, 6.6f}, 60.0f, -8.0f, float(kWidth) / float(kHeight));
        return r;
    }();
    return room;
}

// Renders the living room with and without `overlays`, no validation messages.
std::pair<RgbaImage, RgbaImage> renderRoom(gfx::HeadlessRenderer& headless, const gfx::FrameOverlays& overlays) {
    const Room& room = livingRoom();
    uint32_t messagesBefore = headless.context().validationMessageCount();
    auto gpuScene = headless.upload(room.scene);
    REQUIRE(gpuScene.has_value());
    auto plain = headless.render(*gpuScene, std::span(&room.view, 1));
    REQUIRE(plain.has_value());
    auto withOverlays = headless.render(*gpuScene, std::span(&room.view, 1), {}, nullptr, overlays);
    REQUIRE_MESSAGE(withOverlays.has_value(), (withOverlays ? "" : withOverlays.error().message));
    CHECK(headless.context().validationMessageCount() == messagesBefore);
    return {std::move(plain->front()), std::move(withOverlays->front())};
}

// Asymmetric eye frusta as a headset reports them: each eye sees further to its own side.
struct StereoRig {
    gfx::View eyes[2];
    scene::Scene scene;
};

const StereoRig& boxRig() {
    static StereoRig rig = [] {
        auto imported = gltf::importFile(assetPath("BoxTextured/glTF/BoxTextured.gltf"));
        REQUIRE(imported.has_value());
        StereoRig r{{}, std::move(imported->scene)};
        glm::vec3 target = r.scene.bounds.center();
        gfx::Viewpoint head{target + glm::vec3(0.0f, 0.0f, 3.0f), 0.0f, 0.0f};
        auto [left, right] = gfx::stereoEyeViews(head.viewMatrix(), 0.064f);
        float inner = glm::radians(40.0f), outer = glm::radians(50.0f), vertical = glm::radians(37.0f);
        r.eyes[0] = {left, gfx::perspectiveFromAngles(-outer, inner, vertical, -vertical, 0.1f, 50.0f)};
        r.eyes[1] = {right, gfx::perspectiveFromAngles(-inner, outer, vertical, -vertical, 0.1f, 50.0f)};
        return r;
    }();
    return rig;
}

std::vector<RgbaImage> renderStereo(gfx::HeadlessRenderer& headless, const gfx::FrameOverlays& overlays) {
    const StereoRig& rig = boxRig();
    uint32_t messagesBefore = headless.context().validationMessageCount();
    auto gpuScene = headless.upload(rig.scene);
    REQUIRE(gpuScene.has_value());
    auto pair = headless.render(*gpuScene, rig.eyes, {}, nullptr, overlays);
    REQUIRE_MESSAGE(pair.has_value(), (pair ? "" : pair.error().message));
    REQUIRE(pair->size() == 2);
    CHECK(headless.context().validationMessageCount() == messagesBefore);
    return std::move(pair.value());
}

gfx::HeadlessRenderer& forcedMultiview() {
    static std::unique_ptr<gfx::HeadlessRenderer> renderer = [] {
        gfx::HeadlessOptions options;
        options.size = {kWidth, kHeight};
        options.viewCount = 2;
        options.validation = true;
        options.viewPasses = gfx::RendererOptions::ViewPasses::Multiview;
        auto created = gfx::HeadlessRenderer::create(options);
        REQUIRE(created.has_value());
        return std::move(created.value());
    }();
    return *renderer;
}

float luminance(const RgbaImage& image, uint32_t x, uint32_t y) {
    const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
    return 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2];
}

}  // namespace

TEST_SUITE("unit") {

TEST_CASE("overlay tubes and boxes face outwards and flat shapes show both sides") {
    gfx::OverlayGeometry geometry;
    const glm::vec3 arc[] = {{0, 1, 0}, {0.5f, 1.4f, -1}, {1, 1.2f, -2}, {1.2f, 0.2f, -3}};
    geometry.addTube(arc, 0.02f, glm::vec4(1.0f));
    // Side walls face away from the path; the end caps face out of its ends.
    const glm::vec3 startOutward = arc[0] - arc[1], endOutward = arc[3] - arc[2];
    for (size_t t = 0; t < geometry.indices.size(); t += 3) {
        glm::vec3 a = geometry.vertices[geometry.indices[t]].position;
        glm::vec3 b = geometry.vertices[geometry.indices[t + 1]].position;
        glm::vec3 c = geometry.vertices[geometry.indices[t + 2]].position;
        glm::vec3 normal = glm::cross(b - a, c - a);
        if (a == arc[0] || b == arc[0] || c == arc[0]) {
            CHECK(glm::dot(normal, startOutward) > 0.0f);
        } else if (a == arc[3] || b == arc[3] || c == arc[3]) {
            CHECK(glm::dot(normal, endOutward) > 0.0f);
        } else {
            glm::vec3 centroid = (a + b + c) / 3.0f, nearest = arc[0];
            for (size_t s = 0; s + 1 < std::size(arc); ++s) {
                glm::vec3 along = arc[s + 1] - arc[s];
                float k = glm::clamp(glm::dot(centroid - arc[s], along) / glm::dot(along, along), 0.0f, 1.0f);
                glm::vec3 onPath = arc[s] + k * along;
                if (glm::distance(onPath, centroid) < glm::distance(nearest, centroid)) nearest = onPath;
            }
            CHECK(glm::dot(normal, centroid - nearest) > 0.0f);
        }
    }

    for (float mirror : {1.0f, -1.0f}) {
        gfx::OverlayGeometry box;
        glm::mat4 transform = glm::scale(glm::translate(glm::mat4(1.0f), {1, 2, 3}), {mirror, 1, 1});
        box.addBox(transform, {0.1f, 0.2f, 0.3f}, glm::vec4(1.0f));
        REQUIRE(box.indices.size() == 36);
        for (size_t t = 0; t < box.indices.size(); t += 3) {
            glm::vec3 a = box.vertices[box.indices[t]].position, b = box.vertices[box.indices[t + 1]].position,
                      c = box.vertices[box.indices[t + 2]].position;
            CHECK(glm::dot(glm::cross(b - a, c - a), (a + b + c) / 3.0f - glm::vec3(1, 2, 3)) > 0.0f);
        }
    }

    gfx::OverlayGeometry flat;
    flat.addDisc({0, 0, 0}, {0, 1, 0}, 0.3f, glm::vec4(1.0f), 0.25f);
    flat.addArrow({0, 0, 0}, {1, 0.5f, 0}, 0.4f, 0.2f, {0, 1, 0}, glm::vec4(1.0f));
    size_t up = 0, down = 0;
    for (size_t t = 0; t < flat.indices.size(); t += 3) {
        glm::vec3 a = flat.vertices[flat.indices[t]].position, b = flat.vertices[flat.indices[t + 1]].position,
                  c = flat.vertices[flat.indices[t + 2]].position;
        float facing = glm::cross(b - a, c - a).y;
        CHECK(std::abs(glm::cross(b - a, c - a).x) + std::abs(glm::cross(b - a, c - a).z) < 1e-5f);
        (facing > 0.0f ? up : down) += 1;
    }
    CHECK(up == down);
    CHECK(up > 0);
}

}  // TEST_SUITE

TEST_SUITE("golden") {

TEST_CASE("the teleport arc, ring and arrow are drawn in their colours and hidden behind the wall") {
    gfx::HeadlessRenderer& headless = headlessRenderer(kWidth, kHeight);
    const gfx::View& view = livingRoom().view;
    const glm::vec3 arcColour(0.1f, 0.5f, 1.0f), hiddenColour(1.0f, 1.0f, 0.0f);
    // A throw from the right hand over the coffee table down onto the rug.
    const glm::vec3 hand(4.18f, 1.25f, 6.13f), landing(1.5f, 0.01f, 5.3f);
    std::vector<glm::vec3> arc;
    for (int i = 0; i <= 24; ++i) {
        float t = float(i) / 24.0f;
        arc.push_back(glm::mix(hand, landing, t) + glm::vec3(0.0f, 1.2f * t * (1.0f - t), 0.0f));
    }
    gfx::OverlayGeometry geometry;
    geometry.addTube(arc, 0.012f, glm::vec4(arcColour, 1.0f));
    geometry.addDisc(landing, {0, 1, 0}, 0.3f, {0.2f, 0.9f, 0.4f, 0.85f}, 0.25f);
    geometry.addArrow(landing, {-1.0f, 0.0f, -0.2f}, 0.5f, 0.25f, {0, 1, 0}, {0.2f, 0.9f, 0.4f, 0.6f});
    geometry.addBox(glm::translate(glm::mat4(1.0f), hand), {0.03f, 0.03f, 0.08f}, {0.15f, 0.15f, 0.15f, 1.0f});
    // A bar through the wall between living room and bedroom (z = 3.4): the
    // part in the bedroom is hidden; the disc entirely in the bedroom is not seen at all.
    geometry.addBox(glm::translate(glm::mat4(1.0f), {1.5f, 0.9f, 3.3f}), {0.08f, 0.08f, 0.7f},
                    {0.9f, 0.1f, 0.6f, 1.0f});
    const glm::vec3 hiddenDisc(1.4f, 1.0f, 2.6f);
    geometry.addDisc(hiddenDisc, {0, 0, 1}, 0.3f, glm::vec4(hiddenColour, 1.0f));

    gfx::FrameOverlays overlays;
    overlays.geometry = &geometry;
    auto [plain, image] = renderRoom(headless, overlays);
    CHECK(maxChannelDifference(pixelAt(image, projectToPixel(view, arc[6])), srgbBytes(arcColour)) <= 3);
    CHECK(maxChannelDifference(pixelAt(image, projectToPixel(view, hiddenDisc)),
                               pixelAt(plain, projectToPixel(view, hiddenDisc))) <= 2);
    // The bar's living-room end shows; its bedroom end does not.
    glm::ivec3 barInRoom = pixelAt(image, projectToPixel(view, {1.5f, 0.9f, 3.85f}));
    CHECK(maxChannelDifference(barInRoom, srgbBytes({0.9f, 0.1f, 0.6f})) <= 3);
    CHECK(maxChannelDifference(pixelAt(image, projectToPixel(view, {1.5f, 0.9f, 2.75f})),
                               pixelAt(plain, projectToPixel(view, {1.5f, 0.9f, 2.75f}))) <= 2);
    GoldenResult result = checkGolden("overlay-teleport", image);
    CHECK_MESSAGE(result.passed, result.message);
}

TEST_CASE("a menu panel shows its image upright with the top-left at the top-left seen from the front") {
    gfx::HeadlessRenderer& headless = headlessRenderer(kWidth, kHeight);
    const gfx::View& view = livingRoom().view;
    PanelImage panel = uploadPanelImage(headless.context(), quadrantImage(64));
    // 1.2 m in front of the eye, 0.8 x 0.6 m, facing the eye; a second one
    // turned away (seen from behind) to the side, which must not show.
    glm::mat4 eyeToWorld = glm::inverse(view.view);
    glm::mat4 facing = eyeToWorld * glm::scale(glm::translate(glm::mat4(1.0f), {0.0f, 0.0f, -1.2f}), {0.4f, 0.3f, 1});
    glm::mat4 turnedAway = eyeToWorld * glm::translate(glm::mat4(1.0f), {0.75f, 0.0f, -1.5f}) *
                           glm::rotate(glm::mat4(1.0f), glm::radians(180.0f), {0, 1, 0}) *
                           glm::scale(glm::mat4(1.0f), {0.2f, 0.2f, 1});
    gfx::OverlayQuad quads[] = {{facing, panel.view.get(), 1.0f}, {turnedAway, panel.view.get(), 1.0f}};
    gfx::FrameOverlays overlays;
    overlays.quads = quads;
    auto [plain, image] = renderRoom(headless, overlays);
    const glm::vec2 quadrantCentres[4] = {{-0.5f, 0.5f}, {0.5f, 0.5f}, {-0.5f, -0.5f}, {0.5f, -0.5f}};
    for (int q = 0; q < 4; ++q) {
        CAPTURE(q);
        glm::vec3 world(facing * glm::vec4(quadrantCentres[q], 0.0f, 1.0f));
        CHECK(maxChannelDifference(pixelAt(image, projectToPixel(view, world)), kQuadrantColours[q]) <= 3);
    }
    glm::vec3 behind(turnedAway * glm::vec4(0.0f, 0.0f, 0.0f, 1.0f));
    CHECK(maxChannelDifference(pixelAt(image, projectToPixel(view, behind)),
                               pixelAt(plain, projectToPixel(view, behind))) <= 2);
    GoldenResult result = checkGolden("overlay-panel", image);
    CHECK_MESSAGE(result.passed, result.message);
}

TEST_CASE("the vignette centres on each eye's optical axis and fade 1 is black, in both ways of drawing two views") {
    gfx::HeadlessRenderer& perView = headlessRenderer(kWidth, kHeight, 2);
    const StereoRig& rig = boxRig();
    std::vector<RgbaImage> plain = renderStereo(perView, {});
    // Empty overlays and zero effects draw nothing at all.
    gfx::OverlayGeometry empty;
    std::vector<RgbaImage> none = renderStereo(perView, {&empty, {}, {0.0f, 0.0f}});
    CHECK(none[0].pixels == plain[0].pixels);
    CHECK(none[1].pixels == plain[1].pixels);

    gfx::FrameOverlays vignette;
    vignette.effects.vignette = 0.5f;
    std::vector<RgbaImage> tunnel = renderStereo(perView, vignette);
    for (int eye = 0; eye < 2; ++eye) {
        CAPTURE(eye);
        const RgbaImage &before = plain[size_t(eye)], &after = tunnel[size_t(eye)];
        // Where the eye looks straight ahead, the view is untouched; its corners are black.
        glm::mat4 eyeToWorld = glm::inverse(rig.eyes[eye].view);
        glm::vec3 ahead(eyeToWorld * glm::vec4(0.0f, 0.0f, -40.0f, 1.0f));
        glm::vec2 axis = projectToPixel(rig.eyes[eye], ahead);
        CHECK(maxChannelDifference(pixelAt(after, axis), pixelAt(before, axis)) <= 1);
        for (glm::vec2 corner : {glm::vec2(1, 1), glm::vec2(kWidth - 2, 1), glm::vec2(1, kHeight - 2),
                                 glm::vec2(kWidth - 2, kHeight - 2)})
            CHECK(pixelAt(after, corner) == glm::ivec3(0));
        // The part left clear (over half its brightness) is centred on the
        // axis, not on the image centre (which is 28 px away in x).
        double sumX = 0.0, sumY = 0.0, count = 0.0;
        for (uint32_t y = 0; y < kHeight; ++y)
            for (uint32_t x = 0; x < kWidth; ++x)
                if (luminance(after, x, y) > 0.5f * luminance(before, x, y) && luminance(before, x, y) > 20.0f) {
                    sumX += x;
                    sumY += y;
                    count += 1.0;
                }
        REQUIRE(count > 1000.0);
        CHECK(std::abs(sumX / count + 0.5 - axis.x) < 3.0);
        CHECK(std::abs(sumY / count + 0.5 - axis.y) < 3.0);
        CHECK(std::abs(axis.x - kWidth * 0.5f) > 20.0f);
    }
    RgbaImage pair = sideBySide(tunnel[0], tunnel[1]);
    GoldenResult result = checkGolden("overlay-vignette-stereo", pair);
    CHECK_MESSAGE(result.passed, result.message);

    // One multiview pass draws shapes, a panel and the vignette like a pass
    // per view (all inside the view: lavapipe's multiview only loses
    // primitives that need clipping).
    CHECK_FALSE(forcedMultiview().renderer().passPerView());
    CHECK(perView.renderer().passPerView() == (perView.context().driverId() == VK_DRIVER_ID_MESA_LLVMPIPE));
    glm::vec3 front = rig.scene.bounds.center() + glm::vec3(0.0f, 0.0f, rig.scene.bounds.size().z * 0.5f + 0.05f);
    gfx::OverlayGeometry ring;
    ring.addDisc(front, {0, 0, 1}, 0.45f, {1.0f, 0.6f, 0.1f, 0.8f}, 0.38f);
    ring.addTube(std::vector<glm::vec3>{front + glm::vec3(-0.6f, -0.3f, 0.2f), front + glm::vec3(0.6f, 0.3f, 0.2f)},
                 0.015f, {0.1f, 0.5f, 1.0f, 1.0f});
    glm::mat4 panelPlace = glm::scale(glm::translate(glm::mat4(1.0f), front + glm::vec3(0.3f, 0.25f, 0.3f)),
                                      {0.15f, 0.15f, 1.0f});
    std::vector<RgbaImage> paths[2];
    gfx::HeadlessRenderer* renderers[2] = {&perView, &forcedMultiview()};
    for (int path = 0; path < 2; ++path) {
        PanelImage panel = uploadPanelImage(renderers[path]->context(), quadrantImage(32));
        gfx::OverlayQuad quad{panelPlace, panel.view.get(), 0.9f};
        paths[path] = renderStereo(*renderers[path], {&ring, std::span(&quad, 1), {0.5f, 0.0f}});
    }
    for (int eye = 0; eye < 2; ++eye) {
        CAPTURE(eye);
        CHECK(compareImages(paths[1][size_t(eye)], paths[0][size_t(eye)]).meanAbsoluteError < 0.5);
        CHECK(compareImages(paths[0][size_t(eye)], tunnel[size_t(eye)]).meanAbsoluteError > 1.0);
    }

    gfx::FrameOverlays fade;
    fade.effects.fade = 1.0f;
    for (gfx::HeadlessRenderer* renderer : {&perView, &forcedMultiview()})
        for (const RgbaImage& eye : renderStereo(*renderer, fade))
            for (size_t p = 0; p < eye.pixels.size(); p += 4)
                REQUIRE(eye.pixels[p] + eye.pixels[p + 1] + eye.pixels[p + 2] == 0);
}

}  // TEST_SUITE

TEST_SUITE("gpu") {

TEST_CASE("the depth handed to a compositor holds each eye's distance to a wall, overlays included") {
    // A 2 m square 3 m ahead of both eyes, inside both views (lavapipe's
    // multiview loses primitives that need clipping); a box overlay 1.5 m
    // ahead on the left eye's axis.
    constexpr float kWall = 3.0f, kBox = 1.5f, kNear = 0.1f, kFar = 20.0f;
    SceneBuilder builder;
    builder.quad("wall", {-1, -1, -kWall}, {1, -1, -kWall}, {1, 1, -kWall}, {-1, 1, -kWall});
    gfx::View eyes[2];
    for (int eye = 0; eye < 2; ++eye) {
        float side = eye == 0 ? -1.0f : 1.0f;
        eyes[eye].view = glm::translate(glm::mat4(1.0f), {-side * 0.032f, 0.0f, 0.0f});
        float outer = glm::radians(50.0f), inner = glm::radians(40.0f), vertical = glm::radians(37.0f);
        eyes[eye].projection = eye == 0 ? gfx::perspectiveFromAngles(-outer, inner, vertical, -vertical, kNear, kFar)
                                        : gfx::perspectiveFromAngles(-inner, outer, vertical, -vertical, kNear, kFar);
    }
    gfx::OverlayGeometry box;
    box.addBox(glm::translate(glm::mat4(1.0f), {-0.032f, 0.0f, -kBox - 0.05f}), {0.05f, 0.05f, 0.05f},
               {1, 1, 1, 1});
    auto expectedDepth = [&](int eye, float distance) {
        glm::vec4 clip = eyes[eye].projection * glm::vec4(0.0f, 0.0f, -distance, 1.0f);
        return clip.z / clip.w;
    };

    struct Variant {
        gfx::RendererOptions::ViewPasses passes;
        uint32_t samples;
    };
    for (Variant variant : {Variant{gfx::RendererOptions::ViewPasses::OnePerView, 4},
                            Variant{gfx::RendererOptions::ViewPasses::Multiview, 4},
                            Variant{gfx::RendererOptions::ViewPasses::OnePerView, 1}}) {
        CAPTURE(int(variant.passes));
        CAPTURE(variant.samples);
        gfx::ContextOptions contextOptions;
        contextOptions.validation = true;
        auto context = gfx::GpuContext::create(contextOptions);
        REQUIRE(context.has_value());
        gfx::GpuContext& gpu = **context;
        auto environment = gfx::Environment::createDefaultSky(gpu);
        REQUIRE(environment.has_value());
        gfx::RendererOptions options;
        options.viewCount = 2;
        options.msaaSamples = variant.samples;
        options.viewPasses = variant.passes;
        options.depthOutput = true;
        options.framesInFlight = 1;
        auto renderer = gfx::Renderer::create(gpu, *environment, options);
        REQUIRE(renderer.has_value());
        REQUIRE((*renderer)->depthFormat() == VK_FORMAT_D32_SFLOAT);  // what lavapipe offers; read back as floats
        auto colour = gfx::OffscreenTarget::create(gpu, {kWidth, kHeight}, 2);
        REQUIRE(colour.has_value());
        auto scene = gfx::GpuScene::upload(gpu, builder.scene(), (*renderer)->materialSetLayout());
        REQUIRE(scene.has_value());

        gfx::ImageDesc depthDesc;
        depthDesc.format = (*renderer)->depthFormat();
        depthDesc.extent = {kWidth, kHeight, 1};
        depthDesc.arrayLayers = 2;
        depthDesc.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                          VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
        auto depth = gfx::GpuImage::create(gpu, depthDesc, "compositor depth");
        REQUIRE(depth.has_value());
        size_t layerFloats = size_t(kWidth) * kHeight;
        auto readback = gfx::GpuBuffer::create(gpu, layerFloats * 2 * sizeof(float), VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                               VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                                   VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
        REQUIRE(readback.has_value());

        gfx::FrameTarget target = (*colour)->frameTarget();
        target.depthImage = depth->get();
        gfx::FrameOverlays overlays;
        overlays.geometry = &box;
        Result<gfx::FrameStats> recorded = makeError("not recorded");
        auto submitted = gpu.submitAndWait([&](VkCommandBuffer cmd) {
            recorded = (*renderer)->record(cmd, *scene, {.slot = 0, .target = target, .views = eyes, .overlays = overlays});
            // The renderer leaves the depth image ready for a compositor; read it back from there.
            gfx::transitionImage(cmd, depth->get(), VK_IMAGE_ASPECT_DEPTH_BIT,
                                 VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL,
                                 VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
            VkBufferImageCopy region{};
            region.imageSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, 2};
            region.imageExtent = depthDesc.extent;
            vkCmdCopyImageToBuffer(cmd, depth->get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback->get(), 1,
                                   &region);
        });
        REQUIRE_MESSAGE(recorded.has_value(), (recorded ? "" : recorded.error().message));
        REQUIRE(submitted.has_value());
        CHECK(gpu.validationMessageCount() == 0);

        const float* depths = static_cast<const float*>(readback->mapped());
        for (int eye = 0; eye < 2; ++eye) {
            CAPTURE(eye);
            const float* layer = depths + size_t(eye) * layerFloats;
            for (glm::vec3 onWall : {glm::vec3(0.8f, 0.7f, -kWall), glm::vec3(-0.8f, -0.7f, -kWall),
                                     glm::vec3(0.5f, -0.8f, -kWall)}) {
                glm::vec2 pixel = projectToPixel(eyes[eye], onWall);
                CHECK(layer[uint32_t(pixel.y) * kWidth + uint32_t(pixel.x)] ==
                      doctest::Approx(expectedDepth(eye, kWall)).epsilon(1e-5));
            }
            CHECK(layer[2 * kWidth + 2] == 1.0f);  // nothing drawn: the far plane
        }
        // The box sits on the left eye's optical axis, nearer than the wall.
        glm::vec2 axis = projectToPixel(eyes[0], {-0.032f, 0.0f, -kBox});
        CHECK(depths[uint32_t(axis.y) * kWidth + uint32_t(axis.x)] ==
              doctest::Approx(expectedDepth(0, kBox)).epsilon(1e-5));
    }
}

}  // TEST_SUITE
}  // namespace oh::test
