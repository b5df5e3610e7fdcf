#include "tools/scene_generator/textures.h"

#include <algorithm>
#include <cmath>

#include <stb/stb_image_write.h>

namespace oh::scenegen {

namespace {

// [SECTION] Tileable noise. Hash-based, so results never depend on a library's
// random generator or the platform.

uint32_t hash(uint32_t x, uint32_t y, uint32_t seed) {
    uint32_t h = x * 0x8da6b343u ^ y * 0xd8163841u ^ seed * 0xcb1ab31fu;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    h ^= h >> 15;
    return h;
}

float random01(uint32_t x, uint32_t y, uint32_t seed) { return float(hash(x, y, seed) & 0xffffff) / float(0xffffff); }

// Value noise with period (px, py) lattice cells: tiles when the texture
// spans whole periods.
float valueNoise(float x, float y, int px, int py, uint32_t seed) {
    float fx = std::floor(x), fy = std::floor(y);
    int ix = int(fx), iy = int(fy);
    float tx = x - fx, ty = y - fy;
    tx = tx * tx * (3.0f - 2.0f * tx);
    ty = ty * ty * (3.0f - 2.0f * ty);
    auto at = [&](int i, int j) {
        return random01(uint32_t(((i % px) + px) % px), uint32_t(((j % py) + py) % py), seed);
    };
    float a = at(ix, iy), b = at(ix + 1, iy), c = at(ix, iy + 1), d = at(ix + 1, iy + 1);
    return (a + (b - a) * tx) + ((c + (d - c) * tx) - (a + (b - a) * tx)) * ty;
}

// Fractal sum in [0, 1]; (u, v) in [0, 1) over the texture, base period (px, py).
float fbm(float u, float v, int px, int py, int octaves, uint32_t seed) {
    float sum = 0.0f, amplitude = 0.5f, total = 0.0f;
    for (int o = 0; o < octaves; ++o) {
        sum += amplitude * valueNoise(u * float(px), v * float(py), px, py, seed + uint32_t(o));
        total += amplitude;
        amplitude *= 0.5f;
        px *= 2;
        py *= 2;
    }
    return sum / total;
}

// [SECTION] Images

struct Maps {
    explicit Maps(uint32_t size) : size(size), color(size * size, glm::vec3(1.0f)), height(size * size, 0.0f),
                                   roughness(size * size, 1.0f), metal(size * size, 0.0f) {}
    uint32_t size;
    std::vector<glm::vec3> color;  // sRGB 0..1
    std::vector<float> height;     // metres of relief
    std::vector<float> roughness;  // relative, 0..1
    std::vector<float> metal;
};

std::vector<uint8_t> encodePng(uint32_t size, const std::vector<uint8_t>& rgb) {
    std::vector<uint8_t> png;
    stbi_write_png_to_func(
        [](void* context, void* data, int bytes) {
            auto* out = static_cast<std::vector<uint8_t>*>(context);
            out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + bytes);
        },
        &png, int(size), int(size), 3, rgb.data(), int(size * 3));
    return png;
}

uint8_t toByte(float v) { return uint8_t(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); }

// Normals from the height field by central differences (wrapping: tiles).
// `metresPerPixel` turns relief into slopes at the texture's real scale.
std::vector<uint8_t> normalMap(const Maps& maps, float metresPerPixel) {
    uint32_t n = maps.size;
    std::vector<uint8_t> rgb(size_t(n) * n * 3);
    for (uint32_t y = 0; y < n; ++y)
        for (uint32_t x = 0; x < n; ++x) {
            auto h = [&](uint32_t i, uint32_t j) { return maps.height[(j % n) * n + (i % n)]; };
            float dx = (h(x + 1, y) - h(x + n - 1, y)) / (2.0f * metresPerPixel);
            float dy = (h(x, y + 1) - h(x, y + n - 1)) / (2.0f * metresPerPixel);
            // +Y of the map is +v, i.e. down the image, matching the tangents.
            glm::vec3 normal = glm::normalize(glm::vec3(-dx, -dy, 1.0f));
            size_t o = (size_t(y) * n + x) * 3;
            rgb[o] = toByte(normal.x * 0.5f + 0.5f);
            rgb[o + 1] = toByte(normal.y * 0.5f + 0.5f);
            rgb[o + 2] = toByte(normal.z * 0.5f + 0.5f);
        }
    return rgb;
}

// [SECTION] Patterns. (u, v) in [0, 1) across the texture; u is along boards and grain.

// 2 m of floor: 11 boards of 18 cm across, each row cut into 1 m boards with a
// random stagger; grain streaks along the board, per-board tone, V-grooves.
void oak(Maps& m) {
    const int rows = 11;
    const float metres = 2.0f;
    for (uint32_t y = 0; y < m.size; ++y)
        for (uint32_t x = 0; x < m.size; ++x) {
            float u = (float(x) + 0.5f) / float(m.size), v = (float(y) + 0.5f) / float(m.size);
            int row = std::min(int(v * rows), rows - 1);
            float across = v * rows - float(row);  // 0..1 across the board
            float stagger = random01(uint32_t(row), 0, 11);
            float along = u * 2.0f + stagger;       // two 1 m boards per row
            int board = int(std::floor(along)) % 2;
            float alongBoard = along - std::floor(along);
            uint32_t id = uint32_t(row * 2 + board);
            float tone = random01(id, 1, 12) - 0.5f;
            float grain = fbm(u, v, 4, 88, 5, 20 + id % 3);
            float streak = 0.5f + 0.5f * std::sin((v * rows * 23.0f + grain * 9.0f + random01(id, 2, 13) * 6.0f));
            float fine = fbm(u, v, 64, 512, 2, 30);
            glm::vec3 light(0.78f, 0.60f, 0.41f), dark(0.56f, 0.38f, 0.22f);
            float t = std::clamp(0.35f + tone * 0.7f + (streak - 0.5f) * 0.35f + (grain - 0.5f) * 0.5f, 0.0f, 1.0f);
            glm::vec3 c = glm::mix(light, dark, t) * (0.94f + 0.12f * fine);
            // Grooves: 1.5 mm V at the long edges and board ends.
            float edgeAcross = std::min(across, 1.0f - across) * (metres / rows);
            float edgeAlong = std::min(alongBoard, 1.0f - alongBoard) * 1.0f;
            float edge = std::min(edgeAcross, edgeAlong);
            float groove = std::clamp(1.0f - edge / 0.0015f, 0.0f, 1.0f);
            size_t i = size_t(y) * m.size + x;
            m.color[i] = glm::mix(c, c * 0.45f, groove);
            m.height[i] = -0.0008f * groove + 0.00004f * (streak + grain) + 0.00015f * tone;
            m.roughness[i] = std::clamp(0.82f + 0.18f * grain + 0.2f * groove, 0.0f, 1.0f);
        }
}

// 60 cm: 2 x 2 ceramic tiles of 30 cm with 3 mm grout and softened edges.
void tiles(Maps& m) {
    const float metres = 0.6f, tile = 0.3f;
    for (uint32_t y = 0; y < m.size; ++y)
        for (uint32_t x = 0; x < m.size; ++x) {
            float u = (float(x) + 0.5f) / float(m.size), v = (float(y) + 0.5f) / float(m.size);
            float pu = std::fmod(u * metres, tile), pv = std::fmod(v * metres, tile);
            float edge = std::min({pu, tile - pu, pv, tile - pv});  // metres to the tile's edge
            uint32_t id = uint32_t(u * metres / tile) + 7 * uint32_t(v * metres / tile);
            float grout = edge < 0.0015f ? 1.0f : 0.0f;
            float bevel = std::clamp((edge - 0.0015f) / 0.002f, 0.0f, 1.0f);
            float speckle = fbm(u, v, 32, 32, 3, 40);
            size_t i = size_t(y) * m.size + x;
            glm::vec3 glaze = glm::vec3(0.93f) * (0.97f + 0.05f * random01(id, 3, 41)) * (0.98f + 0.04f * speckle);
            m.color[i] = grout > 0.0f ? glm::vec3(0.62f, 0.60f, 0.57f) : glaze;
            m.height[i] = grout > 0.0f ? -0.001f : -0.0006f * (1.0f - std::sqrt(bevel)) + 0.00002f * speckle;
            m.roughness[i] = grout > 0.0f ? 1.0f : 0.35f + 0.1f * speckle;
        }
}

// 2 m of painted plaster: faint mottling and a fine roller stipple.
void plaster(Maps& m) {
    for (uint32_t y = 0; y < m.size; ++y)
        for (uint32_t x = 0; x < m.size; ++x) {
            float u = (float(x) + 0.5f) / float(m.size), v = (float(y) + 0.5f) / float(m.size);
            float mottle = fbm(u, v, 6, 6, 4, 50), stipple = fbm(u, v, 128, 128, 2, 51);
            size_t i = size_t(y) * m.size + x;
            m.color[i] = glm::vec3(0.96f + 0.04f * mottle);
            m.height[i] = 0.00012f * stipple + 0.0002f * mottle;
            m.roughness[i] = 0.92f + 0.08f * stipple;
        }
}

// 25 cm of plain-woven fabric: 1 mm threads going over and under.
void fabric(Maps& m) {
    const float threads = 250.0f;  // per texture
    for (uint32_t y = 0; y < m.size; ++y)
        for (uint32_t x = 0; x < m.size; ++x) {
            float u = (float(x) + 0.5f) / float(m.size), v = (float(y) + 0.5f) / float(m.size);
            float tu = u * threads, tv = v * threads;
            bool warpOnTop = (int(tu) + int(tv)) % 2 == 0;
            float across = warpOnTop ? tu - std::floor(tu) : tv - std::floor(tv);
            float bulge = std::sin(3.14159f * across);
            float slub = fbm(u, v, 16, 256, 2, 60);
            size_t i = size_t(y) * m.size + x;
            m.color[i] = glm::vec3(0.86f + 0.14f * bulge * (0.8f + 0.4f * slub));
            m.height[i] = 0.00025f * bulge;
            m.roughness[i] = 0.95f + 0.05f * slub;
        }
}

// 50 cm of brushed steel: long fine scratches along u.
void brushedMetal(Maps& m) {
    for (uint32_t y = 0; y < m.size; ++y)
        for (uint32_t x = 0; x < m.size; ++x) {
            float u = (float(x) + 0.5f) / float(m.size), v = (float(y) + 0.5f) / float(m.size);
            float streak = fbm(u, v, 2, 512, 3, 70);
            size_t i = size_t(y) * m.size + x;
            m.color[i] = glm::vec3(0.9f + 0.1f * streak);
            m.height[i] = 0.00001f * streak;
            m.roughness[i] = 0.75f + 0.25f * streak;
            m.metal[i] = 1.0f;
        }
}

// 1 m of furniture timber: straight grain with growth-ring streaks.
void wood(Maps& m) {
    for (uint32_t y = 0; y < m.size; ++y)
        for (uint32_t x = 0; x < m.size; ++x) {
            float u = (float(x) + 0.5f) / float(m.size), v = (float(y) + 0.5f) / float(m.size);
            float warp = fbm(u, v, 2, 16, 4, 80);
            float rings = 0.5f + 0.5f * std::sin(v * 420.0f + warp * 5.0f);
            float fine = fbm(u, v, 8, 256, 2, 81);
            glm::vec3 light(0.80f, 0.64f, 0.46f), dark(0.60f, 0.44f, 0.29f);
            size_t i = size_t(y) * m.size + x;
            m.color[i] = glm::mix(light, dark, std::clamp(0.2f + rings * 0.35f + (fine - 0.5f) * 0.5f + (warp - 0.5f) * 0.4f, 0.0f, 1.0f));
            m.height[i] = 0.00004f * rings;
            m.roughness[i] = 0.85f + 0.15f * rings;
        }
}

}  // namespace

float patternMetres(Pattern pattern) {
    switch (pattern) {
        case Pattern::Oak: return 2.0f;
        case Pattern::Tiles: return 0.6f;
        case Pattern::Plaster: return 2.0f;
        case Pattern::Fabric: return 0.25f;
        case Pattern::BrushedMetal: return 0.5f;
        case Pattern::Wood: return 1.0f;
        case Pattern::Plain: return 1.0f;
    }
    return 1.0f;
}

uint32_t textureSize(Pattern pattern) { return pattern == Pattern::Oak ? 1024 : 512; }

TextureSet makeTextureSet(Pattern pattern) {
    Maps maps(textureSize(pattern));
    switch (pattern) {
        case Pattern::Oak: oak(maps); break;
        case Pattern::Tiles: tiles(maps); break;
        case Pattern::Plaster: plaster(maps); break;
        case Pattern::Fabric: fabric(maps); break;
        case Pattern::BrushedMetal: brushedMetal(maps); break;
        case Pattern::Wood: wood(maps); break;
        case Pattern::Plain: break;
    }
    uint32_t n = maps.size;
    std::vector<uint8_t> color(size_t(n) * n * 3), mr(size_t(n) * n * 3);
    for (size_t i = 0; i < size_t(n) * n; ++i) {
        for (int c = 0; c < 3; ++c) color[i * 3 + c] = toByte(maps.color[i][c]);
        mr[i * 3] = 255;
        mr[i * 3 + 1] = toByte(maps.roughness[i]);
        mr[i * 3 + 2] = toByte(maps.metal[i]);
    }
    TextureSet set;
    set.pattern = pattern;
    set.baseColorPng = encodePng(n, color);
    set.normalPng = encodePng(n, normalMap(maps, patternMetres(pattern) / float(n)));
    set.metallicRoughnessPng = encodePng(n, mr);
    return set;
}

}  // namespace oh::scenegen
