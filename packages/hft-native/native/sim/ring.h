/*
 * ring.h — the event ring of one handle: fixed-size hft_event_t records written by the handle's
 * threads and drained by the host in batches (hft_*_poll), plus the notifier thread that runs the
 * wake-up / arm protocol of hft_api.h. Shared by the simulation library and the vendor shim.
 *
 * Producers may be any threads; poll/arm are called by one host thread at a time.
 */
#ifndef TSGATE_RING_H
#define TSGATE_RING_H

#include <stddef.h>
#include <stdint.h>

#include "hft_api.h"

#define RING_DEFAULT_CAPACITY 65536u
#define RING_MIN_CAPACITY 16u
#define RING_MAX_CAPACITY (1u << 20) /* 1M records = 640 MiB (HFT_EVENT_SIZE): the upper bound of one handle */

typedef struct ring ring_t;

/* Creates the ring (capacity rounded up to a power of two within [MIN, MAX]; 0 = default) and
 * starts its notifier thread. NULL on failure, with the reason in err. */
ring_t* ring_create(uint32_t capacity, int32_t overflow_policy, char* err, size_t errlen);

/* Appends n records (header.event_seq is assigned here). Applies the overflow policy when full:
 * waits for space, or (HFT_OVERFLOW_DROP_MARKET_DATA) drops HFT_EV_MARKET_DATA records and later
 * inserts one HFT_EV_OVERFLOW record. *waited (if not NULL) is set to 1 if the call had to wait.
 * Returns 0, or -1 once the ring is closed (the records may be partly written). */
int ring_push(ring_t* r, const hft_event_t* evs, int n, int* waited);

/* Copies up to max records into out; returns the number copied. */
int32_t ring_poll(ring_t* r, hft_event_t* out, int32_t max);
/* Arms the wake-up if the ring is empty and returns 0; else returns the number pending. */
int32_t ring_arm(ring_t* r);

void ring_set_wakeup(ring_t* r, hft_wakeup_fn fn, void* user_data);
/* Wake-up through a pipe instead of the notifier (POSIX only): from now on the producing thread
 * itself writes one byte when the ring becomes non-empty while armed (and disarms), so the host's
 * event loop can watch the returned descriptor; a wake-up function set before is no longer
 * called. Returns a descriptor the caller owns and closes (a dup of the read end: the ring keeps
 * its own until ring_release), or -1 with the reason in err. */
int ring_open_wakeup_fd(ring_t* r, char* err, size_t errlen);
void ring_set_event_callback(ring_t* r, hft_event_fn fn, void* user_data);

/* Number of records waiting. */
uint32_t ring_pending(ring_t* r);
uint64_t ring_dropped_total(ring_t* r);
uint32_t ring_capacity(ring_t* r);

/* Marks the ring closed: pushes fail and blocked producers return; the notifier stops calling
 * the host. Call before joining producer threads. */
void ring_close(ring_t* r);
/* Closes, stops and joins the notifier, and frees. If the notifier is inside a host call at that
 * moment, this waits until the call returns, so no thread of the ring calls into the host
 * afterwards: a host whose wake-up function waits for the releasing thread (koffi queues
 * foreign-thread calls to the JS thread) must release from another thread. Called from the
 * notifier's own host call (which hft_api.h forbids), it cannot join: the notifier is detached
 * and frees the ring when that call returns. */
void ring_release(ring_t* r);

#endif
