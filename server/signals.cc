#include "server/signals.h"

#include <csignal>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "core/util/log.h"

namespace salesmetrics {
namespace {

sigset_t ServerSignalSet() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  return signals;
}

}  // namespace

void ServerSignals::Block() {
  const sigset_t signals = ServerSignalSet();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

void ServerSignals::Start() {
  thread_ = std::thread([this] { Run(); });
  thread_.detach();  // it lives as long as the process
}

void ServerSignals::Serving(std::function<void()> reload) {
  absl::MutexLock lock(&mu_);
  reload_ = std::move(reload);
  serving_ = true;
}

int ServerSignals::WaitForStop() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](int* signal) { return *signal != 0; }, &stop_signal_));
  reload_ = nullptr;  // what it reloads is going away
  return stop_signal_;
}

void ServerSignals::Run() {
  const sigset_t signals = ServerSignalSet();
  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    absl::MutexLock lock(&mu_);
    if (signal == SIGHUP) {
      if (reload_) {
        LogInfo("received SIGHUP; reloading the metrics");
        reload_();
      } else {
        LogWarning(serving_ ? "received SIGHUP while stopping; ignored" : "received SIGHUP while starting; ignored");
      }
      continue;
    }
    if (!serving_ || stop_signal_ != 0) {
      LogWarning(absl::StrCat("received signal ", signal, serving_ ? " again" : " while starting", "; exiting now"));
      std::_Exit(1);
    }
    stop_signal_ = signal;
  }
}

}  // namespace salesmetrics
