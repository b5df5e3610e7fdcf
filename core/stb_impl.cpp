// The one translation unit that compiles stb_image and stb_image_write
// (Debian ships them as header-only sources). Every other file includes the
// headers without the *_IMPLEMENTATION macros.
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
