/* check.h — minimal assertions for the C tests: count failures, keep going, exit non-zero. */
#ifndef TSGATE_TEST_CHECK_H
#define TSGATE_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int g_failures = 0;
static int g_checks = 0;

/* each evaluates `cond` exactly once */
#define CHECK_(cond, fatal, ...)                                         \
  do {                                                                   \
    g_checks++;                                                          \
    if (!(cond)) {                                                       \
      g_failures++;                                                      \
      fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);    \
      fprintf(stderr, __VA_ARGS__);                                      \
      fputc('\n', stderr);                                               \
      if (fatal) exit(1);                                                \
    }                                                                    \
  } while (0)
#define CHECK(cond, ...) CHECK_(cond, 0, __VA_ARGS__)
#define REQUIRE(cond, ...) CHECK_(cond, 1, __VA_ARGS__)

static int check_summary(const char* name) {
  if (g_failures) {
    fprintf(stderr, "%s: %d of %d checks FAILED\n", name, g_failures, g_checks);
    return 1;
  }
  printf("%s: all %d checks passed\n", name, g_checks);
  return 0;
}

#endif
