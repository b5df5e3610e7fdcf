#include "sim_pose.h"

#include <algorithm>
#include <cmath>

namespace oh::xrsim {

glm::quat yawPitch(float yawDegrees, float pitchDegrees) {
    return glm::angleAxis(glm::radians(yawDegrees), glm::vec3(0, 1, 0)) *
           glm::angleAxis(glm::radians(pitchDegrees), glm::vec3(1, 0, 0));
}

glm::quat yawOnly(const glm::quat& orientation) {
    glm::vec3 forward = orientation * glm::vec3(0, 0, -1);
    float yaw = std::atan2(-forward.x, -forward.z);
    return glm::angleAxis(yaw, glm::vec3(0, 1, 0));
}

bool isUnitQuaternion(const XrQuaternionf& q) {
    float lengthSquared = q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w;
    return std::fabs(lengthSquared - 1.0f) < 1e-3f;
}

Pose samplePoseKeys(const std::vector<PoseKey>& keys, double frame) {
    auto after = std::upper_bound(keys.begin(), keys.end(), frame,
                                  [](double f, const PoseKey& key) { return f < key.frame; });
    if (after == keys.begin()) return {yawPitch(keys.front().yawDegrees, keys.front().pitchDegrees),
                                       keys.front().position};
    const PoseKey& a = *(after - 1);
    if (after == keys.end()) return {yawPitch(a.yawDegrees, a.pitchDegrees), a.position};
    const PoseKey& b = *after;
    float t = static_cast<float>((frame - a.frame) / (b.frame - a.frame));
    return {yawPitch(a.yawDegrees + (b.yawDegrees - a.yawDegrees) * t,
                     a.pitchDegrees + (b.pitchDegrees - a.pitchDegrees) * t),
            a.position + (b.position - a.position) * t};
}

}  // namespace oh::xrsim
