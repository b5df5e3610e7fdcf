#version 450
// Comfort effects over the whole view: two triangles exactly covering it (not
// one oversized triangle: Mesa 22.3's lavapipe drops primitives that need
// clipping in views after the first of a multiview pass).
#extension GL_EXT_multiview : require

layout(location = 0) out vec2 outNdc;

void main() {
    const vec2 corners[6] = vec2[](vec2(-1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, -1.0),
                                   vec2(1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, 1.0));
    outNdc = corners[gl_VertexIndex];
    gl_Position = vec4(outNdc, 0.0, 1.0);
}
