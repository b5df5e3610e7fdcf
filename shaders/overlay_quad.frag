#version 450
// The panel's image as stored (an sRGB view decodes to linear, the target re-encodes), times its opacity.
// kDepthOnly: the pass that writes the panel's depth after its colour; only
// where the panel is more opaque than not, so its see-through parts (and a
// panel fading out) do not hide the shapes behind them.
layout(constant_id = 0) const bool kDepthOnly = false;
layout(set = 1, binding = 0) uniform sampler2D panelImage;

layout(location = 0) in vec2 inUv;
layout(location = 1) in float inOpacity;
layout(location = 0) out vec4 outColor;

void main() {
    vec4 color = texture(panelImage, inUv);
    outColor = vec4(color.rgb, color.a * inOpacity);
    if (kDepthOnly && outColor.a < 0.5) discard;
}
