// Mip chains and resizing (mip_chain.h). Texels are converted once to floats
// in the filter's working space (linear light, plain values, or unit vectors),
// resampled there with an area-weighted box, and rounded back per level.
#include "texture/mip_chain.h"

#include <algorithm>
#include <cmath>

namespace oh::texture {
namespace {

struct FloatImage {
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<float> texels;  // 4 floats a texel
};

// sRGB transfer function (IEC 61966-2-1), both ways.
float srgbToLinear(float encoded) {
    return encoded <= 0.04045f ? encoded / 12.92f : std::pow((encoded + 0.055f) / 1.055f, 2.4f);
}

float linearToSrgb(float linear) {
    return linear <= 0.0031308f ? linear * 12.92f : 1.055f * std::pow(linear, 1.0f / 2.4f) - 0.055f;
}

const float* srgbDecodeTable() {
    static const std::vector<float> table = [] {
        std::vector<float> values(256);
        for (int i = 0; i < 256; ++i) values[i] = srgbToLinear(float(i) / 255.0f);
        return values;
    }();
    return table.data();
}

FloatImage toWorkingSpace(const RgbaImage& image, MipFilter filter) {
    FloatImage result{image.width, image.height, std::vector<float>(image.pixels.size())};
    const float* decode = srgbDecodeTable();
    for (size_t i = 0; i < image.pixels.size(); ++i) {
        const uint8_t value = image.pixels[i];
        const bool alpha = i % 4 == 3;
        if (alpha || filter == MipFilter::Linear) result.texels[i] = float(value) / 255.0f;
        else if (filter == MipFilter::Srgb) result.texels[i] = decode[value];
        else result.texels[i] = float(value) / 255.0f * 2.0f - 1.0f;
    }
    return result;
}

uint8_t toByte(float unit) { return uint8_t(std::lround(std::clamp(unit, 0.0f, 1.0f) * 255.0f)); }

RgbaImage fromWorkingSpace(const FloatImage& image, MipFilter filter) {
    RgbaImage result{image.width, image.height, std::vector<uint8_t>(image.texels.size())};
    for (size_t i = 0; i < image.texels.size(); ++i) {
        const float value = image.texels[i];
        const bool alpha = i % 4 == 3;
        if (alpha || filter == MipFilter::Linear) result.pixels[i] = toByte(value);
        else if (filter == MipFilter::Srgb) result.pixels[i] = toByte(linearToSrgb(value));
        else result.pixels[i] = toByte(value * 0.5f + 0.5f);
    }
    return result;
}

// An average of unit vectors is shorter than 1 (and can vanish where normals
// oppose): scale it back to unit length, or point it straight out.
void renormalise(FloatImage& image) {
    for (size_t i = 0; i < image.texels.size(); i += 4) {
        float* n = &image.texels[i];
        const float length = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        if (length < 1e-6f) {
            n[0] = n[1] = 0.0f;
            n[2] = 1.0f;
            continue;
        }
        for (int c = 0; c < 3; ++c) n[c] /= length;
    }
}

// Which source texels one destination texel covers along an axis, and how much
// of each (weights sum to 1): a box as wide as the scale factor.
struct Footprint {
    uint32_t first = 0;
    std::vector<float> weights;
};

std::vector<Footprint> boxFootprints(uint32_t from, uint32_t to) {
    std::vector<Footprint> footprints(to);
    const double scale = double(from) / double(to);
    for (uint32_t i = 0; i < to; ++i) {
        const double low = i * scale, high = (i + 1) * scale;
        const uint32_t first = uint32_t(std::floor(low));
        const uint32_t last = std::min(from, uint32_t(std::ceil(high)));
        footprints[i].first = first;
        for (uint32_t j = first; j < last; ++j) {
            const double overlap = std::min(high, double(j + 1)) - std::max(low, double(j));
            footprints[i].weights.push_back(float(overlap / scale));
        }
    }
    return footprints;
}

// The separable resample, one axis at a time.
FloatImage resampleWidth(const FloatImage& source, uint32_t width) {
    FloatImage result{width, source.height, std::vector<float>(size_t(width) * source.height * 4)};
    const std::vector<Footprint> footprints = boxFootprints(source.width, width);
    for (uint32_t y = 0; y < source.height; ++y)
        for (uint32_t x = 0; x < width; ++x) {
            float* out = &result.texels[(size_t(y) * width + x) * 4];
            const Footprint& footprint = footprints[x];
            for (size_t k = 0; k < footprint.weights.size(); ++k) {
                const float* in = &source.texels[(size_t(y) * source.width + footprint.first + k) * 4];
                for (int c = 0; c < 4; ++c) out[c] += footprint.weights[k] * in[c];
            }
        }
    return result;
}

FloatImage resampleHeight(const FloatImage& source, uint32_t height) {
    FloatImage result{source.width, height, std::vector<float>(size_t(source.width) * height * 4)};
    const std::vector<Footprint> footprints = boxFootprints(source.height, height);
    const size_t rowFloats = size_t(source.width) * 4;
    for (uint32_t y = 0; y < height; ++y) {
        float* out = &result.texels[y * rowFloats];
        const Footprint& footprint = footprints[y];
        for (size_t k = 0; k < footprint.weights.size(); ++k) {
            const float* in = &source.texels[(footprint.first + k) * rowFloats];
            for (size_t i = 0; i < rowFloats; ++i) out[i] += footprint.weights[k] * in[i];
        }
    }
    return result;
}

FloatImage resample(const FloatImage& source, uint32_t width, uint32_t height, MipFilter filter) {
    FloatImage result = source;
    if (width != source.width) result = resampleWidth(result, width);
    if (height != source.height) result = resampleHeight(result, height);
    if (filter == MipFilter::Normal) renormalise(result);
    return result;
}

}  // namespace

uint32_t mipLevelCount(uint32_t width, uint32_t height) {
    uint32_t levels = 1;
    while (width > 1 || height > 1) {
        width = nextMipSize(width);
        height = nextMipSize(height);
        ++levels;
    }
    return levels;
}

std::vector<RgbaImage> buildMipChain(const RgbaImage& base, MipFilter filter) {
    std::vector<RgbaImage> levels{base};
    FloatImage current = toWorkingSpace(base, filter);
    while (current.width > 1 || current.height > 1) {
        current = resample(current, nextMipSize(current.width), nextMipSize(current.height), filter);
        levels.push_back(fromWorkingSpace(current, filter));
    }
    return levels;
}

RgbaImage resizeToBudget(const RgbaImage& image, uint32_t maxDimension, MipFilter filter) {
    const uint32_t longest = std::max(image.width, image.height);
    if (maxDimension == 0 || longest <= maxDimension) return image;
    const double scale = double(maxDimension) / double(longest);
    const uint32_t width = std::clamp(uint32_t(std::lround(image.width * scale)), 1u, maxDimension);
    const uint32_t height = std::clamp(uint32_t(std::lround(image.height * scale)), 1u, maxDimension);
    FloatImage current = toWorkingSpace(image, filter);
    while (current.width / 2 >= width && current.height / 2 >= height)
        current = resample(current, current.width / 2, current.height / 2, filter);
    current = resample(current, width, height, filter);
    return fromWorkingSpace(current, filter);
}

}  // namespace oh::texture
