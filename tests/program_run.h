// Runs one of the project's programs from a test as a user would, through
// the shell, and keeps what it said: its exit code and its error lines.
#pragma once

#include <filesystem>
#include <string>

namespace oh::test {

struct ProgramRun {
    int exitCode = -1;   // 128 + signal when it was killed
    std::string errors;  // everything on standard error
};

// Runs `command` (already quoted for the shell) with standard error captured
// through a file in `scratch`, and standard output dropped.
ProgramRun runProgram(const std::string& command, const std::filesystem::path& scratch);

}  // namespace oh::test
