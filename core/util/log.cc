#include "core/util/log.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/util/quote.h"

namespace salesmetrics {
namespace {

absl::Mutex sink_mu;
std::function<void(LogLevel, const std::string&)>& Sink() {
  static auto* sink = new std::function<void(LogLevel, const std::string&)>();
  return *sink;
}

std::string& Prefix() {
  static auto* prefix = new std::string();
  return *prefix;
}

char LevelLetter(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return 'I';
    case LogLevel::kWarning:
      return 'W';
    case LogLevel::kError:
      return 'E';
  }
  return '?';
}

}  // namespace

void Log(LogLevel level, absl::string_view raw_message) {
  const std::string message = EscapeForLog(raw_message, kMaxLogMessageBytes);
  {
    absl::MutexLock lock(&sink_mu);
    if (Sink()) {
      Sink()(level, message);
      return;
    }
  }
  const std::string line = absl::StrCat(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()),
                                        " ", std::string(1, LevelLetter(level)), " ", Prefix(), message, "\n");
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void SetLogPrefix(std::string prefix) { Prefix() = std::move(prefix); }

void SetLogSinkForTesting(std::function<void(LogLevel, const std::string&)> sink) {
  absl::MutexLock lock(&sink_mu);
  Sink() = std::move(sink);
}

}  // namespace salesmetrics
