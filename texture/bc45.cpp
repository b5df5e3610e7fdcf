// BC4 and BC5 encoders and decoders (bc45.h). The encoder fits each mode by
// least squares on the chosen indices, then walks the endpoints one step at a
// time while the error falls; 16 values and 8 palette entries keep that cheap.
#include "texture/bc45.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

namespace oh::texture {
namespace {

// Index 0 is r0, index 1 is r1; with r0 > r1 indices 2..7 step from r0 to r1
// in sevenths, otherwise indices 2..5 step in fifths and 6, 7 are 0 and 255.
void bc4Palette(int r0, int r1, int palette[8]) {
    palette[0] = r0;
    palette[1] = r1;
    if (r0 > r1) {
        for (int k = 2; k < 8; ++k) palette[k] = ((8 - k) * r0 + (k - 1) * r1 + 3) / 7;
    } else {
        for (int k = 2; k < 6; ++k) palette[k] = ((6 - k) * r0 + (k - 1) * r1 + 2) / 5;
        palette[6] = 0;
        palette[7] = 255;
    }
}

// Where index k sits between r0 (0) and r1 (1); negative for 0 and 255, which
// do not move with the endpoints.
float bc4Position(int k, bool eightSteps) {
    if (k < 2) return float(k);
    if (eightSteps) return float(k - 1) / 7.0f;
    return k < 6 ? float(k - 1) / 5.0f : -1.0f;
}

struct Bc4Fit {
    int error = INT_MAX;
    int r0 = 0;
    int r1 = 0;
    uint8_t index[16] = {};
};

Bc4Fit scoreBc4(const uint8_t values[16], int r0, int r1) {
    Bc4Fit fit;
    fit.r0 = r0;
    fit.r1 = r1;
    fit.error = 0;
    int palette[8];
    bc4Palette(r0, r1, palette);
    for (int i = 0; i < 16; ++i) {
        int bestError = INT_MAX;
        for (int k = 0; k < 8; ++k) {
            const int error = (values[i] - palette[k]) * (values[i] - palette[k]);
            if (error < bestError) {
                bestError = error;
                fit.index[i] = uint8_t(k);
            }
        }
        fit.error += bestError;
    }
    return fit;
}

bool keepsMode(int r0, int r1, bool eightSteps) { return eightSteps ? r0 > r1 : r0 <= r1; }

// Least-squares endpoints for the fit's indices, rounded; false when the
// system is singular (all the moving values on one index).
bool leastSquaresBc4(const uint8_t values[16], const Bc4Fit& fit, bool eightSteps, int& r0, int& r1) {
    float a = 0.0f, b = 0.0f, d = 0.0f, toStart = 0.0f, toEnd = 0.0f;
    for (int i = 0; i < 16; ++i) {
        const float t = bc4Position(fit.index[i], eightSteps);
        if (t < 0.0f) continue;
        const float s = 1.0f - t;
        a += s * s;
        b += s * t;
        d += t * t;
        toStart += s * values[i];
        toEnd += t * values[i];
    }
    const float determinant = a * d - b * b;
    if (std::fabs(determinant) < 1e-6f) return false;
    r0 = std::clamp(int(std::lround((d * toStart - b * toEnd) / determinant)), 0, 255);
    r1 = std::clamp(int(std::lround((a * toEnd - b * toStart) / determinant)), 0, 255);
    return true;
}

// Moves each endpoint by one step while that lowers the error, within the mode.
Bc4Fit climbBc4(const uint8_t values[16], Bc4Fit best, bool eightSteps) {
    for (int round = 0; round < 32 && best.error > 0; ++round) {
        const Bc4Fit start = best;
        for (int d0 = -1; d0 <= 1; ++d0)
            for (int d1 = -1; d1 <= 1; ++d1) {
                const int r0 = start.r0 + d0, r1 = start.r1 + d1;
                if (r0 < 0 || r0 > 255 || r1 < 0 || r1 > 255 || !keepsMode(r0, r1, eightSteps)) continue;
                Bc4Fit candidate = scoreBc4(values, r0, r1);
                if (candidate.error < best.error) best = candidate;
            }
        if (best.error == start.error) break;
    }
    return best;
}

Bc4Fit fitBc4Mode(const uint8_t values[16], int r0, int r1, bool eightSteps) {
    Bc4Fit best = scoreBc4(values, r0, r1);
    int lsStart = 0, lsEnd = 0;
    if (leastSquaresBc4(values, best, eightSteps, lsStart, lsEnd) && keepsMode(lsStart, lsEnd, eightSteps)) {
        Bc4Fit refined = scoreBc4(values, lsStart, lsEnd);
        if (refined.error < best.error) best = refined;
    }
    return climbBc4(values, best, eightSteps);
}

Bc4Fit chooseBc4(const uint8_t values[16]) {
    const auto [low, high] = std::minmax_element(values, values + 16);
    if (*low == *high) return scoreBc4(values, *low, *low);
    // Six steps: the endpoints span the values other than 0 and 255, which the
    // mode has exactly.
    int innerLow = 255, innerHigh = 0;
    for (int i = 0; i < 16; ++i)
        if (values[i] != 0 && values[i] != 255) {
            innerLow = std::min(innerLow, int(values[i]));
            innerHigh = std::max(innerHigh, int(values[i]));
        }
    if (innerLow > innerHigh) innerLow = innerHigh = 0;
    const Bc4Fit eight = fitBc4Mode(values, *high, *low, true);
    if (eight.error == 0) return eight;
    const Bc4Fit six = fitBc4Mode(values, innerLow, innerHigh, false);
    return six.error < eight.error ? six : eight;
}

}  // namespace

void encodeBc4Block(const uint8_t values[16], uint8_t out[kBc4BlockBytes]) {
    const Bc4Fit fit = chooseBc4(values);
    out[0] = uint8_t(fit.r0);
    out[1] = uint8_t(fit.r1);
    uint64_t indices = 0;
    for (int i = 0; i < 16; ++i) indices |= uint64_t(fit.index[i]) << (3 * i);
    for (int byte = 0; byte < 6; ++byte) out[2 + byte] = uint8_t(indices >> (8 * byte));
}

void decodeBc4Block(const uint8_t block[kBc4BlockBytes], uint8_t values[16]) {
    int palette[8];
    bc4Palette(block[0], block[1], palette);
    uint64_t indices = 0;
    for (int byte = 0; byte < 6; ++byte) indices |= uint64_t(block[2 + byte]) << (8 * byte);
    for (int i = 0; i < 16; ++i) values[i] = uint8_t(palette[(indices >> (3 * i)) & 7]);
}

void encodeBc5Block(const uint8_t red[16], const uint8_t green[16], uint8_t out[kBc5BlockBytes]) {
    encodeBc4Block(red, out);
    encodeBc4Block(green, out + kBc4BlockBytes);
}

void decodeBc5Block(const uint8_t block[kBc5BlockBytes], uint8_t red[16], uint8_t green[16]) {
    decodeBc4Block(block, red);
    decodeBc4Block(block + kBc4BlockBytes, green);
}

}  // namespace oh::texture
