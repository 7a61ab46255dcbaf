#include "clients/cli/cancel_on_interrupt.h"

#include <semaphore.h>

namespace salesmetrics::cli {
namespace {

// TryCancel is not async-signal-safe, sem_post is: the handler only wakes a
// thread that cancels.
sem_t interrupt_semaphore;

void OnInterrupt(int) { sem_post(&interrupt_semaphore); }

}  // namespace

CancelOnInterrupt::CancelOnInterrupt(grpc::ClientContext& context) {
  sem_init(&interrupt_semaphore, 0, 0);
  canceller_ = std::thread([this, &context] {
    while (sem_wait(&interrupt_semaphore) != 0) continue;  // EINTR: a signal came first
    if (stopping_) return;
    interrupted_ = true;
    context.TryCancel();
  });
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the second Ctrl-C is the default one: it kills
  sigaction(SIGINT, &action, &previous_action_);
}

CancelOnInterrupt::~CancelOnInterrupt() {
  sigaction(SIGINT, &previous_action_, nullptr);
  stopping_ = true;
  sem_post(&interrupt_semaphore);
  canceller_.join();
  sem_destroy(&interrupt_semaphore);
}

}  // namespace salesmetrics::cli
