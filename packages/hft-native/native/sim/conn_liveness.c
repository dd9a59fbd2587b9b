/* conn_liveness.c — is the peer alive in both directions? Received traffic proves only the
 * server → client direction; a one-way loss of client → server bytes (issue 18.6: the server keeps
 * sending heartbeats, our requests vanish) shows only as requests nobody answers. So the network
 * thread fails the connection when
 *   - nothing at all was received for heartbeat_timeout_ms (the peer is silent), or
 *   - the login, or the oldest in-flight request (order, cancel, query), has been unanswered for
 *     heartbeat_timeout_ms: the mock server and the broker answer those at once, so an answer
 *     this late means our bytes are not arriving. The reconnect resends the in-flight requests
 *     (marked resent) and the report-sequence resume reconciles the rest.
 * One bound for both, the configured heartbeat timeout, so a user tunes one setting; the second
 * applies only while frames still arrive (else the first one names the fault). */
#include <errno.h>

#include "conn_internal.h"
#include "wire_codec.h"

/* The unanswered request due first: the login while logging in, else the oldest in flight (the
 * in-flight list is in write order). 1 with *since and *type (0 = login) if there is one. */
static int oldest_unanswered(conn_t* c, int64_t* since, uint16_t* type) {
  int found = 1;
  sync_mutex_lock(&c->mu);
  if (c->state == CONN_LOGGING_IN) {
    *since = c->connected_ms;
    *type = 0;
  } else if (c->inf_head) {
    *since = c->inf_head->sent_ms;
    *type = c->inf_head->type;
  } else {
    found = 0;
  }
  sync_mutex_unlock(&c->mu);
  return found;
}

void conn_check_silence(conn_t* c, int64_t now) {
  if (c->fail_set || now - c->last_rx_ms < c->cfg.heartbeat_timeout_ms) return;
  conn_fail(c, 1, ETIMEDOUT, "heartbeat timeout: nothing received from %s for %d ms", c->peer,
            (int)c->cfg.heartbeat_timeout_ms);
}

void conn_check_answers(conn_t* c, int64_t now) {
  if (c->fail_set) return;
  int32_t bound = c->cfg.heartbeat_timeout_ms;
  /* Only while the server is still sending: a peer that has gone quiet is reported as silent by
   * conn_check_silence within half a bound more, so each fault gets the one diagnosis that fits. */
  if (now - c->last_rx_ms >= bound / 2) return;
  uint16_t type = 0;
  int64_t since = 0;
  if (!oldest_unanswered(c, &since, &type)) return;
  /* an answer that arrived while we waited for the host to drain the ring is still unread */
  if (c->ring_waited_ms > since) since = c->ring_waited_ms;
  if (now - since < bound) return;
  conn_fail(c, 1, ETIMEDOUT,
            "no answer from %s to the %s request for %d ms although the server is sending: our requests "
            "are not reaching it (one-way loss)",
            c->peer, type ? wire_type_name(type) : "login", (int)bound);
}
