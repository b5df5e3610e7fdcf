// Logging: printf-style, one line per message, to stderr. Warnings and notes
// go through here so tests can capture them (setLogSink).
#pragma once

#include <functional>
#include <string_view>

namespace oh {

enum class LogLevel { Debug, Info, Warning, Error };

using LogSink = std::function<void(LogLevel, std::string_view)>;

// Replace where log lines go (default: stderr). Returns the previous sink.
LogSink setLogSink(LogSink sink);
void setMinLogLevel(LogLevel level);

void logMessage(LogLevel level, const char* format, ...) __attribute__((format(printf, 2, 3)));

}  // namespace oh

#define OH_LOG_DEBUG(...) ::oh::logMessage(::oh::LogLevel::Debug, __VA_ARGS__)
#define OH_LOG_INFO(...) ::oh::logMessage(::oh::LogLevel::Info, __VA_ARGS__)
#define OH_LOG_WARN(...) ::oh::logMessage(::oh::LogLevel::Warning, __VA_ARGS__)
#define OH_LOG_ERROR(...) ::oh::logMessage(::oh::LogLevel::Error, __VA_ARGS__)
