#version 450
// Screen quads: a layer of the 2D-array image, faded by the quad's opacity.
layout(set = 0, binding = 0) uniform sampler2DArray layers;
layout(location = 0) in vec3 inUvLayer;
layout(location = 1) in float inOpacity;
layout(location = 0) out vec4 outColor;

void main() {
    vec4 texel = texture(layers, inUvLayer);
    outColor = vec4(texel.rgb, texel.a * inOpacity);
}
