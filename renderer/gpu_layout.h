// CPU mirrors of the shader-side buffer layouts in shaders/common.glsl and
// shaders/pbr.frag. Change both together.
#pragma once

#include <cstddef>

#include <glm/glm.hpp>

#include "scene/scene.h"

namespace oh::gfx {

constexpr uint32_t kMaxViews = 2;

struct ViewGpu {
    glm::mat4 viewProjection;
    glm::mat4 inverseViewProjection;
    glm::vec4 position;
    // Where the view direction lands: xy in NDC; zw: NDC units per unit of
    // tangent off the axis (projection[0][0], projection[1][1]). Screen effects centre on it.
    glm::vec4 opticalAxis;
};

struct FrameGpu {  // std140
    ViewGpu views[kMaxViews];
    glm::vec4 lighting;  // exposure, environment intensity, light count, radiance mip count
    glm::vec4 screenEffects;  // x: vignette, y: fade (renderer/overlay.h ScreenEffects)
    glm::vec4 panorama;       // x, y: cos and sin of the PanoramaBackdrop's heading, z: its opacity
    glm::vec4 fadeColour;     // rgb: ScreenEffects::fadeColour (linear)
};

// The view pipelines' push constants (PassData in shaders/common.glsl): the
// first view's index, then, for scene draws, how the primitive being drawn
// turns its packed vertices (scene::PackedVertex) back into model units.
struct PassPushGpu {
    uint32_t viewBase;
    uint32_t padding[3];
    scene::VertexDequantization dequantization;
};
static_assert(sizeof(PassPushGpu) == 80 && offsetof(PassPushGpu, dequantization) == 16);

struct InstanceGpu {  // std430
    glm::mat4 model;
    glm::mat4 normalMatrix;
};

struct LightGpu {  // std430
    glm::vec4 positionRange;
    glm::vec4 directionType;
    glm::vec4 colorIntensity;
    glm::vec4 cone;
};

enum MaterialFlags : uint32_t {
    kMaterialHasNormalMap = 1u,
    kMaterialNormalMapXY = 2u,  // the normal map holds X and Y only (BC5): the shader rebuilds Z
};

struct MaterialGpu {  // std140
    glm::vec4 baseColorFactor;
    glm::vec4 emissive;
    glm::vec4 metallicRoughness;
    glm::vec4 alpha;
    glm::uvec4 texCoordSets;
    glm::uvec4 texCoordSets2;
    glm::vec4 uvTransform[10];
};
static_assert(sizeof(MaterialGpu) == 256, "one material per 256-byte uniform slot");

}  // namespace oh::gfx
