// Hooks into the tests' main(): work to do after all test cases ran but
// before static destruction (e.g. destroying Vulkan devices while the
// validation layer's own globals still exist).
#pragma once

namespace oh::test {

void runAtTestExit(void (*callback)());

}  // namespace oh::test
