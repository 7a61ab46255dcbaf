// A one-line progress bar on stderr, redrawn in place when its percentage
// changes, through one phase after another; the line ends when the bar goes
// away.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_PROGRESS_BAR_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_PROGRESS_BAR_H_

#include <cstdint>
#include <string>

namespace salesmetrics::demo {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar();

  void StartPhase(std::string label, int64_t total);
  void Update(int64_t done);

 private:
  void Draw(int percent);

  const bool enabled_;
  std::string label_;
  int64_t total_ = 1;
  int percent_ = -1;
  bool drawn_ = false;
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_PROGRESS_BAR_H_
