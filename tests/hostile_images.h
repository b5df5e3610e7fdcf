// Image files that lie, for the tests of everything that reads photos.
#pragma once

#include <cstdint>
#include <vector>

namespace oh::test {

// A PNG that is all header: its IHDR claims `width` x `height` and an empty
// IDAT follows, with no pixel data at all. Whatever decodes it fails; only a
// check made on the header alone can name its size.
std::vector<uint8_t> pngHeaderOnly(uint32_t width, uint32_t height);

}  // namespace oh::test
