#include "renderer/camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace oh::gfx {

glm::vec3 Viewpoint::forward() const {
    float cp = std::cos(pitchRadians);
    return {-std::sin(yawRadians) * cp, std::sin(pitchRadians), -std::cos(yawRadians) * cp};
}

glm::mat4 Viewpoint::viewMatrix() const {
    return glm::lookAtRH(eye, eye + forward(), glm::vec3(0.0f, 1.0f, 0.0f));
}

glm::vec3 pixelRay(const Viewpoint& viewpoint, glm::vec2 pixel, glm::vec2 viewport, float verticalFovRadians) {
    float tanY = std::tan(verticalFovRadians * 0.5f);
    float tanX = tanY * (viewport.y > 0.0f ? viewport.x / viewport.y : 1.0f);
    float x = (2.0f * (pixel.x + 0.5f) / viewport.x - 1.0f) * tanX;
    float y = (1.0f - 2.0f * (pixel.y + 0.5f) / viewport.y) * tanY;
    glm::mat3 eyeToWorld = glm::mat3(glm::inverse(viewpoint.viewMatrix()));
    return eyeToWorld * glm::vec3(x, y, -1.0f);
}

glm::mat4 perspective(float verticalFovRadians, float aspect, float zNear, float zFar) {
    float halfY = std::tan(verticalFovRadians * 0.5f);
    float halfX = halfY * aspect;
    return perspectiveFromAngles(-std::atan(halfX), std::atan(halfX), std::atan(halfY), -std::atan(halfY), zNear,
                                 zFar);
}

glm::mat4 perspectiveFromAngles(float angleLeft, float angleRight, float angleUp, float angleDown, float zNear,
                                float zFar) {
    float left = std::tan(angleLeft), right = std::tan(angleRight);
    float up = std::tan(angleUp), down = std::tan(angleDown);
    float width = right - left, height = up - down;
    glm::mat4 m(0.0f);
    // Vulkan clip space: +Y down, so flip the y row.
    m[0][0] = 2.0f / width;
    m[2][0] = (right + left) / width;
    m[1][1] = -2.0f / height;
    m[2][1] = -(up + down) / height;
    m[2][2] = zFar / (zNear - zFar);
    m[3][2] = zFar * zNear / (zNear - zFar);
    m[2][3] = -1.0f;
    return m;
}

glm::mat4 orthographic(float xmag, float ymag, float zNear, float zFar) {
    glm::mat4 m(1.0f);
    m[0][0] = 1.0f / xmag;
    m[1][1] = -1.0f / ymag;
    m[2][2] = 1.0f / (zNear - zFar);
    m[3][2] = zNear / (zNear - zFar);
    return m;
}

Viewpoint frameBounds(const scene::Aabb& bounds, float verticalFovRadians, float aspect, float pitchRadians) {
    Viewpoint viewpoint;
    viewpoint.yawRadians = glm::radians(30.0f);
    viewpoint.pitchRadians = pitchRadians;
    if (bounds.empty()) {
        viewpoint.eye = glm::vec3(0.0f, 0.0f, 3.0f);
        viewpoint.pitchRadians = 0.0f;
        viewpoint.yawRadians = 0.0f;
        return viewpoint;
    }
    // Back away along the view direction until every corner of the box is
    // inside the frustum (with a small margin): tighter than a bounding sphere.
    glm::vec3 forward = viewpoint.forward();
    glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0.0f, 1.0f, 0.0f)));
    glm::vec3 up = glm::cross(right, forward);
    float tanY = std::tan(verticalFovRadians * 0.5f) * 0.95f;
    float tanX = tanY * aspect;
    glm::vec3 center = bounds.center();
    float distance = 0.0f;
    for (int corner = 0; corner < 8; ++corner) {
        glm::vec3 p((corner & 1) ? bounds.max.x : bounds.min.x, (corner & 2) ? bounds.max.y : bounds.min.y,
                    (corner & 4) ? bounds.max.z : bounds.min.z);
        glm::vec3 offset = p - center;
        float towardsCamera = -glm::dot(offset, forward);
        distance = std::max(distance, towardsCamera + std::abs(glm::dot(offset, right)) / tanX);
        distance = std::max(distance, towardsCamera + std::abs(glm::dot(offset, up)) / tanY);
    }
    viewpoint.eye = center - forward * std::max(distance, 1e-3f);
    return viewpoint;
}

glm::vec2 depthRangeFor(const scene::Aabb& bounds, const glm::vec3& eye) {
    if (bounds.empty()) return {0.05f, 100.0f};
    float radius = glm::length(bounds.size()) * 0.5f;
    float distance = glm::length(bounds.center() - eye);
    float zFar = (distance + radius) * 1.05f + 0.01f;
    float zNear = std::max(std::max(distance - radius, 0.0f) * 0.95f, zFar * 1e-4f);
    return {std::max(zNear, 1e-3f), zFar};
}

glm::mat4 cameraViewMatrix(const scene::Camera& camera) {
    glm::mat4 world = camera.world;
    for (int axis = 0; axis < 3; ++axis) {
        float length = glm::length(glm::vec3(world[axis]));
        if (length > 0.0f) world[axis] /= length;
    }
    return glm::inverse(world);
}

glm::mat4 cameraProjection(const scene::Camera& camera, float aspect, const scene::Aabb& bounds) {
    glm::vec3 eye = glm::vec3(camera.world[3]);
    glm::vec2 range = depthRangeFor(bounds, eye);
    float zNear = camera.znear > 0.0f ? camera.znear : range.x;
    float zFar = camera.zfar > zNear ? camera.zfar : std::max(range.y, zNear * 2.0f);
    if (camera.type == scene::Camera::Type::Orthographic)
        return orthographic(camera.ymag * aspect, camera.ymag, zNear, zFar);
    return perspective(camera.yfov, aspect, zNear, zFar);
}

std::pair<glm::mat4, glm::mat4> stereoEyeViews(const glm::mat4& headView, float ipd) {
    // In eye space the right eye sits at +x: moving the world by -x moves the eye by +x.
    glm::mat4 left = glm::translate(glm::mat4(1.0f), glm::vec3(ipd * 0.5f, 0.0f, 0.0f)) * headView;
    glm::mat4 right = glm::translate(glm::mat4(1.0f), glm::vec3(-ipd * 0.5f, 0.0f, 0.0f)) * headView;
    return {left, right};
}

}  // namespace oh::gfx
