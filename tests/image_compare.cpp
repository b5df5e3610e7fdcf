#include "image_compare.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace oh::test {

ImageDifference compareImages(const RgbaImage& actual, const RgbaImage& expected, uint32_t pixelThreshold) {
    ImageDifference result;
    result.sameSize = actual.width == expected.width && actual.height == expected.height &&
                      actual.pixels.size() == expected.pixels.size();
    if (!result.sameSize) return result;
    result.diff = actual;
    uint64_t totalError = 0;
    uint64_t differentPixels = 0;
    size_t pixelCount = size_t(actual.width) * actual.height;
    for (size_t p = 0; p < pixelCount; ++p) {
        uint32_t pixelMax = 0;
        for (int c = 0; c < 4; ++c) {
            uint32_t d = uint32_t(std::abs(int(actual.pixels[p * 4 + c]) - int(expected.pixels[p * 4 + c])));
            totalError += d;
            pixelMax = std::max(pixelMax, d);
        }
        result.maxChannelDifference = std::max(result.maxChannelDifference, pixelMax);
        uint8_t* out = &result.diff.pixels[p * 4];
        if (pixelMax > pixelThreshold) {
            ++differentPixels;
            out[0] = 255, out[1] = 0, out[2] = 0;
        } else {
            out[0] = uint8_t(out[0] / 4), out[1] = uint8_t(out[1] / 4), out[2] = uint8_t(out[2] / 4);
        }
        out[3] = 255;
    }
    result.meanAbsoluteError = double(totalError) / double(pixelCount * 4);
    result.fractionDifferent = double(differentPixels) / double(pixelCount);
    return result;
}

std::filesystem::path testOutputDir() {
    std::filesystem::path dir = std::filesystem::path(OH_BINARY_DIR) / "test-output";
    std::filesystem::create_directories(dir);
    return dir;
}

GoldenResult checkGolden(const std::string& name, const RgbaImage& actual, double maxMeanError,
                         double maxFractionDifferent) {
    std::filesystem::path golden = std::filesystem::path(OH_TESTS_DIR) / "golden" / (name + ".png");
    std::filesystem::path actualPath = testOutputDir() / (name + ".actual.png");
    const char* update = std::getenv("OPENHOUSE_UPDATE_GOLDENS");
    if (update && std::strcmp(update, "1") == 0) {
        std::filesystem::create_directories(golden.parent_path());
        Status written = writePng(golden, actual);
        return {written.has_value(), written ? "updated " + golden.string() : written.error().message};
    }
    (void)writePng(actualPath, actual);
    auto expected = readPng(golden);
    if (!expected)
        return {false, "no golden image " + golden.string() + " (" + expected.error().message +
                           "); the render is at " + actualPath.string() +
                           "; after reviewing it, create goldens with OPENHOUSE_UPDATE_GOLDENS=1"};
    ImageDifference difference = compareImages(actual, *expected);
    if (!difference.sameSize)
        return {false, name + ": size " + std::to_string(actual.width) + "x" + std::to_string(actual.height) +
                           " differs from the golden's " + std::to_string(expected->width) + "x" +
                           std::to_string(expected->height)};
    if (difference.meanAbsoluteError <= maxMeanError && difference.fractionDifferent <= maxFractionDifferent)
        return {true, ""};
    std::filesystem::path diffPath = testOutputDir() / (name + ".diff.png");
    (void)writePng(diffPath, difference.diff);
    char summary[256];
    std::snprintf(summary, sizeof summary, "mean error %.2f (limit %.2f), %.2f%% of pixels differ (limit %.2f%%)",
                  difference.meanAbsoluteError, maxMeanError, difference.fractionDifferent * 100.0,
                  maxFractionDifferent * 100.0);
    return {false, name + ": " + summary + "; actual " + actualPath.string() + ", diff " + diffPath.string()};
}

}  // namespace oh::test
