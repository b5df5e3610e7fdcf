#include "hostile_images.h"

#include <cstddef>

namespace oh::test {

std::vector<uint8_t> pngHeaderOnly(uint32_t width, uint32_t height) {
    auto crc32 = [](const uint8_t* data, size_t size) {
        uint32_t crc = 0xFFFFFFFFu;
        for (size_t i = 0; i < size; ++i) {
            crc ^= data[i];
            for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
        return ~crc;
    };
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    auto put32 = [&](uint32_t value) {
        for (int shift = 24; shift >= 0; shift -= 8) png.push_back(uint8_t(value >> shift));
    };
    auto chunk = [&](const char* type, std::vector<uint8_t> data) {
        put32(uint32_t(data.size()));
        size_t start = png.size();
        png.insert(png.end(), type, type + 4);
        png.insert(png.end(), data.begin(), data.end());
        put32(crc32(&png[start], png.size() - start));
    };
    std::vector<uint8_t> ihdr;
    for (uint32_t value : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8) ihdr.push_back(uint8_t(value >> shift));
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});  // 8-bit RGB, deflate, no filter tricks, not interlaced
    chunk("IHDR", ihdr);
    chunk("IDAT", {});
    return png;
}

}  // namespace oh::test
