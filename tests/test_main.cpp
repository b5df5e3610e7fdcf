// doctest's main for every test executable, with an exit hook (test_main.h).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <vector>

#include "test_main.h"

namespace oh::test {
namespace {
std::vector<void (*)()>& exitCallbacks() {
    static std::vector<void (*)()> callbacks;
    return callbacks;
}
}  // namespace

void runAtTestExit(void (*callback)()) { exitCallbacks().push_back(callback); }

}  // namespace oh::test

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    int result = context.run();
    for (auto callback : oh::test::exitCallbacks()) callback();
    return result;
}
