#include "program_run.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace oh::test {

ProgramRun runProgram(const std::string& command, const std::filesystem::path& scratch) {
    std::filesystem::path errorsFile = scratch / "stderr.txt";
    int status = std::system((command + " >/dev/null 2>'" + errorsFile.string() + "'").c_str());
    ProgramRun run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream errors(errorsFile);
    run.errors.assign(std::istreambuf_iterator<char>(errors), std::istreambuf_iterator<char>());
    return run;
}

}  // namespace oh::test
