/* md.c — the market-data handle: hft_md_* over the market service of the wire protocol.
 * Keeps the set of subscribed codes (as the server was told) to resubscribe after a reconnect. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "conn.h"
#include "handle.h"
#include "last_error.h"
#include "latency_stamps.h"
#include "login_codes.h"
#include "wire_codec.h"

#define MD_MAX_SUBSCRIPTIONS 100000

typedef struct sub_key {
  int32_t market;
  char code[8];
} sub_key_t;

struct hft_md {
  handle_base_t h; /* first: (handle_base_t*)m */
  /* guarded by the conn lock */
  int login_requested;
  wire_md_login_req_t login; /* wiped on release */
  sub_key_t* subs;           /* sorted by (market, code) */
  size_t nsubs;
  size_t capsubs;
  /* network thread only */
  uint32_t replay_sub_rsps; /* MD_SUBSCRIBE_RSP still expected for our own resubscribes */
};

static int key_cmp(const sub_key_t* a, const sub_key_t* b) {
  if (a->market != b->market) return a->market < b->market ? -1 : 1;
  return memcmp(a->code, b->code, 8);
}

static size_t sub_find(const hft_md_t* m, const sub_key_t* k, int* found) {
  size_t lo = 0, hi = m->nsubs;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = key_cmp(&m->subs[mid], k);
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  *found = lo < m->nsubs && key_cmp(&m->subs[lo], k) == 0;
  return lo;
}

/* With the conn lock: apply a written (un)subscribe to the set. */
static void apply_subscription(hft_md_t* m, const req_node_t* n) {
  for (uint32_t i = 0; i < n->codes_n; i++) {
    sub_key_t k;
    memset(&k, 0, sizeof k);
    k.market = n->u.sub.market;
    memcpy(k.code, n->codes + 8 * i, 8);
    int found;
    size_t pos = sub_find(m, &k, &found);
    if (n->u.sub.action == 1) {
      if (found || m->nsubs >= MD_MAX_SUBSCRIPTIONS) continue;
      if (m->nsubs == m->capsubs) {
        size_t ncap = m->capsubs ? m->capsubs * 2 : 256;
        sub_key_t* ns = (sub_key_t*)realloc(m->subs, ncap * sizeof *ns);
        if (!ns) continue;
        m->subs = ns;
        m->capsubs = ncap;
      }
      memmove(&m->subs[pos + 1], &m->subs[pos], (m->nsubs - pos) * sizeof *m->subs);
      m->subs[pos] = k;
      m->nsubs++;
    } else if (found) {
      memmove(&m->subs[pos], &m->subs[pos + 1], (m->nsubs - pos - 1) * sizeof *m->subs);
      m->nsubs--;
    }
  }
}

/* Network thread, after a successful login: queue subscribe frames for the whole set. */
static void resubscribe_all(hft_md_t* m, conn_t* c) {
  conn_lock(c);
  size_t i = 0;
  uint32_t frames = 0;
  while (i < m->nsubs) {
    int32_t market = m->subs[i].market;
    size_t j = i;
    while (j < m->nsubs && m->subs[j].market == market && j - i < WIRE_MAX_SUBSCRIBE_CODES) j++;
    req_node_t* n = req_node_new(MSG_MD_SUBSCRIBE_REQ, (uint32_t)(j - i));
    if (!n) break;
    n->u.sub.action = 1;
    n->u.sub.market = market;
    for (size_t k = i; k < j; k++) memcpy(n->codes + 8 * (k - i), m->subs[k].code, 8);
    conn_send_control_locked(c, n);
    frames++;
    i = j;
  }
  m->replay_sub_rsps = frames;
  conn_set_ready_locked(c);
  conn_unlock(c);
}

/* ---- session callbacks ---- */
static void on_connected(void* ctx, conn_t* c) {
  hft_md_t* m = (hft_md_t*)ctx;
  req_node_t* n = req_node_new(MSG_MD_LOGIN_REQ, 0);
  if (!n) {
    conn_fail(c, 1, 0, "out of memory queueing the market-data login");
    return;
  }
  conn_lock(c);
  memcpy(&n->u.md_login, &m->login, sizeof m->login);
  conn_unlock(c);
  m->replay_sub_rsps = 0;
  conn_send_control(c, n);
}

static int on_frame(void* ctx, conn_t* c, const wire_frame_t* f) {
  hft_md_t* m = (hft_md_t*)ctx;
  if (f->type == MSG_HEARTBEAT && f->len == 0) return 0;
  wire_msg_t msg;
  if (handle_decode_frame(c, f, 0x0100, 0x0200, "market-data", &msg) != 0) return -1;
  hft_event_t ev;
  switch (f->type) {
    case MSG_HEARTBEAT:
      return 0;
    case MSG_ERROR:
      handle_emit_error(c, &msg.error);
      return 0;
    case MSG_MD_LOGIN_RSP: {
      int32_t code = msg.md_login_rsp.error_code;
      event_init(&ev, HFT_EV_MD_LOGIN);
      ev.header.error_code = code;
      memcpy(ev.body.error.message, msg.md_login_rsp.error_msg, sizeof ev.body.error.message);
      if (conn_login_count(c) > 0) ev.header.flags |= HFT_EVF_REPLAY;
      conn_emit(c, &ev);
      if (code == 0) {
        resubscribe_all(m, c);
      } else if (hft_md_login_is_final(code)) {
        conn_fail(c, 0, 0, "market-data login to %s refused: %s (code %d)", conn_peer(c),
                  msg.md_login_rsp.error_msg, (int)code);
      } else {
        conn_fail(c, 1, 0, "market-data login to %s failed: %s (code %d)", conn_peer(c),
                  msg.md_login_rsp.error_msg, (int)code);
      }
      return 0;
    }
    case MSG_MD_SUBSCRIBE_RSP:
      event_init(&ev, HFT_EV_MD_SUBSCRIBE_RSP);
      ev.header.error_code = msg.md_sub_rsp.error_code;
      ev.body.sub_rsp = msg.md_sub_rsp.rsp;
      if (m->replay_sub_rsps > 0) {
        m->replay_sub_rsps--;
        ev.header.flags |= HFT_EVF_REPLAY;
      }
      conn_emit(c, &ev);
      return 0;
    case MSG_MARKET_DATA:
      event_init(&ev, HFT_EV_MARKET_DATA);
      ev.body.md = msg.market_data;
      conn_emit(c, &ev);
      return 0;
    case MSG_BASE_INFO:
      event_init(&ev, HFT_EV_BASE_INFO);
      ev.body.base_info = msg.base_info;
      conn_emit(c, &ev);
      return 0;
    default:
      conn_fail(c, 1, 0, "protocol error from %s: unexpected %s (0x%04x) from the market server (code 9003)",
                conn_peer(c), wire_type_name(f->type), f->type);
      return -1;
  }
}

static void on_disconnected(void* ctx, conn_t* c) {
  (void)c;
  ((hft_md_t*)ctx)->replay_sub_rsps = 0;
}

static void on_tick(void* ctx, conn_t* c, int64_t now_ms) {
  (void)ctx;
  (void)c;
  (void)now_ms;
}

static int keep_in_flight(void* ctx, req_node_t* n) {
  if (n->type == MSG_MD_SUBSCRIBE_REQ) apply_subscription((hft_md_t*)ctx, n);
  return 0; /* the set is resent after a reconnect; nothing to match */
}

static const conn_ops_t k_ops = { on_connected, on_frame, on_disconnected, on_tick, keep_in_flight };

/* ---- API ---- */
#define MD_KIND "market-data handle"

HFT_API hft_md_t* hft_md_create(const hft_conn_config_t* config) {
  hft_md_t* m = (hft_md_t*)handle_create(sizeof *m, config, MD_KIND);
  if (!m) return NULL;
  if (handle_connect(&m->h, &k_ops, m, CONN_NAME_MD) != HFT_OK) {
    free(m);
    return NULL;
  }
  return m;
}

HFT_API int32_t hft_md_set_wakeup(hft_md_t* m, hft_wakeup_fn fn, void* user_data) {
  return handle_set_wakeup((handle_base_t*)m, MD_KIND, fn, user_data);
}

HFT_API int32_t hft_md_open_wakeup_fd(hft_md_t* m) {
  return handle_open_wakeup_fd((handle_base_t*)m, MD_KIND);
}

HFT_API int32_t hft_md_set_event_callback(hft_md_t* m, hft_event_fn fn, void* user_data) {
  return handle_set_event_callback((handle_base_t*)m, MD_KIND, fn, user_data);
}

HFT_API int32_t hft_md_login(hft_md_t* m, const char* user, const char* password) {
  if (!m) return set_error(HFT_E_INVALID_ARG, MD_KIND " is NULL");
  if (check_text(user, sizeof m->login.user, 1, "user") ||
      check_text(password ? password : "", sizeof m->login.password, 0, "password"))
    return HFT_E_INVALID_ARG;
  conn_lock(m->h.conn);
  if (conn_state_locked(m->h.conn) != CONN_IDLE) {
    conn_unlock(m->h.conn);
    return set_error(HFT_E_STATE, "login already requested (the market-data connection is active)");
  }
  memset(&m->login, 0, sizeof m->login);
  strcpy(m->login.user, user);
  strcpy(m->login.password, password ? password : "");
  m->login_requested = 1;
  conn_unlock(m->h.conn);
  return conn_start(m->h.conn);
}

static int32_t queue_sub(hft_md_t* m, int32_t action, int32_t market, const char* codes, int32_t count) {
  if (!m) return set_error(HFT_E_INVALID_ARG, MD_KIND " is NULL");
  if (market < 0 || market > 255)
    return set_error(HFT_E_INVALID_ARG, "market must be 0-255 (HFT_MARKET_SH = 1, HFT_MARKET_SZ = 2), got %d",
                     (int)market);
  if (!codes) return set_error(HFT_E_INVALID_ARG, "codes is NULL");
  if (count < 1 || count > WIRE_MAX_SUBSCRIBE_CODES)
    return set_error(HFT_E_INVALID_ARG, "count must be 1-%d, got %d", WIRE_MAX_SUBSCRIBE_CODES, (int)count);
  for (int32_t i = 0; i < count; i++) {
    const char* code = codes + 8 * i;
    if (!memchr(code, 0, 8))
      return set_error(HFT_E_INVALID_ARG, "codes[%d] is longer than 7 bytes (or not NUL-terminated)", (int)i);
    if (!code[0]) return set_error(HFT_E_INVALID_ARG, "codes[%d] is empty", (int)i);
  }
  req_node_t* n = req_node_new(MSG_MD_SUBSCRIBE_REQ, (uint32_t)count);
  if (!n) return set_error(HFT_E_NOMEM, "out of memory queueing the subscription");
  n->u.sub.action = action;
  n->u.sub.market = market;
  for (int32_t i = 0; i < count; i++) {
    /* normalise the padding after the NUL */
    const char* code = codes + 8 * i;
    size_t len = strlen(code);
    memcpy(n->codes + 8 * i, code, len);
  }
  int32_t rc = conn_enqueue(m->h.conn, n);
  if (rc != HFT_OK) req_node_free(n);
  return rc;
}

HFT_API int32_t hft_md_subscribe(hft_md_t* m, int32_t market, const char* codes, int32_t count) {
  return queue_sub(m, 1, market, codes, count);
}

HFT_API int32_t hft_md_unsubscribe(hft_md_t* m, int32_t market, const char* codes, int32_t count) {
  return queue_sub(m, 2, market, codes, count);
}

HFT_API int32_t hft_md_poll(hft_md_t* m, hft_event_t* out, int32_t max_events) {
  int64_t entered = LATENCY_NOW();
  int32_t n = handle_poll((handle_base_t*)m, MD_KIND, out, max_events);
  if (n > 0) LATENCY_STAMP_AT(LATENCY_MD_POLLED, entered);
  return n;
}

HFT_API int32_t hft_md_arm(hft_md_t* m) { return handle_arm((handle_base_t*)m, MD_KIND); }

#if defined(HFTSIM_TEST_HOOKS) /* the test library only (conn_test_hooks.c) */
HFT_API int32_t hft_md_test_emit(hft_md_t* m, uint32_t count) {
  if (!m) return set_error(HFT_E_INVALID_ARG, MD_KIND " is NULL");
  return conn_test_emit(m->h.conn, count);
}
#endif

HFT_API void hft_md_release(hft_md_t* m) {
  if (!m) return;
  handle_release(&m->h);
  handle_wipe(&m->login, sizeof m->login);
  free(m->subs);
  free(m);
}
