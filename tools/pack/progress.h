// The packer's progress bar: one line on a terminal, redrawn in place
// ("textures  [#########-----------]  12/30  0:07"), then the stage's summary
// line. Off a terminal (CI logs, scripts) the summary lines alone; with
// --quiet nothing.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace oh::pack {

using StageClock = std::chrono::steady_clock;

// Wall seconds since `start`: each stage's and job's time for the summaries.
inline double secondsSince(StageClock::time_point start) {
    return std::chrono::duration<double>(StageClock::now() - start).count();
}

class ProgressBar {
public:
    enum class Mode { Quiet, Lines, Bar };  // nothing; a summary line per stage; a bar too
    explicit ProgressBar(Mode mode) : m_mode(mode) {}
    void begin(std::string stage, size_t total);
    void update(size_t done);
    // Ends the stage's line with `summary` ("30 photos in 4.2 s").
    void finish(const std::string& summary);

    // Whether standard error is a terminal.
    static bool terminalAttached();

private:
    Mode m_mode;
    std::string m_stage;
    size_t m_total = 0;
    std::chrono::steady_clock::time_point m_start;
};

}  // namespace oh::pack
