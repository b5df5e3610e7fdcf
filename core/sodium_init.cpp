#include "core/sodium_init.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace oh {

void initSodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            std::fprintf(stderr, "libsodium could not initialise (no entropy source?)\n");
            std::abort();
        }
    });
}

}  // namespace oh
