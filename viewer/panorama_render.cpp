#include "viewer/panorama_render.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <vector>

#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "renderer/camera.h"

namespace oh::viewer {
namespace {

// A cube face in the panorama's own frame (forward -Z, right +X, up +Y): where
// it looks and which way is up in its image. Its right is cross(forward, up),
// as glm::lookAtRH makes it, so the renders and the resampling agree.
struct CubeFace {
    glm::vec3 forward;
    glm::vec3 up;
};

const std::array<CubeFace, kCubeFaceCount> kFaces = {{
    {{0.0f, 0.0f, -1.0f}, {0.0f, 1.0f, 0.0f}},   // front
    {{1.0f, 0.0f, 0.0f}, {0.0f, 1.0f, 0.0f}},    // right
    {{0.0f, 0.0f, 1.0f}, {0.0f, 1.0f, 0.0f}},    // back
    {{-1.0f, 0.0f, 0.0f}, {0.0f, 1.0f, 0.0f}},   // left
    {{0.0f, 1.0f, 0.0f}, {0.0f, 0.0f, 1.0f}},    // up: the front at the image's bottom
    {{0.0f, -1.0f, 0.0f}, {0.0f, 0.0f, -1.0f}},  // down: the front at the image's top
}};

// tan of the face's half field of view. Slightly over 1 (45°): it puts the
// centres of the border pixels exactly on the cube's edges, so sampling never
// has to reach past a face's last pixel.
float faceHalfTangent(uint32_t faceSize) {
    return float(faceSize) / float(faceSize - 1);
}

// Where a direction (panorama frame) lands: which face, and at which pixel
// position of it (pixel centres at integers, top-left origin).
struct FacePoint {
    uint32_t face = 0;
    glm::vec2 pixel{0.0f};
};

FacePoint locate(glm::vec3 direction, uint32_t faceSize) {
    FacePoint point;
    float depth = -1.0f;
    for (uint32_t i = 0; i < kCubeFaceCount; ++i) {
        float along = glm::dot(direction, kFaces[i].forward);
        if (along > depth) {
            depth = along;
            point.face = i;
        }
    }
    const CubeFace& face = kFaces[point.face];
    float tangent = faceHalfTangent(faceSize);
    float u = glm::dot(direction, glm::cross(face.forward, face.up)) / (depth * tangent);
    float v = glm::dot(direction, face.up) / (depth * tangent);
    float size = float(faceSize);
    point.pixel = {(u + 1.0f) * 0.5f * size - 0.5f, (1.0f - v) * 0.5f * size - 0.5f};
    return point;
}

void sampleBilinear(const RgbaImage& image, glm::vec2 pixel, uint8_t* out) {
    float maxX = float(image.width - 1), maxY = float(image.height - 1);
    float x = std::clamp(pixel.x, 0.0f, maxX), y = std::clamp(pixel.y, 0.0f, maxY);
    uint32_t x0 = uint32_t(x), y0 = uint32_t(y);
    uint32_t x1 = std::min(x0 + 1, image.width - 1), y1 = std::min(y0 + 1, image.height - 1);
    float fx = x - float(x0), fy = y - float(y0);
    const uint8_t* p00 = &image.pixels[(size_t(y0) * image.width + x0) * 4];
    const uint8_t* p10 = &image.pixels[(size_t(y0) * image.width + x1) * 4];
    const uint8_t* p01 = &image.pixels[(size_t(y1) * image.width + x0) * 4];
    const uint8_t* p11 = &image.pixels[(size_t(y1) * image.width + x1) * 4];
    for (int c = 0; c < 4; ++c) {
        float top = float(p00[c]) + (float(p10[c]) - float(p00[c])) * fx;
        float bottom = float(p01[c]) + (float(p11[c]) - float(p01[c])) * fx;
        out[c] = uint8_t(top + (bottom - top) * fy + 0.5f);
    }
}

// Sine and cosine of the angle at each pixel centre of `count` pixels that
// span `range` radians centred on 0, increasing with the index when `sign` is
// 1 and decreasing when it is -1 (longitude: columns, latitude: rows).
std::vector<glm::vec2> sinCosTable(uint32_t count, float range, float sign) {
    std::vector<glm::vec2> table(count);
    for (uint32_t i = 0; i < count; ++i) {
        float angle = sign * ((float(i) + 0.5f) / float(count) - 0.5f) * range;
        table[i] = {std::sin(angle), std::cos(angle)};
    }
    return table;
}

}  // namespace

uint32_t cubeFaceSize(uint32_t equirectWidth) {
    uint32_t quarter = (equirectWidth + 3) / 4;
    return std::clamp((quarter + 7) / 8 * 8, 8u, kMaxCubeFaceSize);
}

std::array<gfx::View, kCubeFaceCount> cubeFaceViews(glm::vec3 eye, float yawRadians, glm::vec2 depthRange,
                                                    uint32_t faceSize) {
    // Turning left is counter-clockwise seen from above: a positive rotation about +Y.
    glm::mat3 turn = glm::mat3(glm::rotate(glm::mat4(1.0f), yawRadians, glm::vec3(0.0f, 1.0f, 0.0f)));
    float halfAngle = std::atan(faceHalfTangent(faceSize));
    glm::mat4 projection =
        gfx::perspectiveFromAngles(-halfAngle, halfAngle, halfAngle, -halfAngle, depthRange.x, depthRange.y);
    std::array<gfx::View, kCubeFaceCount> views;
    for (uint32_t i = 0; i < kCubeFaceCount; ++i)
        views[i] = {glm::lookAtRH(eye, eye + turn * kFaces[i].forward, turn * kFaces[i].up), projection};
    return views;
}

RgbaImage cubeToEquirect(std::span<const RgbaImage, kCubeFaceCount> faces, uint32_t width, uint32_t height) {
    uint32_t faceSize = faces[0].width;
    for ([[maybe_unused]] const RgbaImage& face : faces)
        assert(face.width == faceSize && face.height == faceSize && faceSize >= 2);
    // Longitude runs -pi..pi left to right (0 in the middle column), latitude
    // pi/2..-pi/2 top to bottom.
    std::vector<glm::vec2> longitude = sinCosTable(width, 2.0f * glm::pi<float>(), 1.0f);
    std::vector<glm::vec2> latitude = sinCosTable(height, glm::pi<float>(), -1.0f);
    RgbaImage out;
    out.width = width;
    out.height = height;
    out.pixels.resize(size_t(width) * height * 4);
    for (uint32_t y = 0; y < height; ++y) {
        glm::vec2 lat = latitude[y];
        for (uint32_t x = 0; x < width; ++x) {
            glm::vec2 lon = longitude[x];
            // Longitude 0 is forward (-Z); +90° is the right (+X); +90° latitude is up (+Y).
            glm::vec3 direction{lon.x * lat.y, lat.x, -lon.y * lat.y};
            FacePoint point = locate(direction, faceSize);
            sampleBilinear(faces[point.face], point.pixel, &out.pixels[(size_t(y) * width + x) * 4]);
        }
    }
    return out;
}

}  // namespace oh::viewer
