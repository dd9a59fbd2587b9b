/* event_pump.cpp — see event_pump.h. */
#include "event_pump.h"

namespace vendor_double {

namespace {
const int32_t kBatch = 64;
}

void EventPump::start(Poll poll, Arm arm, Dispatch dispatch) {
  poll_ = std::move(poll);
  arm_ = std::move(arm);
  dispatch_ = std::move(dispatch);
  thread_ = std::thread([this] { run(); });
}

void EventPump::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void EventPump::wakeup(void* self) {
  EventPump* pump = static_cast<EventPump*>(self);
  {
    std::lock_guard<std::mutex> lock(pump->mu_);
    pump->pending_ = true;
  }
  pump->cv_.notify_one();
}

void EventPump::run() {
  hft_event_t batch[kBatch];
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return pending_ || stopping_; });
      if (stopping_) return;
      pending_ = false;
    }
    /* drain, then re-arm; a positive arm() means events arrived in between (hft_api.h) */
    for (;;) {
      int32_t n;
      while ((n = poll_(batch, kBatch)) > 0) {
        for (int32_t i = 0; i < n; i++) dispatch_(batch[i]);
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return;
      }
      if (arm_() <= 0) break;
    }
  }
}

}  // namespace vendor_double
