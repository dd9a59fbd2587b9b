/* net_compat.c — see net_compat.h: the POSIX and the Winsock side of the socket calls. */
#if !defined(_GNU_SOURCE) && !defined(_WIN32)
#  define _GNU_SOURCE
#endif
#include "net_compat.h"

#include <errno.h>
#include <string.h>

#include "last_error.h"

#if defined(_WIN32)

int net_init(char* err, size_t errlen) {
  /* WSAStartup counts its calls; one per connection is balanced by nothing, which is fine for a
   * process-lifetime library (WSACleanup at exit is optional). Version 2.2 as documented. */
  static volatile LONG started = 0;
  if (InterlockedCompareExchange(&started, 1, 0) != 0) return 0;
  WSADATA data;
  int rc = WSAStartup(MAKEWORD(2, 2), &data);
  if (rc != 0) {
    InterlockedExchange(&started, 0);
    textf(err, errlen, "WSAStartup failed (Winsock error %d)", rc);
    return -1;
  }
  return 0;
}

/* WSAE* -> errno, for the codes a TCP client meets (Windows Sockets Error Codes). */
static int map_wsa(int e) {
  switch (e) {
    case WSAEWOULDBLOCK: return EWOULDBLOCK;
    case WSAEINPROGRESS: return EINPROGRESS;
    case WSAEINTR: return EINTR;
    case WSAECONNREFUSED: return ECONNREFUSED;
    case WSAECONNRESET: return ECONNRESET;
    case WSAECONNABORTED: return ECONNABORTED;
    case WSAETIMEDOUT: return ETIMEDOUT;
    case WSAEHOSTUNREACH: return EHOSTUNREACH;
    case WSAENETUNREACH: return ENETUNREACH;
    case WSAENETDOWN: return ENETDOWN;
    case WSAENETRESET: return ECONNRESET;
    case WSAESHUTDOWN: return EPIPE;
    case WSAENOTCONN: return ENOTCONN;
    case WSAEADDRNOTAVAIL: return EADDRNOTAVAIL;
    case WSAEACCES: return EACCES;
    case WSAEMFILE: return EMFILE;
    case WSAENOBUFS: return ENOBUFS;
    case WSAEINVAL: return EINVAL;
    default: return e;
  }
}

int net_last_error(void) { return map_wsa(WSAGetLastError()); }

int net_connect_in_progress(int e) { return e == EWOULDBLOCK || e == EINPROGRESS; }

void net_close(net_socket_t s) { closesocket(s); }

void net_set_nonblock(net_socket_t s) {
  u_long on = 1;
  ioctlsocket(s, FIONBIO, &on);
}

int net_poll(struct pollfd* fds, unsigned n, int timeout_ms) { return WSAPoll(fds, (ULONG)n, timeout_ms); }

net_ssize_t net_send(net_socket_t s, const void* buf, size_t len) {
  return send(s, (const char*)buf, len > INT32_MAX ? INT32_MAX : (int)len, 0);
}

net_ssize_t net_recv(net_socket_t s, void* buf, size_t len) {
  return recv(s, (char*)buf, len > INT32_MAX ? INT32_MAX : (int)len, 0);
}

int net_socket_error(net_socket_t s) {
  int soerr = 0;
  int len = sizeof soerr;
  if (getsockopt(s, SOL_SOCKET, SO_ERROR, (char*)&soerr, &len) != 0) return net_last_error();
  return map_wsa(soerr);
}

void net_set_socket_options(net_socket_t s) {
  BOOL one = TRUE;
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char*)&one, sizeof one);
  net_set_nonblock(s);
}

/* A connected loopback TCP pair: listen on 127.0.0.1:0, connect, accept, close the listener. */
int net_wake_open(net_wake_t* w, char* err, size_t errlen) {
  w->rd = w->wr = NET_NO_SOCKET;
  if (net_init(err, errlen) != 0) return -1;
  SOCKET lst = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (lst == INVALID_SOCKET) goto fail;
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int alen = sizeof a;
  if (bind(lst, (struct sockaddr*)&a, sizeof a) != 0 || listen(lst, 1) != 0 ||
      getsockname(lst, (struct sockaddr*)&a, &alen) != 0)
    goto fail;
  w->wr = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (w->wr == INVALID_SOCKET || connect(w->wr, (struct sockaddr*)&a, sizeof a) != 0) goto fail;
  w->rd = accept(lst, NULL, NULL);
  if (w->rd == INVALID_SOCKET) goto fail;
  closesocket(lst);
  net_set_socket_options(w->rd);
  net_set_socket_options(w->wr);
  return 0;
fail:
  textf(err, errlen, "loopback socket pair failed (Winsock error %d)", WSAGetLastError());
  if (lst != INVALID_SOCKET) closesocket(lst);
  net_wake_close(w);
  return -1;
}

void net_wake_signal(net_wake_t* w) { send(w->wr, "x", 1, 0); }

void net_wake_drain(net_wake_t* w) {
  char b[64];
  while (recv(w->rd, b, sizeof b, 0) > 0) {
  }
}

#else /* POSIX */

#  include <fcntl.h>
#  include <unistd.h>

int net_init(char* err, size_t errlen) {
  (void)err;
  (void)errlen;
  return 0;
}

int net_last_error(void) { return errno; }

int net_connect_in_progress(int e) { return e == EINPROGRESS; }

void net_close(net_socket_t s) { close(s); }

void net_set_nonblock(net_socket_t s) {
  int fl = fcntl(s, F_GETFL, 0);
  if (fl >= 0) fcntl(s, F_SETFL, fl | O_NONBLOCK);
  fcntl(s, F_SETFD, FD_CLOEXEC);
}

int net_poll(struct pollfd* fds, unsigned n, int timeout_ms) { return poll(fds, (nfds_t)n, timeout_ms); }

net_ssize_t net_send(net_socket_t s, const void* buf, size_t len) {
#  if defined(MSG_NOSIGNAL)
  return send(s, buf, len, MSG_NOSIGNAL);
#  else
  return send(s, buf, len, 0); /* SO_NOSIGPIPE is set per socket (macOS) */
#  endif
}

net_ssize_t net_recv(net_socket_t s, void* buf, size_t len) { return recv(s, buf, len, 0); }

int net_socket_error(net_socket_t s) {
  int soerr = 0;
  socklen_t len = sizeof soerr;
  if (getsockopt(s, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0) return errno;
  return soerr;
}

void net_set_socket_options(net_socket_t s) {
  int one = 1;
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#  if defined(SO_NOSIGPIPE)
  setsockopt(s, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#  endif
  net_set_nonblock(s);
}

int net_wake_open(net_wake_t* w, char* err, size_t errlen) {
  int p[2];
  if (pipe(p) != 0) {
    textf(err, errlen, "cannot create the wake-up pipe: %s", strerror(errno));
    w->rd = w->wr = NET_NO_SOCKET;
    return -1;
  }
  w->rd = p[0];
  w->wr = p[1];
  net_set_nonblock(w->rd);
  net_set_nonblock(w->wr);
  return 0;
}

void net_wake_signal(net_wake_t* w) {
  ssize_t wr;
  do {
    wr = write(w->wr, "x", 1);
  } while (wr < 0 && errno == EINTR);
}

void net_wake_drain(net_wake_t* w) {
  char b[64];
  while (read(w->rd, b, sizeof b) > 0) {
  }
}

#endif

void net_wake_close(net_wake_t* w) {
  if (w->rd != NET_NO_SOCKET) net_close(w->rd);
  if (w->wr != NET_NO_SOCKET) net_close(w->wr);
  w->rd = w->wr = NET_NO_SOCKET;
}
