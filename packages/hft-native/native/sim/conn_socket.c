/* conn_socket.c — socket set-up for a connection: non-blocking TCP connect with a timeout, and
 * waits on a socket (or a sleep) that release() interrupts through the wake-up channel. The
 * system calls go through net_compat.h (POSIX sockets or Winsock). */
#if !defined(_GNU_SOURCE) && !defined(_WIN32)
#  define _GNU_SOURCE /* NI_MAXHOST */
#endif
#include <errno.h>
#include <string.h>

#include "conn_internal.h"
#include "last_error.h"
#include "net_compat.h"

const char* conn_errno_name(int e) {
  switch (e) {
    case ECONNREFUSED: return "ECONNREFUSED";
    case ECONNRESET: return "ECONNRESET";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EHOSTUNREACH: return "EHOSTUNREACH";
    case ENETUNREACH: return "ENETUNREACH";
    case ENETDOWN: return "ENETDOWN";
    case EPIPE: return "EPIPE";
    case ECONNABORTED: return "ECONNABORTED";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EACCES: return "EACCES";
    case EMFILE: return "EMFILE";
    case ENOBUFS: return "ENOBUFS";
    case ENOMEM: return "ENOMEM";
    default: return "errno";
  }
}

/* Waits for `events` on fd or the wake pipe. 1 ready, 0 timeout, -1 shutdown, -2 poll error. */
int conn_wait_fd(conn_t* c, net_socket_t fd, short events, int timeout_ms, short* revents) {
  struct pollfd p[2];
  p[0].fd = fd;
  p[0].events = events;
  p[1].fd = c->wake.rd;
  p[1].events = POLLIN;
  for (;;) {
    p[0].revents = p[1].revents = 0;
    int rc = net_poll(p, 2, timeout_ms);
    if (rc < 0) {
      if (net_last_error() == EINTR) continue;
      return -2;
    }
    if (p[1].revents & POLLIN) return -1;
    if (rc == 0) return 0;
    if (revents) *revents = p[0].revents;
    return 1;
  }
}

/* Interruptible sleep; returns -1 if shut down. */
int conn_sleep_ms(conn_t* c, int64_t ms) {
  struct pollfd p;
  p.fd = c->wake.rd;
  p.events = POLLIN;
  int64_t end = sync_now_ms() + ms;
  for (;;) {
    int64_t left = end - sync_now_ms();
    if (left <= 0) return 0;
    p.revents = 0;
    int rc = net_poll(&p, 1, (int)left);
    if (rc > 0) return -1;
    if (rc < 0 && net_last_error() != EINTR) return 0;
  }
}

/* Connects with the configured timeout. 0 with the socket in *out, or -1 with *os_error and why;
 * -2 if shut down. */
int conn_tcp_connect(conn_t* c, net_socket_t* out, int* os_error, char* why, size_t whylen) {
  char port[8];
  textf(port, sizeof port, "%u", (unsigned)c->cfg.port);
  struct addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  struct addrinfo* res = NULL;
  int grc = getaddrinfo(c->cfg.host, port, &hints, &res);
  if (grc != 0) {
#if defined(EAI_SYSTEM)
    *os_error = grc == EAI_SYSTEM ? errno : 0;
#else
    *os_error = 0;
#endif
    textf(why, whylen, "cannot resolve host '%s': %s", c->cfg.host, gai_strerror(grc));
    return -1;
  }
  int last_err = 0;
  int timed_out = 0;
  int64_t deadline = sync_now_ms() + c->cfg.connect_timeout_ms;
  for (struct addrinfo* ai = res; ai; ai = ai->ai_next) {
    net_socket_t fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd == NET_NO_SOCKET) {
      last_err = net_last_error();
      continue;
    }
    net_set_socket_options(fd);
    int rc = connect(fd, ai->ai_addr, (int)ai->ai_addrlen);
    int e = rc != 0 ? net_last_error() : 0;
    if (rc != 0 && !net_connect_in_progress(e)) {
      last_err = e;
      net_close(fd);
      continue;
    }
    if (rc != 0) {
      int64_t left = deadline - sync_now_ms();
      short rev = 0;
      int w = left > 0 ? conn_wait_fd(c, fd, POLLOUT, (int)left, &rev) : 0;
      if (w == -1) {
        net_close(fd);
        freeaddrinfo(res);
        return -2;
      }
      if (w == 0) {
        timed_out = 1;
        last_err = ETIMEDOUT;
        net_close(fd);
        continue;
      }
      int soerr = net_socket_error(fd);
      if (soerr != 0) {
        last_err = soerr;
        net_close(fd);
        continue;
      }
    }
    freeaddrinfo(res);
    *out = fd;
    return 0;
  }
  freeaddrinfo(res);
  *os_error = last_err;
  if (timed_out && last_err == ETIMEDOUT)
    textf(why, whylen, "connect to %s timed out after %d ms (ETIMEDOUT)", c->peer,
             (int)c->cfg.connect_timeout_ms);
  else if (last_err == ECONNREFUSED)
    textf(why, whylen, "connect to %s refused (ECONNREFUSED): is the server running on that port?",
             c->peer);
  else if (last_err == EHOSTUNREACH || last_err == ENETUNREACH || last_err == ENETDOWN)
    textf(why, whylen, "%s is unreachable (%s)", c->peer, conn_errno_name(last_err));
  else
    textf(why, whylen, "connect to %s failed: %s (%s)", c->peer, strerror(last_err),
             conn_errno_name(last_err));
  return -1;
}
