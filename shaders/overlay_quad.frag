#version 450
// The panel's image as stored (an sRGB view decodes to linear, the target re-encodes), times its opacity.
layout(set = 1, binding = 0) uniform sampler2D panelImage;

layout(location = 0) in vec2 inUv;
layout(location = 1) in float inOpacity;
layout(location = 0) out vec4 outColor;

void main() {
    vec4 color = texture(panelImage, inUv);
    outColor = vec4(color.rgb, color.a * inOpacity);
}
