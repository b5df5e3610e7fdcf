#version 450
// Overlay colours go out as given (linear, straight alpha): no lighting, no
// exposure or tone mapping, so the sRGB target shows exactly the colour asked for.
layout(location = 0) in vec4 inColor;
layout(location = 0) out vec4 outColor;

void main() { outColor = inColor; }
