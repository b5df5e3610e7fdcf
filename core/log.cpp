#include "core/log.h"

#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <string>

namespace oh {
namespace {

std::mutex g_logMutex;
LogLevel g_minLevel = LogLevel::Info;

void writeToStderr(LogLevel level, std::string_view line) {
    const char* prefix = "";
    switch (level) {
        case LogLevel::Debug: prefix = "debug: "; break;
        case LogLevel::Info: prefix = ""; break;
        case LogLevel::Warning: prefix = "warning: "; break;
        case LogLevel::Error: prefix = "error: "; break;
    }
    std::fprintf(stderr, "%s%.*s\n", prefix, int(line.size()), line.data());
}

LogSink& sink() {
    static LogSink s_sink = writeToStderr;
    return s_sink;
}

}  // namespace

LogSink setLogSink(LogSink newSink) {
    std::lock_guard lock(g_logMutex);
    LogSink previous = std::move(sink());
    sink() = newSink ? std::move(newSink) : LogSink(writeToStderr);
    return previous;
}

void setMinLogLevel(LogLevel level) {
    std::lock_guard lock(g_logMutex);
    g_minLevel = level;
}

void logMessage(LogLevel level, const char* format, ...) {
    std::lock_guard lock(g_logMutex);
    if (level < g_minLevel) return;
    va_list args;
    va_start(args, format);
    char stackBuffer[1024];
    va_list argsCopy;
    va_copy(argsCopy, args);
    int length = std::vsnprintf(stackBuffer, sizeof stackBuffer, format, args);
    va_end(args);
    std::string line;
    if (length >= int(sizeof stackBuffer)) {
        line.resize(size_t(length) + 1);
        std::vsnprintf(line.data(), line.size(), format, argsCopy);
        line.resize(size_t(length));
    } else if (length > 0) {
        line.assign(stackBuffer, size_t(length));
    }
    va_end(argsCopy);
    sink()(level, line);
}

}  // namespace oh
