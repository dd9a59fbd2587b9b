/* instrument_registry.cpp — see instrument_registry.h. */
#include "instrument_registry.h"

#include <map>
#include <mutex>

namespace vendor_double {

namespace {
std::mutex g_mu;
/* held while listeners run, so unlisten_instruments returns only once its listener cannot run */
std::mutex g_call_mu;
std::vector<Instrument> g_list;
bool g_known = false;
std::map<int, InstrumentListener> g_listeners;
int g_next_id = 1;
}  // namespace

void publish_instruments(const std::vector<Instrument>& list) {
  std::lock_guard<std::mutex> calling(g_call_mu);
  std::vector<InstrumentListener> listeners;
  {
    std::lock_guard<std::mutex> lock(g_mu);
    g_list = list;
    g_known = true;
    for (const auto& entry : g_listeners) listeners.push_back(entry.second);
  }
  for (const auto& listener : listeners) listener(list);
}

bool known_instruments(std::vector<Instrument>* out) {
  std::lock_guard<std::mutex> lock(g_mu);
  *out = g_list;
  return g_known;
}

int listen_instruments(InstrumentListener listener) {
  std::lock_guard<std::mutex> calling(g_call_mu);
  std::vector<Instrument> now;
  bool known;
  int id;
  {
    std::lock_guard<std::mutex> lock(g_mu);
    id = g_next_id++;
    g_listeners[id] = listener;
    known = g_known;
    now = g_list;
  }
  if (known) listener(now);
  return id;
}

void unlisten_instruments(int id) {
  std::lock_guard<std::mutex> calling(g_call_mu);
  std::lock_guard<std::mutex> lock(g_mu);
  g_listeners.erase(id);
}

}  // namespace vendor_double
