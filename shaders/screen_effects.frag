#version 450
// The vignette (black) and the fade (to its colour) blended over the view
// (renderer/overlay.h ScreenEffects).
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;

void main() {
    // Distance from the optical axis in tangent of the angle, so the tunnel is
    // round in the eye's view whatever the frustum's shape.
    vec4 axis = frame.views[viewIndex()].opticalAxis;
    float offAxis = length((inNdc - axis.xy) / axis.zw);
    float vignette = frame.screenEffects.x;
    float clearRadius = mix(1.0, 0.1, vignette);
    float tunnel = smoothstep(clearRadius, clearRadius + 0.4, offAxis) * smoothstep(0.0, 0.2, vignette);
    float fade = frame.screenEffects.y;
    // The view faded to the colour, then the tunnel's black over that, as one
    // blend: alpha * colour + (1 - alpha) * view.
    float alpha = 1.0 - (1.0 - tunnel) * (1.0 - fade);
    vec3 colour = alpha > 0.0 ? frame.fadeColour.rgb * ((1.0 - tunnel) * fade / alpha) : vec3(0.0);
    outColor = vec4(colour, alpha);
}
