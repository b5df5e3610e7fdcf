#version 450
// Screen quads (renderer/screen_quads.h): one instance per quad, its corners
// made from the vertex index, no vertex buffer for the corners.
layout(location = 0) in vec4 inTopCorners;   // top-left.xy, top-right.xy in pixels, top-left origin
layout(location = 1) in vec2 inBottomLeft;   // the fourth corner follows: a parallelogram
layout(location = 2) in vec4 inUvRect;       // uv min.xy, max.xy
layout(location = 3) in vec2 inLayerOpacity;
layout(location = 0) out vec3 outUvLayer;
layout(location = 1) out float outOpacity;

layout(push_constant) uniform Push {
    vec2 pixelToNdc;  // 2 / target size
} push;

void main() {
    // Two triangles over the picture's corners (u, v): (0,0) (1,0) (0,1) / (1,0) (1,1) (0,1).
    const vec2 corners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(0, 1), vec2(1, 0), vec2(1, 1), vec2(0, 1));
    vec2 corner = corners[gl_VertexIndex];
    vec2 topLeft = inTopCorners.xy;
    vec2 pixel = topLeft + corner.x * (inTopCorners.zw - topLeft) + corner.y * (inBottomLeft - topLeft);
    outUvLayer = vec3(mix(inUvRect.xy, inUvRect.zw, corner), inLayerOpacity.x);
    outOpacity = inLayerOpacity.y;
    gl_Position = vec4(pixel * push.pixelToNdc - 1.0, 0.0, 1.0);
}
