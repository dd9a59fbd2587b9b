/* sync.c — POSIX and Win32 implementations of sync.h (Win32: compiled by the MinGW cross-build). */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#  define _POSIX_C_SOURCE 200809L
#endif
#include "sync.h"

#if defined(_WIN32)

int sync_mutex_init(sync_mutex_t* m) { InitializeSRWLock(m); return 0; }
void sync_mutex_destroy(sync_mutex_t* m) { (void)m; }
void sync_mutex_lock(sync_mutex_t* m) { AcquireSRWLockExclusive(m); }
void sync_mutex_unlock(sync_mutex_t* m) { ReleaseSRWLockExclusive(m); }
int sync_cond_init(sync_cond_t* c) { InitializeConditionVariable(c); return 0; }
void sync_cond_destroy(sync_cond_t* c) { (void)c; }
void sync_cond_wait(sync_cond_t* c, sync_mutex_t* m) { SleepConditionVariableSRW(c, m, INFINITE, 0); }
void sync_cond_timedwait_ms(sync_cond_t* c, sync_mutex_t* m, int64_t ms) {
  SleepConditionVariableSRW(c, m, ms <= 0 ? 0 : (DWORD)ms, 0);
}
void sync_cond_signal(sync_cond_t* c) { WakeConditionVariable(c); }
void sync_cond_broadcast(sync_cond_t* c) { WakeAllConditionVariable(c); }

typedef struct { sync_thread_fn fn; void* arg; } win_start_t;
static DWORD WINAPI win_thread_main(LPVOID p) {
  win_start_t s = *(win_start_t*)p;
  HeapFree(GetProcessHeap(), 0, p);
  s.fn(s.arg);
  return 0;
}
int sync_thread_start(sync_thread_t* t, sync_thread_fn fn, void* arg) {
  win_start_t* s = (win_start_t*)HeapAlloc(GetProcessHeap(), 0, sizeof *s);
  if (!s) return 12;
  s->fn = fn;
  s->arg = arg;
  *t = CreateThread(NULL, 0, win_thread_main, s, 0, NULL);
  if (!*t) { HeapFree(GetProcessHeap(), 0, s); return (int)GetLastError(); }
  return 0;
}
void sync_thread_join(sync_thread_t t) { WaitForSingleObject(t, INFINITE); CloseHandle(t); }
void sync_thread_detach(sync_thread_t t) { CloseHandle(t); }
int sync_thread_is_self(sync_thread_t t) { return GetThreadId(t) == GetCurrentThreadId(); }
int64_t sync_now_ms(void) { return (int64_t)GetTickCount64(); }

#else /* POSIX */

#include <errno.h>
#include <time.h>

int sync_mutex_init(sync_mutex_t* m) { return pthread_mutex_init(m, NULL); }
void sync_mutex_destroy(sync_mutex_t* m) { pthread_mutex_destroy(m); }
void sync_mutex_lock(sync_mutex_t* m) { pthread_mutex_lock(m); }
void sync_mutex_unlock(sync_mutex_t* m) { pthread_mutex_unlock(m); }

int sync_cond_init(sync_cond_t* c) {
#if defined(__APPLE__)
  return pthread_cond_init(c, NULL);
#else
  pthread_condattr_t a;
  int rc = pthread_condattr_init(&a);
  if (rc) return rc;
  pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
  rc = pthread_cond_init(c, &a);
  pthread_condattr_destroy(&a);
  return rc;
#endif
}
void sync_cond_destroy(sync_cond_t* c) { pthread_cond_destroy(c); }
void sync_cond_wait(sync_cond_t* c, sync_mutex_t* m) { pthread_cond_wait(c, m); }
void sync_cond_timedwait_ms(sync_cond_t* c, sync_mutex_t* m, int64_t ms) {
  if (ms < 0) ms = 0;
  struct timespec ts;
#if defined(__APPLE__)
  ts.tv_sec = (time_t)(ms / 1000);
  ts.tv_nsec = (long)(ms % 1000) * 1000000L;
  pthread_cond_timedwait_relative_np(c, m, &ts);
#else
  clock_gettime(CLOCK_MONOTONIC, &ts);
  ts.tv_sec += (time_t)(ms / 1000);
  ts.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec += 1;
    ts.tv_nsec -= 1000000000L;
  }
  pthread_cond_timedwait(c, m, &ts);
#endif
}
void sync_cond_signal(sync_cond_t* c) { pthread_cond_signal(c); }
void sync_cond_broadcast(sync_cond_t* c) { pthread_cond_broadcast(c); }

int sync_thread_start(sync_thread_t* t, sync_thread_fn fn, void* arg) {
  return pthread_create(t, NULL, fn, arg);
}
void sync_thread_join(sync_thread_t t) { pthread_join(t, NULL); }
void sync_thread_detach(sync_thread_t t) { pthread_detach(t); }
int sync_thread_is_self(sync_thread_t t) { return pthread_equal(t, pthread_self()); }

int64_t sync_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
