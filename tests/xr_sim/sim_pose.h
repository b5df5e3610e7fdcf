// Rigid poses for the simulated headset: composition, inversion, conversion
// to and from XrPosef, and sampling of scripted keyframes. Pure maths, no
// OpenXR state.
#pragma once

#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "xr_headers.h"

namespace oh::xrsim {

struct Pose {
    glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};
    glm::vec3 position{0.0f};
};

// a * b: b expressed in a's frame, mapped to the frame a is expressed in.
inline Pose compose(const Pose& a, const Pose& b) {
    return {glm::normalize(a.orientation * b.orientation), a.position + a.orientation * b.position};
}
inline Pose inverse(const Pose& p) {
    glm::quat inv = glm::conjugate(p.orientation);
    return {inv, inv * -p.position};
}
inline Pose fromXr(const XrPosef& p) {
    return {glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z),
            {p.position.x, p.position.y, p.position.z}};
}
inline XrPosef toXr(const Pose& p) {
    return {{p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w},
            {p.position.x, p.position.y, p.position.z}};
}
// Yaw about +Y (positive turns left, seen from above), then pitch about the
// turned X axis (positive looks up). Zero looks down -Z.
glm::quat yawPitch(float yawDegrees, float pitchDegrees);
// Only yaw of an orientation kept: gravity-aligned frames (LOCAL).
glm::quat yawOnly(const glm::quat& orientation);
bool isUnitQuaternion(const XrQuaternionf& q);

struct PoseKey {
    double frame = 0.0;
    glm::vec3 position{0.0f};
    float yawDegrees = 0.0f;
    float pitchDegrees = 0.0f;
};
// Linear interpolation by (fractional) frame index, held before the first key
// and after the last one. keys must be sorted by frame and not empty.
Pose samplePoseKeys(const std::vector<PoseKey>& keys, double frame);

}  // namespace oh::xrsim
