/* test_fuzz.c — bounded, seeded fuzzing of the frame reader and the decoders: random streams,
 * mutated valid frames, truncations, oversized lengths, random chunking. Must not crash (run it
 * under ASan/UBSan too), must keep the reader's buffer bounded, and valid random messages must
 * round-trip (encode -> decode -> encode gives the same bytes).
 *
 * Usage: test_fuzz [seed] [iterations]
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "fuzz_rand.h"
#include "wire_codec.h"

#define rnd fuzz_rnd
#define rnd_below fuzz_rnd_below

static const uint16_t k_types[] = {
  MSG_HEARTBEAT, MSG_ERROR, MSG_LOGIN_REQ, MSG_LOGIN_RSP, MSG_REPORT_SUBSCRIBE_REQ, MSG_ORDER_REQ,
  MSG_ORDER_RSP, MSG_CANCEL_REQ, MSG_CANCEL_RSP, MSG_ORDER_REPORT, MSG_TRADE_REPORT, MSG_RISK_NOTIFY,
  MSG_QUERY_REQ, MSG_QUERY_RSP, MSG_MD_LOGIN_REQ, MSG_MD_LOGIN_RSP, MSG_MD_SUBSCRIBE_REQ,
  MSG_MD_SUBSCRIBE_RSP, MSG_MARKET_DATA, MSG_BASE_INFO,
};
#define NTYPES ((int)(sizeof k_types / sizeof k_types[0]))

static uint8_t g_records[500 * sizeof(hft_order_report_t)];
static char g_codes[1000 * 8];

static size_t record_csize(int kind) {
  switch (kind) {
    case 1: return sizeof(hft_order_report_t);
    case 2: return sizeof(hft_trade_report_t);
    case 3: return sizeof(hft_position_t);
    case 4: return sizeof(hft_cash_t);
    default: return sizeof(hft_security_t);
  }
}

/* Encodes a random valid message of a random type; returns its length. */
static size_t random_frame(uint8_t* out, size_t cap) {
  uint16_t type = k_types[rnd_below(NTYPES)];
  const wire_layout_t* l = wire_layout(type);
  wire_msg_t msg;
  memset(&msg, 0, sizeof msg);
  fuzz_random_fields(l, (uint8_t*)&msg, 0);
  if (type == MSG_QUERY_RSP) {
    msg.query_rsp.kind = 1 + (int32_t)rnd_below(5);
    const wire_layout_t* rl = wire_record_layout(msg.query_rsp.kind);
    uint32_t n = rnd_below(rnd() & 7 ? 5 : 501);
    memset(g_records, 0, sizeof g_records);
    for (uint32_t i = 0; i < n; i++) fuzz_random_fields(rl, g_records + i * record_csize(msg.query_rsp.kind), 0);
    msg.query_rsp.count = n;
    msg.query_rsp.encode_records = g_records;
  }
  if (type == MSG_MD_SUBSCRIBE_REQ) {
    uint32_t n = 1 + rnd_below(rnd() & 7 ? 5 : 1000);
    memset(g_codes, 0, sizeof g_codes);
    for (uint32_t i = 0; i < n; i++)
      for (uint32_t k = 0, m = rnd_below(8); k < m; k++) g_codes[8 * i + k] = (char)('0' + rnd_below(10));
    msg.md_sub_req.count = n;
    msg.md_sub_req.codes = g_codes;
  }
  size_t len = 0;
  wire_err_t err;
  int rc = wire_encode(type, (uint32_t)rnd(), &msg, out, cap, &len, &err);
  CHECK(rc == WIRE_OK, "random %s does not encode: %s", wire_type_name(type), err.reason);
  return rc == WIRE_OK ? len : 0;
}

static uint8_t g_frame[WIRE_MAX_LENGTH + 64];
static uint8_t g_reencoded[WIRE_MAX_LENGTH + 64];

/* Round trip: decode a frame we encoded, re-encode the decoded message, compare bytes. */
static void round_trip(const uint8_t* frame, size_t len) {
  frame_reader_t r;
  REQUIRE(frame_reader_init(&r) == 0, "init");
  wire_frame_t f;
  wire_err_t err;
  int rc = 0;
  for (size_t off = 0; off < len && rc == 0;) {
    size_t avail;
    uint8_t* sp = frame_reader_space(&r, &avail);
    REQUIRE(sp != NULL, "reader out of memory");
    size_t n = len - off < avail ? len - off : avail;
    memcpy(sp, frame + off, n);
    frame_reader_commit(&r, n);
    off += n;
    rc = frame_reader_next(&r, &f, &err);
  }
  CHECK(rc == 1, "valid frame not read: %s", rc < 0 ? err.reason : "incomplete");
  if (rc == 1) {
    wire_msg_t msg;
    rc = wire_decode(&f, &msg, &err);
    CHECK(rc == WIRE_OK, "valid %s does not decode: %s", wire_type_name(f.type), err.reason);
    if (rc == WIRE_OK) {
      if (f.type == MSG_QUERY_RSP) {
        size_t cs = record_csize(msg.query_rsp.kind);
        for (uint32_t i = 0; i < msg.query_rsp.count; i++) {
          wire_record_t rec;
          wire_decode_record(&msg.query_rsp, i, &rec);
          memcpy(g_records + i * cs, &rec, cs);
        }
        msg.query_rsp.encode_records = g_records;
      }
      size_t len2 = 0;
      rc = wire_encode(f.type, f.seq, &msg, g_reencoded, sizeof g_reencoded, &len2, &err);
      CHECK(rc == WIRE_OK && len2 == len && memcmp(g_reencoded, frame, len) == 0, "%s does not round-trip",
            wire_type_name(f.type));
    }
  }
  frame_reader_free(&r);
}

/* Streams bytes through a reader in random chunks, decoding every frame; returns frames read. */
static int stream(const uint8_t* bytes, size_t len) {
  frame_reader_t r;
  REQUIRE(frame_reader_init(&r) == 0, "init");
  size_t off = 0;
  int frames = 0;
  while (off < len) {
    size_t avail;
    uint8_t* sp = frame_reader_space(&r, &avail);
    REQUIRE(sp != NULL, "reader out of memory");
    CHECK(r.cap <= WIRE_MAX_LENGTH + 4 + 64 * 1024, "reader buffer grew to %zu", r.cap);
    size_t n = 1 + rnd_below(rnd() & 1 ? 16 : 70000);
    if (n > len - off) n = len - off;
    if (n > avail) n = avail;
    memcpy(sp, bytes + off, n);
    frame_reader_commit(&r, n);
    off += n;
    wire_frame_t f;
    wire_err_t err;
    int rc;
    while ((rc = frame_reader_next(&r, &f, &err)) == 1) {
      frames++;
      wire_msg_t msg;
      if (wire_decode(&f, &msg, &err) == WIRE_OK && f.type == MSG_QUERY_RSP) {
        for (uint32_t i = 0; i < msg.query_rsp.count; i++) {
          wire_record_t rec;
          wire_decode_record(&msg.query_rsp, i, &rec);
        }
      }
    }
    if (rc < 0) {
      CHECK(err.code == WIRE_E_MALFORMED || err.code == WIRE_E_OVERSIZED || err.code == WIRE_E_VERSION,
            "reader error class %d", err.code);
      break; /* a receiver closes the connection here */
    }
  }
  frame_reader_free(&r);
  return frames;
}

static uint8_t g_stream[4 * 1024 * 1024];

int main(int argc, char** argv) {
  uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 20260126;
  int iterations = argc > 2 ? atoi(argv[2]) : 3000;
  fuzz_seed(seed);
  printf("test_fuzz: seed %llu, %d iterations\n", (unsigned long long)seed, iterations);

  /* 1. valid random messages round-trip, and a stream of them reads back completely */
  for (int it = 0; it < iterations; it++) {
    size_t len = random_frame(g_frame, sizeof g_frame);
    if (len) round_trip(g_frame, len);
  }
  {
    size_t total = 0;
    int n = 0;
    while (n < 2000) {
      size_t len = random_frame(g_stream + total, sizeof g_stream - total);
      if (!len || total + len > sizeof g_stream / 2) break;
      total += len;
      n++;
    }
    int got = stream(g_stream, total);
    CHECK(got == n, "stream of %d valid frames read %d", n, got);
  }

  /* 2. mutated valid frames: byte flips, truncation, garbage appended, length field rewritten */
  for (int it = 0; it < iterations; it++) {
    size_t len = random_frame(g_stream, sizeof g_stream / 2);
    if (!len) continue;
    switch (rnd_below(5)) {
      case 0:
        for (int k = 0, m = 1 + (int)rnd_below(8); k < m; k++) {
          uint32_t at = rnd_below((uint32_t)len);
          g_stream[at] ^= (uint8_t)(1 << rnd_below(8));
        }
        break;
      case 1:
        len = rnd_below((uint32_t)len);
        break;
      case 2:
        for (int k = 0, m = (int)rnd_below(300); k < m; k++) g_stream[len++] = (uint8_t)rnd();
        break;
      case 3: {
        uint32_t fl = (uint32_t)rnd();
        if (rnd() & 1) fl %= 2 * WIRE_MAX_LENGTH;
        memcpy(g_stream, &fl, 4);
        break;
      }
      default:
        g_stream[6] = (uint8_t)rnd(); /* version */
        break;
    }
    stream(g_stream, len);
  }

  /* 3. pure random streams (and random streams behind a valid 4-byte length) */
  for (int it = 0; it < iterations / 10; it++) {
    size_t len = 1 + rnd_below(200000);
    for (size_t k = 0; k < len; k++) g_stream[k] = (uint8_t)rnd();
    if (it & 1) {
      uint32_t fl = 8 + rnd_below(300);
      memcpy(g_stream, &fl, 4);
      g_stream[6] = 1;
      g_stream[7] = 0;
    }
    stream(g_stream, len);
  }

  /* 4. oversized lengths are rejected from the first 4 bytes, without allocating */
  {
    static const uint32_t sizes[] = { WIRE_MAX_LENGTH + 1, 0x7fffffffu, 0xffffffffu, 0x10000000u };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
      frame_reader_t r;
      REQUIRE(frame_reader_init(&r) == 0, "init");
      size_t avail;
      uint8_t* sp = frame_reader_space(&r, &avail);
      memcpy(sp, &sizes[i], 4);
      frame_reader_commit(&r, 4);
      wire_frame_t f;
      wire_err_t err;
      CHECK(frame_reader_next(&r, &f, &err) == -1 && err.code == WIRE_E_OVERSIZED, "length %u not rejected",
            (unsigned)sizes[i]);
      sp = frame_reader_space(&r, &avail);
      CHECK(r.cap <= 128 * 1024, "reader grew to %zu for an oversized length", r.cap);
      frame_reader_free(&r);
    }
  }

  /* 5. a legal 1 MiB frame is read (through growth) and the buffer stays bounded */
  {
    uint32_t fl = WIRE_MAX_LENGTH;
    memset(g_stream, 0, 4 + fl);
    memcpy(g_stream, &fl, 4);
    g_stream[4] = 0x77; /* unknown type: the reader must still deliver it to the decoder */
    g_stream[6] = 1;
    frame_reader_t r;
    REQUIRE(frame_reader_init(&r) == 0, "init");
    size_t off = 0;
    int got = 0;
    while (off < 4 + (size_t)fl) {
      size_t avail;
      uint8_t* sp = frame_reader_space(&r, &avail);
      size_t n = 4 + fl - off < avail ? 4 + fl - off : avail;
      memcpy(sp, g_stream + off, n);
      frame_reader_commit(&r, n);
      off += n;
      wire_frame_t f;
      wire_err_t err;
      if (frame_reader_next(&r, &f, &err) == 1) {
        got = 1;
        CHECK(f.len == fl - 8, "1 MiB frame payload %u", (unsigned)f.len);
        wire_msg_t msg;
        CHECK(wire_decode(&f, &msg, &err) == WIRE_E_UNKNOWN_TYPE, "1 MiB unknown type");
      }
    }
    CHECK(got, "1 MiB frame not read");
    frame_reader_free(&r);
  }
  return check_summary("test_fuzz");
}
