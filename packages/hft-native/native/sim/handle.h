/* handle.h — what a trader and a market-data handle share: the resolved config, the event ring
 * and the connection, and the set-up, wake-up and release plumbing around them. */
#ifndef TSGATE_HANDLE_H
#define TSGATE_HANDLE_H

#include <stddef.h>

#include "conn.h"
#include "hft_api.h"
#include "ring.h"
#include "wire_codec.h"

/* The first member of struct hft_trader and struct hft_md, so a handle pointer (NULL included)
 * converts to a handle_base_t pointer with a plain cast. */
typedef struct handle_base {
  hft_conn_config_t cfg;
  ring_t* ring;
  conn_t* conn;
} handle_base_t;

/* Fills an event header + zeroed body. */
void event_init(hft_event_t* ev, uint16_t type);

/* The start of both handles' on_frame: refuses a message of the other service (a type in
 * [other_lo, other_hi)) and decodes the frame into `msg`. On a protocol error fails the
 * connection naming `service` ("trade", "market-data") and returns -1; else 0. */
int handle_decode_frame(conn_t* c, const wire_frame_t* f, uint16_t other_lo, uint16_t other_hi,
                        const char* service, wire_msg_t* msg);

/* Emits a MSG_ERROR from the server as an HFT_EV_ERROR event. */
void handle_emit_error(conn_t* c, const wire_error_t* error);

/* Resolves `config`, allocates a zeroed handle of `size` bytes (starting with a handle_base_t)
 * and creates its event ring. `kind` names the handle in errors ("trader handle"). Returns NULL
 * with the thread's last error set on failure. */
void* handle_create(size_t size, const hft_conn_config_t* config, const char* kind);

/* Creates the connection of a handle from handle_create (`name` as in conn_create). On failure
 * sets the last error, releases the ring and returns HFT_E_SYSTEM; the caller frees the rest. */
int32_t handle_connect(handle_base_t* h, const conn_ops_t* ops, void* ctx, const char* name);

/* hft_*_set_wakeup, hft_*_set_event_callback, hft_*_poll and hft_*_arm of either handle; `h`
 * may be NULL (HFT_E_INVALID_ARG naming `kind`). */
int32_t handle_set_wakeup(handle_base_t* h, const char* kind, hft_wakeup_fn fn, void* user_data);
int32_t handle_open_wakeup_fd(handle_base_t* h, const char* kind);
int32_t handle_set_event_callback(handle_base_t* h, const char* kind, hft_event_fn fn, void* user_data);
int32_t handle_poll(handle_base_t* h, const char* kind, hft_event_t* out, int32_t max_events);
int32_t handle_arm(handle_base_t* h, const char* kind);

/* Closes the ring (waking a blocked network thread), releases the connection, then the ring. */
void handle_release(handle_base_t* h);

/* Zeroes `size` bytes through a volatile pointer, so wiping credentials is not optimised away. */
void handle_wipe(void* p, size_t size);

#endif
