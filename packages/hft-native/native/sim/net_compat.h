/*
 * net_compat.h — the few socket calls the connection code makes, on POSIX sockets and on Winsock
 * (MinGW cross-build, build/win32-x64/). Everything that differs lives here and in net_compat.c:
 *   - the socket type (int / SOCKET) and "no socket" (-1 / INVALID_SOCKET);
 *   - close (close / closesocket), poll (poll / WSAPoll), non-blocking mode (fcntl / ioctlsocket);
 *   - error codes: Winsock reports WSAGetLastError() values (WSAECONNREFUSED...), mapped here to the
 *     errno names the rest of the code and the status texts use, so both systems read alike;
 *   - the wake-up channel that release() makes readable to interrupt every wait: a pipe on POSIX;
 *     on Windows a connected loopback TCP pair, because WSAPoll takes sockets only;
 *   - Winsock's WSAStartup, once per process (net_init).
 * Sources (Microsoft Learn, Winsock reference, read 2026-12-02): WSAPoll ("fdarray ... sockets"),
 * ioctlsocket FIONBIO, closesocket, shutdown SD_BOTH, "Windows Sockets Error Codes" (WSAE*),
 * connect on a non-blocking socket fails with WSAEWOULDBLOCK while in progress.
 */
#ifndef TSGATE_NET_COMPAT_H
#define TSGATE_NET_COMPAT_H

#include <stddef.h>

#if defined(_WIN32)
#  include <winsock2.h>
#  include <ws2tcpip.h>
typedef SOCKET net_socket_t;
typedef int net_ssize_t;
#  define NET_NO_SOCKET INVALID_SOCKET
#  define NET_SHUT_RDWR SD_BOTH
#  define NET_SHUT_WR SD_SEND
#else
#  include <netdb.h>
#  include <netinet/in.h>
#  include <netinet/tcp.h>
#  include <poll.h>
#  include <sys/socket.h>
#  include <sys/types.h>
typedef int net_socket_t;
typedef ssize_t net_ssize_t;
#  define NET_NO_SOCKET (-1)
#  define NET_SHUT_RDWR SHUT_RDWR
#  define NET_SHUT_WR SHUT_WR
#endif

/* Once per process before any socket (WSAStartup on Windows; nothing on POSIX). 0, or -1 with
 * the reason in err. */
int net_init(char* err, size_t errlen);

/* The error of the last failed socket call on this thread, as an errno value (ECONNREFUSED...). */
int net_last_error(void);
/* 1 if `e` (from net_last_error) after connect() on a non-blocking socket means "in progress". */
int net_connect_in_progress(int e);

void net_close(net_socket_t s);
/* Non-blocking (and close-on-exec on POSIX). */
void net_set_nonblock(net_socket_t s);
/* poll() / WSAPoll(): the same struct pollfd and POLLIN / POLLOUT / POLLERR / POLLHUP. */
int net_poll(struct pollfd* fds, unsigned n, int timeout_ms);
/* One send on the (non-blocking) socket; never raises SIGPIPE. */
net_ssize_t net_send(net_socket_t s, const void* buf, size_t len);
net_ssize_t net_recv(net_socket_t s, void* buf, size_t len);
/* The pending error of a socket after a non-blocking connect (SO_ERROR), as an errno value. */
int net_socket_error(net_socket_t s);
/* TCP_NODELAY, and no SIGPIPE where the system offers it per socket. */
void net_set_socket_options(net_socket_t s);

/* The wake-up channel: `rd` goes in the poll set; net_wake_signal makes it readable for good. */
typedef struct net_wake {
  net_socket_t rd;
  net_socket_t wr;
} net_wake_t;

/* 0, or -1 with the reason in err. */
int net_wake_open(net_wake_t* w, char* err, size_t errlen);
void net_wake_signal(net_wake_t* w);
/* Reads what the signals wrote, so `rd` is quiet again (a channel that is signalled repeatedly,
 * like the C tests' scripted peer; release() never drains). */
void net_wake_drain(net_wake_t* w);
void net_wake_close(net_wake_t* w);

#endif
