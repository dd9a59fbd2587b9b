/* fake_server.h — a scripted loopback peer for the C session tests: accepts one connection at a
 * time on 127.0.0.1:<ephemeral>, decodes frames with the library's codec and hands them to a
 * handler on the server thread; the test sends frames and drops connections at will. */
#ifndef TSGATE_FAKE_SERVER_H
#define TSGATE_FAKE_SERVER_H

#include <stdint.h>

#include "wire_codec.h"

typedef struct fake_server fake_server_t;

/* Called on the server thread for every decoded frame from the client. */
typedef void (*fs_handler_fn)(fake_server_t* fs, uint16_t type, const wire_msg_t* msg, void* ud);

fake_server_t* fs_start(fs_handler_fn handler, void* ud);
uint16_t fs_port(fake_server_t* fs);
/* Server heartbeat period (0 = never send heartbeats). */
void fs_set_heartbeat(fake_server_t* fs, int ms);
/* Encodes and sends one frame to the current connection; 0 ok, -1 no connection / error. */
int fs_send(fake_server_t* fs, uint16_t type, const void* msg);
/* Stops (0) or resumes (1) reading from the client, to build up TCP backpressure. */
void fs_set_reading(fake_server_t* fs, int on);
/* Closes the current connection (the server keeps listening). */
void fs_drop(fake_server_t* fs);
/* Stops listening too (new connects are refused). */
void fs_close_listener(fake_server_t* fs);
void fs_stop(fake_server_t* fs);

/* Counters (thread-safe snapshots). */
int fs_accepted(fake_server_t* fs);
int fs_received(fake_server_t* fs, uint16_t type);
/* Waits up to ms for fs_received(type) >= n; returns 1 if reached. */
int fs_wait_received(fake_server_t* fs, uint16_t type, int n, int ms);
int fs_wait_accepted(fake_server_t* fs, int n, int ms);

#endif
