// Golden-image comparison for render tests: a tolerance metric that survives
// tiny rasteriser differences but catches real regressions, and a diff image
// written next to the actual render on failure.
#pragma once

#include <filesystem>
#include <string>

#include "core/image.h"

namespace oh::test {

struct ImageDifference {
    bool sameSize = false;
    double meanAbsoluteError = 0.0;     // mean over all channels, 0..255
    double fractionDifferent = 0.0;     // pixels with any channel off by more than the threshold
    uint32_t maxChannelDifference = 0;
    RgbaImage diff;                     // red where pixels differ, dimmed actual elsewhere
};

ImageDifference compareImages(const RgbaImage& actual, const RgbaImage& expected, uint32_t pixelThreshold = 24);

struct GoldenResult {
    bool passed = false;
    std::string message;  // what failed and where the actual/diff images were written
};

// Compares `actual` with tests/golden/<name>.png. With OPENHOUSE_UPDATE_GOLDENS=1
// the golden is (re)written instead and the check passes — review the image
// before committing it. A missing golden fails with instructions.
// Failure writes <out>/<name>.actual.png and <out>/<name>.diff.png.
GoldenResult checkGolden(const std::string& name, const RgbaImage& actual, double maxMeanError = 1.5,
                         double maxFractionDifferent = 0.01);

// Where tests write their output images (build/test-output).
std::filesystem::path testOutputDir();

}  // namespace oh::test
