/*
 * event_pump.h — the vendor-SDK double's callback thread: drains a simulation-library handle's
 * event ring and hands each event to a dispatcher on a thread the double owns, as the vendor
 * SDKs call their SPIs from their own threads.
 */
#ifndef TSGATE_VENDOR_DOUBLE_EVENT_PUMP_H
#define TSGATE_VENDOR_DOUBLE_EVENT_PUMP_H

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "hft_api.h"

namespace vendor_double {

class EventPump {
 public:
  using Poll = std::function<int32_t(hft_event_t*, int32_t)>;
  using Arm = std::function<int32_t()>;
  using Dispatch = std::function<void(const hft_event_t&)>;

  /* Starts the thread. Install wakeup() as the handle's wake-up function before events flow. */
  void start(Poll poll, Arm arm, Dispatch dispatch);
  /* Stops and joins the thread; events not yet dispatched are dropped. Not from the thread. */
  void stop();
  /* The wake-up function for hft_*_set_wakeup (user_data = this EventPump). */
  static void wakeup(void* self);
  ~EventPump() { stop(); }

 private:
  void run();
  Poll poll_;
  Arm arm_;
  Dispatch dispatch_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool pending_ = true; /* drain once at start: events may precede the first wake-up */
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace vendor_double

#endif
