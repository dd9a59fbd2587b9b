/* handle.c — set-up, wake-up and release plumbing shared by the trader (trader.c) and the
 * market-data (md.c) handles. */
#include "handle.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "last_error.h"

int handle_decode_frame(conn_t* c, const wire_frame_t* f, uint16_t other_lo, uint16_t other_hi,
                        const char* service, wire_msg_t* msg) {
  if (f->type >= other_lo && f->type < other_hi) {
    conn_fail(c, 1, 0, "protocol error from %s: %s (0x%04x) is not a %s message (code 9003)", conn_peer(c),
              wire_type_name(f->type), f->type, service);
    return -1;
  }
  wire_err_t err;
  if (wire_decode(f, msg, &err) != WIRE_OK) {
    conn_fail(c, 1, 0, "protocol error from %s: %s (code %d)", conn_peer(c), err.reason, err.code);
    return -1;
  }
  return 0;
}

void handle_emit_error(conn_t* c, const wire_error_t* error) {
  hft_event_t ev;
  event_init(&ev, HFT_EV_ERROR);
  ev.header.error_code = error->code;
  ev.body.error.ref_seq = (int32_t)error->ref_seq;
  memcpy(ev.body.error.message, error->message, sizeof ev.body.error.message);
  conn_emit(c, &ev);
}

void* handle_create(size_t size, const hft_conn_config_t* config, const char* kind) {
  hft_conn_config_t cfg;
  if (config_resolve(config, &cfg) != HFT_OK) return NULL;
  handle_base_t* h = (handle_base_t*)calloc(1, size);
  if (!h) {
    set_error(HFT_E_NOMEM, "out of memory creating the %s", kind);
    return NULL;
  }
  h->cfg = cfg;
  char err[192];
  h->ring = ring_create(cfg.event_capacity, cfg.overflow_policy, err, sizeof err);
  if (!h->ring) {
    set_error(HFT_E_SYSTEM, "%s", err);
    free(h);
    return NULL;
  }
  return h;
}

int32_t handle_connect(handle_base_t* h, const conn_ops_t* ops, void* ctx, const char* name) {
  char err[192];
  h->conn = conn_create(&h->cfg, h->ring, ops, ctx, name, err, sizeof err);
  if (!h->conn) {
    set_error(HFT_E_SYSTEM, "%s", err);
    ring_release(h->ring);
    h->ring = NULL;
    return HFT_E_SYSTEM;
  }
  return HFT_OK;
}

int32_t handle_set_wakeup(handle_base_t* h, const char* kind, hft_wakeup_fn fn, void* user_data) {
  if (!h) return set_error(HFT_E_INVALID_ARG, "%s is NULL", kind);
  ring_set_wakeup(h->ring, fn, user_data);
  return HFT_OK;
}

int32_t handle_open_wakeup_fd(handle_base_t* h, const char* kind) {
  if (!h) return set_error(HFT_E_INVALID_ARG, "%s is NULL", kind);
  char err[160];
  int fd = ring_open_wakeup_fd(h->ring, err, sizeof err);
  if (fd < 0) return set_error(HFT_E_SYSTEM, "%s", err);
  return fd;
}

int32_t handle_set_event_callback(handle_base_t* h, const char* kind, hft_event_fn fn, void* user_data) {
  if (!h) return set_error(HFT_E_INVALID_ARG, "%s is NULL", kind);
  ring_set_event_callback(h->ring, fn, user_data);
  return HFT_OK;
}

int32_t handle_poll(handle_base_t* h, const char* kind, hft_event_t* out, int32_t max_events) {
  if (!h || !out) return set_error(HFT_E_INVALID_ARG, "%s or output buffer is NULL", kind);
  if (max_events < 1) return set_error(HFT_E_INVALID_ARG, "max_events must be >= 1");
  return ring_poll(h->ring, out, max_events);
}

int32_t handle_arm(handle_base_t* h, const char* kind) {
  if (!h) return set_error(HFT_E_INVALID_ARG, "%s is NULL", kind);
  return ring_arm(h->ring);
}

void handle_release(handle_base_t* h) {
  ring_close(h->ring);
  conn_release(h->conn);
  ring_release(h->ring);
}

void handle_wipe(void* p, size_t size) {
  volatile unsigned char* v = (volatile unsigned char*)p;
  for (size_t i = 0; i < size; i++) v[i] = 0;
}

void event_init(hft_event_t* ev, uint16_t type) {
  memset(ev, 0, sizeof *ev);
  ev->header.type = type;
}
