// One-line log records on stderr: "2026-01-05T10:00:00.123Z I message".
// Abseil 20220623 as Debian ships it has no absl/log, hence this.
//
// A record is always one line of bounded length: control characters and
// invalid UTF-8 in a message are escaped, and a message longer than
// kMaxLogMessageBytes is cut, so nothing a request carries can forge a
// record or fill the disk.
#ifndef SALESMETRICS_CORE_UTIL_LOG_H_
#define SALESMETRICS_CORE_UTIL_LOG_H_

#include <functional>
#include <string>

#include "absl/strings/string_view.h"

namespace salesmetrics {

enum class LogLevel { kInfo, kWarning, kError };

inline constexpr size_t kMaxLogMessageBytes = 4096;

void Log(LogLevel level, absl::string_view message);
inline void LogInfo(absl::string_view message) { Log(LogLevel::kInfo, message); }
inline void LogWarning(absl::string_view message) { Log(LogLevel::kWarning, message); }
inline void LogError(absl::string_view message) { Log(LogLevel::kError, message); }

// Starts every record of this process with `prefix` (a plugin worker
// names itself). Call before any thread logs.
void SetLogPrefix(std::string prefix);

// Sends records to `sink` instead of stderr (nullptr restores stderr).
// For tests.
void SetLogSinkForTesting(std::function<void(LogLevel, const std::string&)> sink);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_UTIL_LOG_H_
