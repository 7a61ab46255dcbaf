#include "server/admin/demo/progress_bar.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace salesmetrics::demo {
namespace {

constexpr int kWidth = 40;

}  // namespace

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputc('\n', stderr);
}

void ProgressBar::StartPhase(std::string label, int64_t total) {
  label_ = std::move(label);
  total_ = std::max<int64_t>(1, total);
  percent_ = -1;
  Update(0);
}

void ProgressBar::Update(int64_t done) {
  const int percent = static_cast<int>(std::min(done, total_) * 100 / total_);
  if (enabled_ && percent != percent_) Draw(percent);
}

void ProgressBar::Draw(int percent) {
  percent_ = percent;
  drawn_ = true;
  const int filled = percent * kWidth / 100;
  // The label is padded to erase a longer one of an earlier phase.
  std::fprintf(stderr, "\r[%s%s] %3d%% %-16s", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, '.').c_str(), percent, label_.c_str());
  std::fflush(stderr);
}

}  // namespace salesmetrics::demo
