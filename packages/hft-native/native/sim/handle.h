/* handle.h — what a trader and a market-data handle share: the resolved config, the event ring
 * and the connection. */
#ifndef TSGATE_HANDLE_H
#define TSGATE_HANDLE_H

#include "conn.h"
#include "hft_api.h"
#include "ring.h"

/* Fills an event header + zeroed body. */
void event_init(hft_event_t* ev, uint16_t type);

#endif
