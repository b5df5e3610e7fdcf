// BC7 encoder and decoder (bc7.h). A block's fields are written and read by
// one layout walker, so the encoder and the decoder cannot disagree on where
// a bit goes. The encoder fits a line per subset (principal axis, then least
// squares on the chosen indices), tries the p-bits, ranks the partitions with
// a cheap estimate and encodes only the best few in full.
#include "texture/bc7.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>
#include <cstring>
#include <iterator>
#include <utility>

namespace oh::texture {
namespace {

// [SECTION] Tables from the specification
// Khronos Data Format Specification 1.3, "BPTC Compressed Texture Image
// Formats": the modes, the partition tables, the anchor texels and weights.

struct ModeInfo {
    uint8_t subsets;
    uint8_t partitionBits;
    uint8_t rotationBits;
    uint8_t indexSelectionBits;
    uint8_t colorBits;
    uint8_t alphaBits;           // 0: alpha decodes to 255
    uint8_t endpointPBits;       // 1: one p-bit per endpoint
    uint8_t sharedPBits;         // 1: one p-bit per subset, shared by its two endpoints
    uint8_t indexBits;
    uint8_t secondaryIndexBits;  // modes 4 and 5: a second index set for the separate channel
};

constexpr ModeInfo kModes[8] = {
    {3, 4, 0, 0, 4, 0, 1, 0, 3, 0}, {2, 6, 0, 0, 6, 0, 0, 1, 3, 0}, {3, 6, 0, 0, 5, 0, 0, 0, 2, 0},
    {2, 6, 0, 0, 7, 0, 1, 0, 2, 0}, {1, 0, 2, 1, 5, 6, 0, 0, 2, 3}, {1, 0, 2, 0, 7, 8, 0, 0, 2, 2},
    {1, 0, 0, 0, 7, 7, 1, 0, 4, 0}, {2, 6, 0, 0, 5, 5, 1, 0, 2, 0},
};

// Two subsets: bit i set when texel i (x + 4y) belongs to subset 1.
constexpr uint16_t kPartitions2[64] = {
    0xCCCC, 0x8888, 0xEEEE, 0xECC8, 0xC880, 0xFEEC, 0xFEC8, 0xEC80, 0xC800, 0xFFEC, 0xFE80, 0xE800, 0xFFE8,
    0xFF00, 0xFFF0, 0xF000, 0xF710, 0x008E, 0x7100, 0x08CE, 0x008C, 0x7310, 0x3100, 0x8CCE, 0x088C, 0x3110,
    0x6666, 0x366C, 0x17E8, 0x0FF0, 0x718E, 0x399C, 0xAAAA, 0xF0F0, 0x5A5A, 0x33CC, 0x3C3C, 0x55AA, 0x9696,
    0xA55A, 0x73CE, 0x13C8, 0x324C, 0x3BDC, 0x6996, 0xC33C, 0x9966, 0x0660, 0x0272, 0x04E4, 0x4E40, 0x2720,
    0xC936, 0x936C, 0x39C6, 0x639C, 0x9336, 0x9CC6, 0x817E, 0xE718, 0xCCF0, 0x0FCC, 0x7744, 0xEE22,
};

// Three subsets: bits 2i and 2i+1 hold the subset of texel i.
constexpr uint32_t kPartitions3[64] = {
    0xAA685050, 0x6A5A5040, 0x5A5A4200, 0x5450A0A8, 0xA5A50000, 0xA0A05050, 0x5555A0A0, 0x5A5A5050,
    0xAA550000, 0xAA555500, 0xAAAA5500, 0x90909090, 0x94949494, 0xA4A4A4A4, 0xA9A59450, 0x2A0A4250,
    0xA5945040, 0x0A425054, 0xA5A5A500, 0x55A0A0A0, 0xA8A85454, 0x6A6A4040, 0xA4A45000, 0x1A1A0500,
    0x0050A4A4, 0xAAA59090, 0x14696914, 0x69691400, 0xA08585A0, 0xAA821414, 0x50A4A450, 0x6A5A0200,
    0xA9A58000, 0x5090A0A8, 0xA8A09050, 0x24242424, 0x00AA5500, 0x24924924, 0x24499224, 0x50A50A50,
    0x500AA550, 0xAAAA4444, 0x66660000, 0xA5A0A5A0, 0x50A050A0, 0x69286928, 0x44AAAA44, 0x66666600,
    0xAA444444, 0x54A854A8, 0x95809580, 0x96969600, 0xA85454A8, 0x80959580, 0xAA141414, 0x96960000,
    0xAAAA1414, 0xA05050A0, 0xA0A5A5A0, 0x96000000, 0x40804080, 0xA9A8A9A8, 0xAAAAAA44, 0x2A4A5254,
};

// The anchor texel of subset 1 (two subsets), and of subsets 1 and 2 (three).
// Subset 0's anchor is always texel 0. An anchor's index is stored one bit
// short: its top bit is implied 0.
constexpr uint8_t kAnchor2[64] = {
    15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 2, 8, 2, 2, 8, 8, 15, 2, 8, 2, 2, 8, 8, 2, 2,
    15, 15, 6, 8, 2, 8, 15, 15, 2, 8, 2, 2, 2, 15, 15, 6, 6, 2, 6, 8, 15, 15, 2, 2, 15, 15, 15, 15, 15, 2, 2, 15,
};
constexpr uint8_t kAnchor3Second[64] = {
    3, 3, 15, 15, 8, 3, 15, 15, 8, 8, 6, 6, 6, 5, 3, 3, 3, 3, 8, 15, 3, 3, 6, 10, 5, 8, 8, 6, 8, 5, 15, 15,
    8, 15, 3, 5, 6, 10, 8, 15, 15, 3, 15, 5, 15, 15, 15, 15, 3, 15, 5, 5, 5, 8, 5, 10, 5, 10, 8, 13, 15, 12, 3, 3,
};
constexpr uint8_t kAnchor3Third[64] = {
    15, 8, 8, 3, 15, 15, 3, 8, 15, 15, 15, 15, 15, 15, 15, 8, 15, 8, 15, 3, 15, 8, 15, 8, 3, 15, 6, 10, 15, 15, 10, 8,
    15, 3, 15, 10, 10, 8, 9, 10, 6, 15, 8, 15, 3, 6, 6, 8, 15, 3, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 3, 15, 15, 8,
};

constexpr uint8_t kWeights2[4] = {0, 21, 43, 64};
constexpr uint8_t kWeights3[8] = {0, 9, 18, 27, 37, 46, 55, 64};
constexpr uint8_t kWeights4[16] = {0, 4, 9, 13, 17, 21, 26, 30, 34, 38, 43, 47, 51, 55, 60, 64};

const uint8_t* weightsFor(int indexBits) {
    return indexBits == 2 ? kWeights2 : indexBits == 3 ? kWeights3 : kWeights4;
}

int subsetOf(int subsets, int partition, int texel) {
    if (subsets == 2) return (kPartitions2[partition] >> texel) & 1;
    if (subsets == 3) return int(kPartitions3[partition] >> (2 * texel)) & 3;
    return 0;
}

// Bit t set when texel t belongs to `subset`.
uint32_t subsetMask(int subsets, int partition, int subset) {
    if (subsets == 2) return subset ? kPartitions2[partition] : 0xFFFFu & ~uint32_t(kPartitions2[partition]);
    uint32_t mask = 0;
    for (int t = 0; t < 16; ++t) mask |= uint32_t(subsetOf(subsets, partition, t) == subset) << t;
    return mask;
}

int anchorOf(int subsets, int partition, int subset) {
    if (subset == 0) return 0;
    if (subsets == 2) return kAnchor2[partition];
    return subset == 1 ? kAnchor3Second[partition] : kAnchor3Third[partition];
}

bool isAnchor(int subsets, int partition, int texel) {
    for (int subset = 0; subset < subsets; ++subset)
        if (anchorOf(subsets, partition, subset) == texel) return true;
    return false;
}

// Endpoints widen to 8 bits by repeating their top bits below them.
int expandBits(int value, int bits) {
    value <<= 8 - bits;
    return value | (value >> bits);
}

// `pbit` < 0: the mode has none; otherwise it becomes the lowest bit.
int expandEndpoint(int value, int bits, int pbit) {
    return pbit < 0 ? expandBits(value, bits) : expandBits((value << 1) | pbit, bits + 1);
}

int interpolate(int e0, int e1, int weight) { return ((64 - weight) * e0 + weight * e1 + 32) >> 6; }

// [SECTION] A block's fields and their bit layout

struct Fields {
    uint8_t mode = 0;
    uint8_t partition = 0;
    uint8_t rotation = 0;
    uint8_t indexSelection = 0;
    uint8_t endpoint[6][4] = {};  // [2 * subset + end][R, G, B, A], quantised, without p-bits
    uint8_t pbit[6] = {};         // per endpoint, or per subset where the mode shares them
    uint8_t index[16] = {};
    uint8_t index2[16] = {};      // modes 4 and 5 only
};

class BitWriter {
public:
    explicit BitWriter(uint8_t* out) : m_out(out) { std::memset(out, 0, kBc7BlockBytes); }
    void field(uint8_t& value, int bits) { put(value, bits); }
    void put(uint32_t value, int bits) {
        for (int i = 0; i < bits; ++i, ++m_pos) m_out[m_pos >> 3] |= uint8_t(((value >> i) & 1u) << (m_pos & 7));
    }

private:
    uint8_t* m_out;
    int m_pos = 0;
};

class BitReader {
public:
    BitReader(const uint8_t* in, int position) : m_in(in), m_pos(position) {}
    void field(uint8_t& value, int bits) {
        value = 0;
        for (int i = 0; i < bits; ++i, ++m_pos) value |= uint8_t(((m_in[m_pos >> 3] >> (m_pos & 7)) & 1) << i);
    }

private:
    const uint8_t* m_in;
    int m_pos;
};

// Everything after the mode bits, in the specification's order: partition,
// rotation, index selection, R then G then B then A of every endpoint,
// p-bits, the primary indices, the secondary indices. `io` either writes or
// reads each field.
template <typename BitIo>
void transferFields(Fields& fields, BitIo& io) {
    const ModeInfo& mode = kModes[fields.mode];
    const int endpoints = 2 * mode.subsets;
    io.field(fields.partition, mode.partitionBits);
    io.field(fields.rotation, mode.rotationBits);
    io.field(fields.indexSelection, mode.indexSelectionBits);
    for (int channel = 0; channel < 4; ++channel)
        for (int end = 0; end < endpoints; ++end)
            io.field(fields.endpoint[end][channel], channel < 3 ? mode.colorBits : mode.alphaBits);
    const int pbits = mode.endpointPBits ? endpoints : mode.sharedPBits ? mode.subsets : 0;
    for (int i = 0; i < pbits; ++i) io.field(fields.pbit[i], 1);
    for (int texel = 0; texel < 16; ++texel)
        io.field(fields.index[texel], mode.indexBits - isAnchor(mode.subsets, fields.partition, texel));
    if (mode.secondaryIndexBits)
        for (int texel = 0; texel < 16; ++texel)
            io.field(fields.index2[texel], mode.secondaryIndexBits - (texel == 0));
}

void packFields(Fields& fields, uint8_t out[kBc7BlockBytes]) {
    BitWriter writer(out);
    writer.put(1u << fields.mode, fields.mode + 1);  // mode m: m zero bits, then a one
    transferFields(fields, writer);
}

// [SECTION] Decoder

int pbitOfEndpoint(const ModeInfo& mode, const Fields& fields, int end) {
    if (mode.endpointPBits) return fields.pbit[end];
    if (mode.sharedPBits) return fields.pbit[end >> 1];
    return -1;
}

void reconstruct(const Fields& fields, uint8_t texels[64]) {
    const ModeInfo& mode = kModes[fields.mode];
    int colors[6][4];
    for (int end = 0; end < 2 * mode.subsets; ++end) {
        const int pbit = pbitOfEndpoint(mode, fields, end);
        for (int channel = 0; channel < 3; ++channel)
            colors[end][channel] = expandEndpoint(fields.endpoint[end][channel], mode.colorBits, pbit);
        colors[end][3] = mode.alphaBits ? expandEndpoint(fields.endpoint[end][3], mode.alphaBits, pbit) : 255;
    }
    for (int texel = 0; texel < 16; ++texel) {
        const int subset = subsetOf(mode.subsets, fields.partition, texel);
        const int* e0 = colors[2 * subset];
        const int* e1 = colors[2 * subset + 1];
        int colorWeight = weightsFor(mode.indexBits)[fields.index[texel]];
        int alphaWeight = colorWeight;
        if (mode.secondaryIndexBits) {
            alphaWeight = weightsFor(mode.secondaryIndexBits)[fields.index2[texel]];
            // Mode 4's index selection bit: set, colour takes the 3-bit set and alpha the 2-bit one.
            if (fields.indexSelection) std::swap(colorWeight, alphaWeight);
        }
        uint8_t* out = texels + 4 * texel;
        for (int channel = 0; channel < 3; ++channel) out[channel] = uint8_t(interpolate(e0[channel], e1[channel], colorWeight));
        out[3] = uint8_t(interpolate(e0[3], e1[3], alphaWeight));
        // Rotation 1, 2, 3: alpha was stored in place of R, G or B.
        if (fields.rotation) std::swap(out[3], out[fields.rotation - 1]);
    }
}

// [SECTION] Endpoint fitting
// One subset's texels are fitted with a line: the principal axis through
// their mean gives the first endpoints, each candidate is quantised (with the
// p-bits chosen) and scored exactly as the decoder will rebuild it, and least
// squares on the chosen indices moves the endpoints while that helps.

struct Texels {
    uint8_t v[16][4];
};

struct Subset {
    uint8_t texel[16];
    int count = 0;
};

enum class PBits : uint8_t { None, PerEndpoint, Shared };

struct FitSpec {
    int firstChannel = 0;  // 0: colour (and alpha); 3: the separate channel of modes 4 and 5
    int channels = 3;
    int bits = 7;          // endpoint bits, without the p-bit
    PBits pbits = PBits::None;
    bool pbitOneOnly = false;  // opaque blocks in modes 6 and 7: alpha must decode to 255
    int indexBits = 2;
    int refineIterations = 2;
    bool searchPBits = true;  // false: p-bits chosen by endpoint rounding alone (faster)
};

struct LineFit {
    int error = INT_MAX;
    uint8_t endpoint[2][4] = {};  // quantised, channels counted from FitSpec::firstChannel
    uint8_t pbit[2] = {};
    uint8_t index[16] = {};       // per member of the subset, in member order
};

// For a weight 0..64 (the texel's position along the line), the index whose
// weight is nearest: the start of the search in assignIndices.
struct NearestIndexTable {
    uint8_t at[3][65] = {};
};

constexpr NearestIndexTable makeNearestIndexTable() {
    constexpr auto distance = [](int a, int b) { return a > b ? a - b : b - a; };
    NearestIndexTable table;
    const uint8_t* weightSets[3] = {kWeights2, kWeights3, kWeights4};
    for (int bits = 2; bits <= 4; ++bits) {
        const uint8_t* weights = weightSets[bits - 2];
        for (int position = 0; position <= 64; ++position) {
            int best = 0;
            for (int k = 1; k < (1 << bits); ++k)
                if (distance(weights[k], position) < distance(weights[best], position)) best = k;
            table.at[bits - 2][position] = uint8_t(best);
        }
    }
    return table;
}

constexpr NearestIndexTable kNearestIndex = makeNearestIndexTable();

int fitPbit(const FitSpec& spec, const LineFit& fit, int end) {
    return spec.pbits == PBits::None ? -1 : fit.pbit[end];
}

// For every 8-bit value, the code with `bits` bits (4..8) and a given p-bit
// (or none) whose widened value is nearest. Bit replication is not quite
// linear, so the table is built by search rather than by scaling.
struct QuantizeTable {
    uint8_t code[5][3][256];  // [bits - 4][pbit + 1][value]
};

const QuantizeTable& quantizeTable() {
    static const QuantizeTable table = [] {
        QuantizeTable result{};
        for (int bits = 4; bits <= 8; ++bits)
            for (int pbit = -1; pbit <= (bits < 8 ? 1 : -1); ++pbit)  // no mode has 8 bits and a p-bit
                for (int value = 0; value < 256; ++value) {
                    int bestDistance = INT_MAX;
                    for (int code = 0; code < (1 << bits); ++code) {
                        const int distance = std::abs(expandEndpoint(code, bits, pbit) - value);
                        if (distance < bestDistance) {
                            bestDistance = distance;
                            result.code[bits - 4][pbit + 1][value] = uint8_t(code);
                        }
                    }
                }
        return result;
    }();
    return table;
}

int quantizeChannel(float value, int bits, int pbit) {
    return quantizeTable().code[bits - 4][pbit + 1][std::clamp(int(value + 0.5f), 0, 255)];
}

// Chooses each member's index for the fit's quantised endpoints and sums the
// squared error, exactly as the decoder will rebuild the texels.
template <int Channels>
void assignIndices(const Texels& texels, const Subset& subset, const FitSpec& spec, LineFit& fit) {
    int ends[2][4] = {};
    float direction[4] = {};
    float length2 = 0.0f;
    for (int c = 0; c < Channels; ++c) {
        for (int end = 0; end < 2; ++end) ends[end][c] = expandEndpoint(fit.endpoint[end][c], spec.bits, fitPbit(spec, fit, end));
        direction[c] = float(ends[1][c] - ends[0][c]);
        length2 += direction[c] * direction[c];
    }
    const uint8_t* weights = weightsFor(spec.indexBits);
    const int levels = 1 << spec.indexBits;
    int palette[16][4] = {};
    for (int k = 0; k < levels; ++k)
        for (int c = 0; c < Channels; ++c) palette[k][c] = interpolate(ends[0][c], ends[1][c], weights[k]);
    const float scale = length2 > 0.0f ? 64.0f / length2 : 0.0f;
    const uint8_t* nearest = kNearestIndex.at[spec.indexBits - 2];
    int total = 0;
    for (int i = 0; i < subset.count; ++i) {
        const uint8_t* texel = texels.v[subset.texel[i]] + spec.firstChannel;
        float along = 0.0f;
        for (int c = 0; c < Channels; ++c) along += float(texel[c] - ends[0][c]) * direction[c];
        const int guess = nearest[std::clamp(int(along * scale + 0.5f), 0, 64)];
        int bestError = INT_MAX;
        for (int k = std::max(0, guess - 1); k <= std::min(levels - 1, guess + 1); ++k) {
            int error = 0;
            for (int c = 0; c < Channels; ++c) error += (texel[c] - palette[k][c]) * (texel[c] - palette[k][c]);
            if (error < bestError) {
                bestError = error;
                fit.index[i] = uint8_t(k);
            }
        }
        total += bestError;
    }
    fit.error = total;
}

// Squared distance between float endpoints and their quantised values.
template <int Channels>
float roundingError(const FitSpec& spec, const LineFit& fit, const float ends[2][4]) {
    float error = 0.0f;
    for (int end = 0; end < 2; ++end)
        for (int c = 0; c < Channels; ++c) {
            const float d = float(expandEndpoint(fit.endpoint[end][c], spec.bits, fitPbit(spec, fit, end))) - ends[end][c];
            error += d * d;
        }
    return error;
}

// Quantises float endpoints with the p-bit choices the mode allows and keeps
// the one that decodes closest: every choice scored on the texels when
// spec.searchPBits, otherwise only the choice that rounds the endpoints best.
template <int Channels>
LineFit quantizeAndScore(const Texels& texels, const Subset& subset, const FitSpec& spec, const float ends[2][4]) {
    static constexpr uint8_t kNoChoice[1][2] = {{0, 0}};
    static constexpr uint8_t kShared[2][2] = {{0, 0}, {1, 1}};
    static constexpr uint8_t kPerEndpoint[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static constexpr uint8_t kOnlyOne[1][2] = {{1, 1}};
    const uint8_t(*choices)[2] = kNoChoice;
    int choiceCount = 1;
    if (spec.pbitOneOnly) choices = kOnlyOne;
    else if (spec.pbits == PBits::Shared) choices = kShared, choiceCount = 2;
    else if (spec.pbits == PBits::PerEndpoint) choices = kPerEndpoint, choiceCount = 4;

    LineFit best, nearest;
    float nearestRounding = 1e30f;
    for (int choice = 0; choice < choiceCount; ++choice) {
        LineFit candidate;
        for (int end = 0; end < 2; ++end) {
            candidate.pbit[end] = choices[choice][end];
            const int pbit = fitPbit(spec, candidate, end);
            for (int c = 0; c < Channels; ++c) candidate.endpoint[end][c] = uint8_t(quantizeChannel(ends[end][c], spec.bits, pbit));
        }
        if (!spec.searchPBits) {
            const float rounding = roundingError<Channels>(spec, candidate, ends);
            if (rounding < nearestRounding) nearestRounding = rounding, nearest = candidate;
            continue;
        }
        assignIndices<Channels>(texels, subset, spec, candidate);
        if (candidate.error < best.error) best = candidate;
    }
    if (spec.searchPBits) return best;
    assignIndices<Channels>(texels, subset, spec, nearest);
    return nearest;
}

// First endpoints: the extent of the members along their principal axis
// (power iteration on the covariance), through their mean.
template <int Channels>
void principalEndpoints(const Texels& texels, const Subset& subset, const FitSpec& spec, float ends[2][4]) {
    float mean[4] = {};
    for (int i = 0; i < subset.count; ++i)
        for (int c = 0; c < Channels; ++c) mean[c] += texels.v[subset.texel[i]][spec.firstChannel + c];
    for (int c = 0; c < Channels; ++c) mean[c] /= float(subset.count);
    float covariance[4][4] = {};
    for (int i = 0; i < subset.count; ++i) {
        float d[4];
        for (int c = 0; c < Channels; ++c) d[c] = texels.v[subset.texel[i]][spec.firstChannel + c] - mean[c];
        for (int r = 0; r < Channels; ++r)
            for (int c = 0; c < Channels; ++c) covariance[r][c] += d[r] * d[c];
    }
    // Start from the widest channel's row: never orthogonal to the principal axis.
    int widest = 0;
    for (int c = 1; c < Channels; ++c)
        if (covariance[c][c] > covariance[widest][widest]) widest = c;
    float axis[4] = {};
    for (int c = 0; c < Channels; ++c) axis[c] = covariance[widest][c];
    for (int iteration = 0; iteration < 6; ++iteration) {
        float next[4] = {};
        float length2 = 0.0f;
        for (int r = 0; r < Channels; ++r) {
            for (int c = 0; c < Channels; ++c) next[r] += covariance[r][c] * axis[c];
            length2 += next[r] * next[r];
        }
        if (length2 < 1e-12f) break;  // all members alike: the extent below is then zero
        const float inverse = 1.0f / std::sqrt(length2);
        for (int c = 0; c < Channels; ++c) axis[c] = next[c] * inverse;
    }
    float low = 1e9f, high = -1e9f;
    for (int i = 0; i < subset.count; ++i) {
        float along = 0.0f;
        for (int c = 0; c < Channels; ++c) along += (texels.v[subset.texel[i]][spec.firstChannel + c] - mean[c]) * axis[c];
        low = std::min(low, along);
        high = std::max(high, along);
    }
    for (int c = 0; c < Channels; ++c) {
        ends[0][c] = std::clamp(mean[c] + axis[c] * low, 0.0f, 255.0f);
        ends[1][c] = std::clamp(mean[c] + axis[c] * high, 0.0f, 255.0f);
    }
}

// Endpoints minimising the squared error for the indices already chosen
// (a 2x2 linear system shared by all channels). False when every member has
// the same weight, which leaves the system singular.
template <int Channels>
bool leastSquaresEndpoints(const Texels& texels, const Subset& subset, const FitSpec& spec, const LineFit& fit,
                           float ends[2][4]) {
    const uint8_t* weights = weightsFor(spec.indexBits);
    float a = 0.0f, b = 0.0f, d = 0.0f;
    float toStart[4] = {}, toEnd[4] = {};
    for (int i = 0; i < subset.count; ++i) {
        const float t = float(weights[fit.index[i]]) / 64.0f;
        const float s = 1.0f - t;
        a += s * s;
        b += s * t;
        d += t * t;
        for (int c = 0; c < Channels; ++c) {
            const float value = texels.v[subset.texel[i]][spec.firstChannel + c];
            toStart[c] += s * value;
            toEnd[c] += t * value;
        }
    }
    const float determinant = a * d - b * b;
    if (std::fabs(determinant) < 1e-6f) return false;
    for (int c = 0; c < Channels; ++c) {
        ends[0][c] = std::clamp((d * toStart[c] - b * toEnd[c]) / determinant, 0.0f, 255.0f);
        ends[1][c] = std::clamp((a * toEnd[c] - b * toStart[c]) / determinant, 0.0f, 255.0f);
    }
    return true;
}

template <int Channels>
LineFit fitLineWith(const Texels& texels, const Subset& subset, const FitSpec& spec) {
    float ends[2][4] = {};
    principalEndpoints<Channels>(texels, subset, spec, ends);
    LineFit best = quantizeAndScore<Channels>(texels, subset, spec, ends);
    for (int iteration = 0; iteration < spec.refineIterations && best.error > 0; ++iteration) {
        if (!leastSquaresEndpoints<Channels>(texels, subset, spec, best, ends)) break;
        LineFit refined = quantizeAndScore<Channels>(texels, subset, spec, ends);
        if (refined.error >= best.error) break;
        best = refined;
    }
    return best;
}

LineFit fitLine(const Texels& texels, const Subset& subset, const FitSpec& spec) {
    if (spec.channels == 1) return fitLineWith<1>(texels, subset, spec);
    if (spec.channels == 3) return fitLineWith<3>(texels, subset, spec);
    return fitLineWith<4>(texels, subset, spec);
}

// The anchor texel's index must have its top bit clear; if not, swapping the
// endpoints and mirroring the indices decodes to the same texels (the weights
// are symmetric: w[k] + w[max - k] = 64).
void orientForAnchor(LineFit& fit, int count, int anchorMember, int indexBits) {
    const int top = (1 << indexBits) - 1;
    if (fit.index[anchorMember] <= top / 2) return;
    std::swap(fit.endpoint[0], fit.endpoint[1]);
    std::swap(fit.pbit[0], fit.pbit[1]);
    for (int i = 0; i < count; ++i) fit.index[i] = uint8_t(top - fit.index[i]);
}

// [SECTION] Partition estimates
// Ranking 64 partitions by full encoding would cost 64 fits per mode. The
// estimate is the members' squared distance from their best-fit line
// (trace of the scatter matrix minus its largest eigenvalue), which ignores
// quantisation but orders partitions well.

// Sums over texels for the first Channels channels: the count, the values,
// and the upper triangle of value * value^T, in one flat array so that adding
// two is a loop the compiler vectorises.
template <int Channels>
struct Moments {
    static constexpr int kProducts = Channels * (Channels + 1) / 2;
    static constexpr int kSize = (1 + Channels + kProducts + 3) / 4 * 4;  // whole SIMD registers
    float v[kSize] = {};

    float count() const { return v[0]; }
    float sum(int c) const { return v[1 + c]; }
    float product(int k) const { return v[1 + Channels + k]; }

    static Moments of(const uint8_t* texel) {
        Moments moments;
        moments.v[0] = 1.0f;
        int k = 1 + Channels;
        for (int r = 0; r < Channels; ++r) {
            moments.v[1 + r] = texel[r];
            for (int c = r; c < Channels; ++c) moments.v[k++] = float(texel[r]) * texel[c];
        }
        return moments;
    }
    void add(const Moments& other) {
        for (int k = 0; k < kSize; ++k) v[k] += other.v[k];
    }
    void subtract(const Moments& other) {
        for (int k = 0; k < kSize; ++k) v[k] -= other.v[k];
    }
};

template <int Channels>
float lineResidual(const Moments<Channels>& moments) {
    if (moments.count() < 2.0f) return 0.0f;
    float scatter[Channels][Channels];
    int k = 0;
    for (int r = 0; r < Channels; ++r)
        for (int c = r; c < Channels; ++c, ++k)
            scatter[r][c] = scatter[c][r] = moments.product(k) - moments.sum(r) * moments.sum(c) / moments.count();
    float trace = 0.0f;
    int widest = 0;
    for (int c = 0; c < Channels; ++c) {
        trace += scatter[c][c];
        if (scatter[c][c] > scatter[widest][widest]) widest = c;
    }
    // One power-iteration step from the widest channel's row, read as a
    // Rayleigh quotient: close enough to the largest eigenvalue for ranking.
    float axis[Channels], next[Channels] = {};
    float axisLength2 = 0.0f, along = 0.0f;
    for (int c = 0; c < Channels; ++c) {
        axis[c] = scatter[widest][c];
        axisLength2 += axis[c] * axis[c];
    }
    if (axisLength2 < 1e-9f) return 0.0f;
    for (int r = 0; r < Channels; ++r) {
        for (int c = 0; c < Channels; ++c) next[r] += scatter[r][c] * axis[c];
        along += next[r] * axis[r];
    }
    const float eigenvalue = along / axisLength2;
    return std::max(0.0f, trace - eigenvalue);
}

// The `keep` best of the first `count` partitions (mode 0 has only 16), best
// estimate first, ties to the lower number.
struct PartitionRanking {
    int count = 0;
    int partition[64] = {};
};

template <int Channels>
PartitionRanking rankPartitions(const Texels& texels, int subsets, int count, int keep) {
    Moments<Channels> perTexel[16], whole;
    for (int t = 0; t < 16; ++t) {
        perTexel[t] = Moments<Channels>::of(texels.v[t]);
        whole.add(perTexel[t]);
    }
    std::pair<float, int> scored[64];
    for (int partition = 0; partition < count; ++partition) {
        Moments<Channels> parts[3];
        for (int s = 1; s < subsets; ++s)
            for (uint32_t members = subsetMask(subsets, partition, s); members; members &= members - 1)
                parts[s].add(perTexel[std::countr_zero(members)]);
        parts[0] = whole;
        for (int s = 1; s < subsets; ++s) parts[0].subtract(parts[s]);
        float estimate = 0.0f;
        for (int s = 0; s < subsets; ++s) estimate += lineResidual(parts[s]);
        scored[partition] = {estimate, partition};
    }
    keep = std::min(keep, count);
    std::partial_sort(scored, scored + keep, scored + count);
    PartitionRanking ranking;
    ranking.count = keep;
    for (int i = 0; i < keep; ++i) ranking.partition[i] = scored[i].second;
    return ranking;
}

// [SECTION] Per-mode encoders

// How much each level tries (bc7.h, Bc7Level).
struct SearchPlan {
    int mode1Partitions;
    int mode3Partitions;
    int mode7Partitions;
    int mode0Partitions;
    int mode2Partitions;
    bool rotations;  // modes 4 and 5 with a colour channel in alpha's place
    int refineIterations;
    bool searchPBits;
};

SearchPlan planFor(Bc7Level level) {
    switch (level) {
        case Bc7Level::Fast: return {1, 0, 1, 0, 0, false, 1, false};
        case Bc7Level::Normal: break;
        case Bc7Level::Best: return {8, 6, 8, 3, 4, true, 4, true};
    }
    // Measured on the shared textures: more partitions or refinement buy
    // under 0.15 dB here at half the speed; Best is there for that.
    return {2, 1, 2, 0, 0, false, 1, false};
}


struct Candidate {
    int error = INT_MAX;
    Fields fields;
};

Subset wholeBlock() {
    Subset subset;
    for (int t = 0; t < 16; ++t) subset.texel[t] = uint8_t(t);
    subset.count = 16;
    return subset;
}

// Modes 0, 1, 2, 3, 6 and 7: colour (and alpha) share one index per texel.
Candidate encodeSharedIndexMode(const Texels& texels, int modeNumber, int partition, bool opaque, const SearchPlan& plan) {
    const ModeInfo& mode = kModes[modeNumber];
    FitSpec spec;
    spec.channels = mode.alphaBits ? 4 : 3;
    spec.bits = mode.colorBits;
    spec.pbits = mode.endpointPBits ? PBits::PerEndpoint : mode.sharedPBits ? PBits::Shared : PBits::None;
    spec.pbitOneOnly = opaque && mode.alphaBits;
    spec.indexBits = mode.indexBits;
    spec.refineIterations = plan.refineIterations;
    spec.searchPBits = plan.searchPBits;

    Subset subsets[3];
    for (int t = 0; t < 16; ++t) {
        Subset& subset = subsets[subsetOf(mode.subsets, partition, t)];
        subset.texel[subset.count++] = uint8_t(t);
    }
    Candidate candidate;
    candidate.error = 0;
    candidate.fields.mode = uint8_t(modeNumber);
    candidate.fields.partition = uint8_t(partition);
    for (int s = 0; s < mode.subsets; ++s) {
        LineFit fit = fitLine(texels, subsets[s], spec);
        const int anchor = anchorOf(mode.subsets, partition, s);
        const int anchorMember = int(std::find(subsets[s].texel, subsets[s].texel + subsets[s].count, anchor) - subsets[s].texel);
        orientForAnchor(fit, subsets[s].count, anchorMember, spec.indexBits);
        candidate.error += fit.error;
        for (int end = 0; end < 2; ++end) {
            std::memcpy(candidate.fields.endpoint[2 * s + end], fit.endpoint[end], 4);
            if (mode.endpointPBits) candidate.fields.pbit[2 * s + end] = fit.pbit[end];
        }
        if (mode.sharedPBits) candidate.fields.pbit[s] = fit.pbit[0];
        for (int i = 0; i < subsets[s].count; ++i) candidate.fields.index[subsets[s].texel[i]] = fit.index[i];
    }
    return candidate;
}

// Modes 4 and 5: RGB on one index set and a separate channel (alpha, or the
// colour channel that `rotation` swaps into alpha's place) on the other.
Candidate encodeSeparateChannelMode(const Texels& texels, int modeNumber, int rotation, int indexSelection,
                                    int refineIterations) {
    const ModeInfo& mode = kModes[modeNumber];
    Texels rotated = texels;
    if (rotation)
        for (auto& texel : rotated.v) std::swap(texel[3], texel[rotation - 1]);
    const Subset all = wholeBlock();
    FitSpec colorSpec;
    colorSpec.bits = mode.colorBits;
    colorSpec.indexBits = indexSelection ? mode.secondaryIndexBits : mode.indexBits;
    colorSpec.refineIterations = refineIterations;
    FitSpec alphaSpec;
    alphaSpec.firstChannel = 3;
    alphaSpec.channels = 1;
    alphaSpec.bits = mode.alphaBits;
    alphaSpec.indexBits = indexSelection ? mode.indexBits : mode.secondaryIndexBits;
    alphaSpec.refineIterations = refineIterations;

    LineFit color = fitLine(rotated, all, colorSpec);
    LineFit alpha = fitLine(rotated, all, alphaSpec);
    orientForAnchor(color, 16, 0, colorSpec.indexBits);
    orientForAnchor(alpha, 16, 0, alphaSpec.indexBits);

    Candidate candidate;
    candidate.error = color.error + alpha.error;
    Fields& fields = candidate.fields;
    fields.mode = uint8_t(modeNumber);
    fields.rotation = uint8_t(rotation);
    fields.indexSelection = uint8_t(indexSelection);
    for (int end = 0; end < 2; ++end) {
        std::memcpy(fields.endpoint[end], color.endpoint[end], 3);
        fields.endpoint[end][3] = alpha.endpoint[end][0];
    }
    std::memcpy(indexSelection ? fields.index2 : fields.index, color.index, 16);
    std::memcpy(indexSelection ? fields.index : fields.index2, alpha.index, 16);
    return candidate;
}

// A block of one colour, exactly: mode 5 with every colour index 1 (weight
// 21/64) reaches every 8-bit value from two 7-bit endpoints, and its alpha
// endpoints are 8 bits wide.
struct SolidEndpoints {
    uint8_t low[256];
    uint8_t high[256];
};

const SolidEndpoints& solidEndpoints() {
    static const SolidEndpoints table = [] {
        SolidEndpoints result{};
        for (int value = 0; value < 256; ++value) {
            int bestDistance = INT_MAX;
            for (int low = 0; low < 128 && bestDistance > 0; ++low)
                for (int high = 0; high < 128; ++high) {
                    const int distance = std::abs(interpolate(expandBits(low, 7), expandBits(high, 7), kWeights2[1]) - value);
                    if (distance < bestDistance) {
                        bestDistance = distance;
                        result.low[value] = uint8_t(low);
                        result.high[value] = uint8_t(high);
                    }
                }
        }
        return result;
    }();
    return table;
}

bool isSolid(const uint8_t texels[64]) {
    for (int i = 4; i < 64; ++i)
        if (texels[i] != texels[i & 3]) return false;
    return true;
}

Fields encodeSolid(const uint8_t color[4]) {
    const SolidEndpoints& table = solidEndpoints();
    Fields fields;
    fields.mode = 5;
    for (int c = 0; c < 3; ++c) {
        fields.endpoint[0][c] = table.low[color[c]];
        fields.endpoint[1][c] = table.high[color[c]];
    }
    fields.endpoint[0][3] = fields.endpoint[1][3] = color[3];
    std::fill(std::begin(fields.index), std::end(fields.index), uint8_t(1));
    return fields;
}

// [SECTION] Mode selection

void keepBetter(Candidate& best, Candidate&& candidate) {
    if (candidate.error < best.error) best = std::move(candidate);
}

void tryPartitionedMode(const Texels& texels, int mode, const PartitionRanking& ranking, int partitionsTried,
                        bool opaque, const SearchPlan& plan, Candidate& best) {
    for (int i = 0; i < std::min(partitionsTried, ranking.count) && best.error > 0; ++i)
        keepBetter(best, encodeSharedIndexMode(texels, mode, ranking.partition[i], opaque, plan));
}

void trySeparateChannelModes(const Texels& texels, const SearchPlan& plan, Candidate& best) {
    const int lastRotation = plan.rotations ? 3 : 0;
    for (int rotation = 0; rotation <= lastRotation && best.error > 0; ++rotation) {
        keepBetter(best, encodeSeparateChannelMode(texels, 5, rotation, 0, plan.refineIterations));
        keepBetter(best, encodeSeparateChannelMode(texels, 4, rotation, 0, plan.refineIterations));
        keepBetter(best, encodeSeparateChannelMode(texels, 4, rotation, 1, plan.refineIterations));
    }
}

Fields chooseEncoding(const Texels& texels, const SearchPlan& plan) {
    bool opaque = true;
    for (const auto& texel : texels.v) opaque = opaque && texel[3] == 255;
    Candidate best = encodeSharedIndexMode(texels, 6, 0, opaque, plan);
    if (best.error == 0) return best.fields;
    if (!opaque) {
        trySeparateChannelModes(texels, plan, best);
        tryPartitionedMode(texels, 7, rankPartitions<4>(texels, 2, 64, plan.mode7Partitions), plan.mode7Partitions, false, plan, best);
        return best.fields;
    }
    const PartitionRanking twoSubsets = rankPartitions<3>(texels, 2, 64, std::max(plan.mode1Partitions, plan.mode3Partitions));
    tryPartitionedMode(texels, 1, twoSubsets, plan.mode1Partitions, true, plan, best);
    tryPartitionedMode(texels, 3, twoSubsets, plan.mode3Partitions, true, plan, best);
    if (plan.mode0Partitions > 0 && best.error > 0)
        tryPartitionedMode(texels, 0, rankPartitions<3>(texels, 3, 16, plan.mode0Partitions), plan.mode0Partitions, true, plan, best);
    if (plan.mode2Partitions > 0 && best.error > 0)
        tryPartitionedMode(texels, 2, rankPartitions<3>(texels, 3, 64, plan.mode2Partitions), plan.mode2Partitions, true, plan, best);
    if (plan.rotations) trySeparateChannelModes(texels, plan, best);
    return best.fields;
}

}  // namespace

void encodeBc7Block(const uint8_t texels[64], const Bc7Options& options, uint8_t out[kBc7BlockBytes]) {
    Texels block;
    std::memcpy(block.v, texels, 64);
    Fields fields = isSolid(texels) ? encodeSolid(texels) : chooseEncoding(block, planFor(options.level));
    packFields(fields, out);
}

void decodeBc7Block(const uint8_t block[kBc7BlockBytes], uint8_t texels[64]) {
    int mode = 0;
    while (mode < 8 && !(block[0] & (1 << mode))) ++mode;
    if (mode == 8) {
        std::memset(texels, 0, 64);
        return;
    }
    Fields fields;
    fields.mode = uint8_t(mode);
    BitReader reader(block, mode + 1);
    transferFields(fields, reader);
    reconstruct(fields, texels);
}

}  // namespace oh::texture
