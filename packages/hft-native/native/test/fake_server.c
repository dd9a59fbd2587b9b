/* fake_server.c — see fake_server.h. Sockets through the library's net_compat.h, so the same
 * peer runs on POSIX and (MinGW + winpthreads) on Windows. */
#if !defined(_WIN32)
#  define _GNU_SOURCE
#endif
#include "fake_server.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "net_compat.h"

struct fake_server {
  net_socket_t listen_fd;
  uint16_t port;
  fs_handler_fn handler;
  void* ud;
  pthread_mutex_t mu;
  net_socket_t conn_fd;
  int stop;
  int heartbeat_ms;
  int paused;
  int accepted;
  int received[0x300];
  uint32_t tx_seq;
  pthread_t thread;
  net_wake_t wake;
};

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void* server_main(void* arg) {
  fake_server_t* fs = (fake_server_t*)arg;
  frame_reader_t reader;
  frame_reader_init(&reader);
  int64_t last_hb = now_ms();
  for (;;) {
    pthread_mutex_lock(&fs->mu);
    int stop = fs->stop, hb = fs->heartbeat_ms, paused = fs->paused;
    net_socket_t cfd = fs->conn_fd, lfd = fs->listen_fd;
    pthread_mutex_unlock(&fs->mu);
    if (stop) break;
    struct pollfd p[3];
    int np = 0;
    p[np].fd = fs->wake.rd;
    p[np++].events = POLLIN;
    int li = -1, ci = -1;
    if (lfd != NET_NO_SOCKET && cfd == NET_NO_SOCKET) {
      li = np;
      p[np].fd = lfd;
      p[np++].events = POLLIN;
    }
    if (cfd != NET_NO_SOCKET && !paused) {
      ci = np;
      p[np].fd = cfd;
      p[np++].events = POLLIN;
    }
    for (int i = 0; i < np; i++) p[i].revents = 0;
    int timeout = 20;
    net_poll(p, (unsigned)np, timeout);
    if (p[0].revents & POLLIN) net_wake_drain(&fs->wake);
    if (li >= 0 && (p[li].revents & POLLIN)) {
      net_socket_t fd = accept(lfd, NULL, NULL);
      if (fd != NET_NO_SOCKET) {
        pthread_mutex_lock(&fs->mu);
        fs->conn_fd = fd;
        fs->accepted++;
        fs->tx_seq = 1;
        pthread_mutex_unlock(&fs->mu);
        frame_reader_reset(&reader);
        last_hb = now_ms();
      }
      continue;
    }
    if (ci >= 0 && (p[ci].revents & (POLLIN | POLLHUP | POLLERR))) {
      size_t avail;
      uint8_t* sp = frame_reader_space(&reader, &avail);
      net_ssize_t n = net_recv(cfd, sp, avail);
      if (n <= 0) {
        fs_drop(fs);
        continue;
      }
      frame_reader_commit(&reader, (size_t)n);
      wire_frame_t f;
      wire_err_t err;
      int rc;
      while ((rc = frame_reader_next(&reader, &f, &err)) == 1) {
        wire_msg_t msg;
        if (wire_decode(&f, &msg, &err) != WIRE_OK) {
          fs_drop(fs);
          break;
        }
        pthread_mutex_lock(&fs->mu);
        if (f.type < 0x300) fs->received[f.type]++;
        pthread_mutex_unlock(&fs->mu);
        if (fs->handler) fs->handler(fs, f.type, &msg, fs->ud);
      }
      if (rc < 0) fs_drop(fs);
    }
    if (hb > 0 && now_ms() - last_hb >= hb) {
      fs_send(fs, MSG_HEARTBEAT, NULL);
      last_hb = now_ms();
    }
  }
  frame_reader_free(&reader);
  return NULL;
}

fake_server_t* fs_start(fs_handler_fn handler, void* ud) {
  fake_server_t* fs = (fake_server_t*)calloc(1, sizeof *fs);
  fs->handler = handler;
  fs->ud = ud;
  fs->conn_fd = NET_NO_SOCKET;
  pthread_mutex_init(&fs->mu, NULL);
  char err[128];
  if (net_init(err, sizeof err) != 0 || net_wake_open(&fs->wake, err, sizeof err) != 0) abort();
  fs->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fs->listen_fd, SOL_SOCKET, SO_REUSEADDR, (const char*)&one, sizeof one);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fs->listen_fd, (struct sockaddr*)&a, sizeof a) != 0 || listen(fs->listen_fd, 8) != 0) abort();
  socklen_t al = sizeof a;
  getsockname(fs->listen_fd, (struct sockaddr*)&a, &al);
  fs->port = ntohs(a.sin_port);
  pthread_create(&fs->thread, NULL, server_main, fs);
  return fs;
}

uint16_t fs_port(fake_server_t* fs) { return fs->port; }

void fs_set_heartbeat(fake_server_t* fs, int ms) {
  pthread_mutex_lock(&fs->mu);
  fs->heartbeat_ms = ms;
  pthread_mutex_unlock(&fs->mu);
}

int fs_send(fake_server_t* fs, uint16_t type, const void* msg) {
  static uint8_t buf[WIRE_MAX_LENGTH + 16];
  pthread_mutex_lock(&fs->mu);
  int rc = -1;
  if (fs->conn_fd != NET_NO_SOCKET) {
    size_t len = 0;
    wire_err_t err;
    if (wire_encode(type, fs->tx_seq++, msg, buf, sizeof buf, &len, &err) == WIRE_OK) {
      size_t off = 0;
      rc = 0;
      while (off < len) {
        net_ssize_t n = net_send(fs->conn_fd, buf + off, len - off);
        if (n <= 0) {
          rc = -1;
          break;
        }
        off += (size_t)n;
      }
    }
  }
  pthread_mutex_unlock(&fs->mu);
  return rc;
}

void fs_drop(fake_server_t* fs) {
  pthread_mutex_lock(&fs->mu);
  if (fs->conn_fd != NET_NO_SOCKET) {
    net_close(fs->conn_fd);
    fs->conn_fd = NET_NO_SOCKET;
  }
  pthread_mutex_unlock(&fs->mu);
  net_wake_signal(&fs->wake);
}

void fs_close_listener(fake_server_t* fs) {
  pthread_mutex_lock(&fs->mu);
  if (fs->listen_fd != NET_NO_SOCKET) {
    net_close(fs->listen_fd);
    fs->listen_fd = NET_NO_SOCKET;
  }
  pthread_mutex_unlock(&fs->mu);
  net_wake_signal(&fs->wake);
}

void fs_stop(fake_server_t* fs) {
  pthread_mutex_lock(&fs->mu);
  fs->stop = 1;
  pthread_mutex_unlock(&fs->mu);
  net_wake_signal(&fs->wake);
  pthread_join(fs->thread, NULL);
  if (fs->conn_fd != NET_NO_SOCKET) net_close(fs->conn_fd);
  if (fs->listen_fd != NET_NO_SOCKET) net_close(fs->listen_fd);
  net_wake_close(&fs->wake);
  pthread_mutex_destroy(&fs->mu);
  free(fs);
}

int fs_accepted(fake_server_t* fs) {
  pthread_mutex_lock(&fs->mu);
  int n = fs->accepted;
  pthread_mutex_unlock(&fs->mu);
  return n;
}

int fs_received(fake_server_t* fs, uint16_t type) {
  pthread_mutex_lock(&fs->mu);
  int n = type < 0x300 ? fs->received[type] : 0;
  pthread_mutex_unlock(&fs->mu);
  return n;
}

int fs_wait_received(fake_server_t* fs, uint16_t type, int n, int ms) {
  int64_t end = now_ms() + ms;
  while (now_ms() < end) {
    if (fs_received(fs, type) >= n) return 1;
    usleep(2000);
  }
  return fs_received(fs, type) >= n;
}

int fs_wait_accepted(fake_server_t* fs, int n, int ms) {
  int64_t end = now_ms() + ms;
  while (now_ms() < end) {
    if (fs_accepted(fs) >= n) return 1;
    usleep(2000);
  }
  return fs_accepted(fs) >= n;
}

void fs_set_reading(fake_server_t* fs, int on) {
  pthread_mutex_lock(&fs->mu);
  fs->paused = !on;
  pthread_mutex_unlock(&fs->mu);
  net_wake_signal(&fs->wake);
}
