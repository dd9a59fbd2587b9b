/*
 * sync.h — the few threading primitives the library needs (mutex, condition variable, thread,
 * monotonic clock), so that ring.c compiles both here (POSIX threads) and inside the Windows
 * vendor shim (Win32 primitives). The Win32 branch is compiled by the MinGW cross-build
 * (build/win32-x64/); the C tests run on POSIX only.
 */
#ifndef TSGATE_SYNC_H
#define TSGATE_SYNC_H

#include <stdint.h>

#if defined(_WIN32)
#  include <windows.h>
typedef SRWLOCK sync_mutex_t;
typedef CONDITION_VARIABLE sync_cond_t;
typedef HANDLE sync_thread_t;
#else
#  include <pthread.h>
typedef pthread_mutex_t sync_mutex_t;
typedef pthread_cond_t sync_cond_t;
typedef pthread_t sync_thread_t;
#endif

typedef void* (*sync_thread_fn)(void* arg);

int sync_mutex_init(sync_mutex_t* m);
void sync_mutex_destroy(sync_mutex_t* m);
void sync_mutex_lock(sync_mutex_t* m);
void sync_mutex_unlock(sync_mutex_t* m);

int sync_cond_init(sync_cond_t* c);
void sync_cond_destroy(sync_cond_t* c);
void sync_cond_wait(sync_cond_t* c, sync_mutex_t* m);
/* Waits at most `ms` milliseconds (monotonic clock). Spurious wake-ups possible: re-check. */
void sync_cond_timedwait_ms(sync_cond_t* c, sync_mutex_t* m, int64_t ms);
void sync_cond_signal(sync_cond_t* c);
void sync_cond_broadcast(sync_cond_t* c);

/* 0 on success, else an errno-style code. */
int sync_thread_start(sync_thread_t* t, sync_thread_fn fn, void* arg);
void sync_thread_join(sync_thread_t t);
void sync_thread_detach(sync_thread_t t);
/* Non-zero if the caller is thread `t`. */
int sync_thread_is_self(sync_thread_t t);

/* Monotonic milliseconds (arbitrary origin). */
int64_t sync_now_ms(void);

#endif /* TSGATE_SYNC_H */
