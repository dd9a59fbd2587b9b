/*
 * instrument_registry.h — the instrument list shared by the double's trading and market-data sides.
 *
 * The real SIP SDK answers a whole-market SubscribeBaseInfo(MKtype) by itself. Our wire protocol
 * has no market-wide base-info request (the mock market server sends base info per subscribed
 * code), so the double learns the codes from the mock broker through its trade session (one
 * securities query after the first login) and its market-data side subscribes those. A process
 * that never logs in on the trade side gets no whole-market base info from the double.
 */
#ifndef TSGATE_VENDOR_DOUBLE_INSTRUMENT_REGISTRY_H
#define TSGATE_VENDOR_DOUBLE_INSTRUMENT_REGISTRY_H

#include <functional>
#include <string>
#include <vector>

namespace vendor_double {

/* market (1 SH, 2 SZ) and code, e.g. {1, "600000"} */
struct Instrument {
  int market;
  std::string code;
};

using InstrumentListener = std::function<void(const std::vector<Instrument>&)>;

/* Replaces the list and tells every listener. */
void publish_instruments(const std::vector<Instrument>& list);
/* The current list; false if none has been published yet. */
bool known_instruments(std::vector<Instrument>* out);
/* Calls `listener` now if a list is known, and on every later publish; returns an id. */
int listen_instruments(InstrumentListener listener);
/* Once this returns, the listener is not running and will not run again. Not from a listener. */
void unlisten_instruments(int id);

}  // namespace vendor_double

#endif
