#include "tools/pack/progress.h"

#include <cstdio>

#include <unistd.h>

namespace oh::pack {

bool ProgressBar::terminalAttached() { return ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::begin(std::string stage, size_t total) {
    m_stage = std::move(stage);
    m_total = total;
    m_start = std::chrono::steady_clock::now();
    update(0);
}

void ProgressBar::update(size_t done) {
    if (m_mode != Mode::Bar) return;
    constexpr int kWidth = 28;
    int filled = m_total ? int(kWidth * done / m_total) : kWidth;
    std::string bar(size_t(filled), '#');
    bar.resize(kWidth, '-');
    auto seconds = int(std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count());
    std::fprintf(stderr, "\r%-10s [%s] %zu/%zu  %d:%02d ", m_stage.c_str(), bar.c_str(), done, m_total, seconds / 60,
                 seconds % 60);
    std::fflush(stderr);
}

void ProgressBar::finish(const std::string& summary) {
    if (m_mode == Mode::Quiet) return;
    if (m_mode == Mode::Bar) std::fprintf(stderr, "\r\033[K");  // clear the bar's line
    std::fprintf(stderr, "%-10s %s\n", m_stage.c_str(), summary.c_str());
}

}  // namespace oh::pack
