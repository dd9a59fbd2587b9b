/* test_codec.c — the C codec against docs/protocol-vectors.json (converted to lines by
 * scripts/vectors-to-lines.mjs): for every vector, decode(hex) == fields (also when the frame
 * arrives one byte at a time or coalesced with others) and encode(fields) == hex; every invalid
 * vector gives its expected error class.
 *
 * Usage: test_codec <vectors.txt>
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "wire_codec.h"

#define MAX_LINE 70000
#define MAX_FRAME (WIRE_MAX_LENGTH + 16)
#define MAX_FIELDS 64
#define MAX_RECORDS 8
#define MAX_CODES 16

typedef struct expect_field {
  char name[48];
  char tag; /* i, b, s, a */
  long long ival;
  long long arr[5];
  char text[256];
  size_t textlen;
} expect_field_t;

typedef struct vector {
  char name[256];
  uint16_t type;
  uint32_t seq;
  uint8_t* frame;
  size_t frame_len;
  expect_field_t fields[MAX_FIELDS];
  int nfields;
  expect_field_t rec_fields[MAX_RECORDS][MAX_FIELDS];
  int rec_nfields[MAX_RECORDS];
  int nrecords;
  char codes[MAX_CODES][8];
  int ncodes;
} vector_t;

static int unhex(const char* h, uint8_t* out, size_t cap, size_t* outlen) {
  if (strcmp(h, "-") == 0) {
    *outlen = 0;
    return 0;
  }
  size_t n = strlen(h);
  if (n % 2 || n / 2 > cap) return -1;
  for (size_t i = 0; i < n / 2; i++) {
    unsigned v;
    if (sscanf(h + 2 * i, "%2x", &v) != 1) return -1;
    out[i] = (uint8_t)v;
  }
  *outlen = n / 2;
  return 0;
}

static const wire_field_t* find_field(const wire_layout_t* l, const char* name) {
  for (int i = 0; i < l->nfields; i++)
    if (strcmp(l->fields[i].name, name) == 0) return &l->fields[i];
  return NULL;
}

static long long get_int(const uint8_t* base, const wire_field_t* fd) {
  const uint8_t* p = base + fd->offset;
  int is_signed = fd->kind == WF_I32 || fd->kind == WF_I64;
  switch (fd->csize) {
    case 1: return *(const uint8_t*)p;
    case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 4:
      if (is_signed || fd->kind == WF_U8 || fd->kind == WF_BOOL || fd->kind == WF_U16) {
        int32_t v; memcpy(&v, p, 4); return v;
      } else { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { int64_t v; memcpy(&v, p, 8); return v; }
  }
}

static void set_int(uint8_t* base, const wire_field_t* fd, long long v) {
  uint8_t* p = base + fd->offset;
  switch (fd->csize) {
    case 1: { uint8_t x = (uint8_t)v; memcpy(p, &x, 1); break; }
    case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
    case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
    default: { int64_t x = v; memcpy(p, &x, 8); break; }
  }
}

/* Compares the struct at base against the expected fields; also checks every layout field was
 * given by the vector. */
static void compare_fields(const char* vname, const wire_layout_t* l, const uint8_t* base,
                           const expect_field_t* fs, int n) {
  for (int i = 0; i < n; i++) {
    const expect_field_t* e = &fs[i];
    const wire_field_t* fd = find_field(l, e->name);
    if (!fd) {
      CHECK(strcmp(e->name, "count") == 0 && l->type == MSG_QUERY_RSP, "[%s] %s has no field %s", vname, l->name,
            e->name);
      continue;
    }
    if (e->tag == 'i' || e->tag == 'b') {
      long long got = get_int(base, fd);
      CHECK(got == e->ival, "[%s] %s.%s: decoded %lld, expected %lld", vname, l->name, e->name, got, e->ival);
    } else if (e->tag == 'a') {
      for (int k = 0; k < 5; k++) {
        int64_t got;
        memcpy(&got, base + fd->offset + 8 * k, 8);
        CHECK(got == e->arr[k], "[%s] %s.%s[%d]: decoded %lld, expected %lld", vname, l->name, e->name, k,
              (long long)got, e->arr[k]);
      }
    } else {
      const char* got = (const char*)base + fd->offset;
      CHECK(strlen(got) == e->textlen && memcmp(got, e->text, e->textlen) == 0,
            "[%s] %s.%s: decoded \"%s\", expected \"%.*s\"", vname, l->name, e->name, got, (int)e->textlen,
            e->text);
    }
  }
  for (int i = 0; i < l->nfields; i++) {
    int seen = 0;
    for (int k = 0; k < n; k++) seen |= strcmp(fs[k].name, l->fields[i].name) == 0;
    CHECK(seen, "[%s] vector does not give %s.%s", vname, l->name, l->fields[i].name);
  }
}

static void fill_fields(const char* vname, const wire_layout_t* l, uint8_t* base, const expect_field_t* fs, int n) {
  for (int i = 0; i < n; i++) {
    const expect_field_t* e = &fs[i];
    const wire_field_t* fd = find_field(l, e->name);
    if (!fd) continue;
    if (e->tag == 'i' || e->tag == 'b') set_int(base, fd, e->ival);
    else if (e->tag == 'a') memcpy(base + fd->offset, e->arr, 40);
    else {
      CHECK(e->textlen < fd->csize, "[%s] %s.%s: text of %zu bytes does not fit", vname, l->name, e->name, e->textlen);
      if (e->textlen < fd->csize) memcpy(base + fd->offset, e->text, e->textlen);
    }
  }
}

static size_t record_csize(int kind) {
  switch (kind) {
    case 1: return sizeof(hft_order_report_t);
    case 2: return sizeof(hft_trade_report_t);
    case 3: return sizeof(hft_position_t);
    case 4: return sizeof(hft_cash_t);
    case 5: return sizeof(hft_security_t);
    default: return 0;
  }
}

/* Feeds `len` bytes to a fresh reader in chunks of `chunk` bytes; returns the reader result of
 * the first frame (1 frame / -1 error / 0 incomplete). Frame bytes are copied to `copy`. */
static int read_one(const uint8_t* bytes, size_t len, size_t chunk, wire_frame_t* f, uint8_t* copy,
                    wire_err_t* err) {
  frame_reader_t r;
  REQUIRE(frame_reader_init(&r) == 0, "reader init");
  size_t off = 0;
  int rc = 0;
  while (off < len) {
    size_t avail;
    uint8_t* sp = frame_reader_space(&r, &avail);
    size_t n = len - off < chunk ? len - off : chunk;
    if (n > avail) n = avail;
    memcpy(sp, bytes + off, n);
    frame_reader_commit(&r, n);
    off += n;
    rc = frame_reader_next(&r, f, err);
    if (rc != 0) break;
  }
  if (rc == 1) {
    memcpy(copy, f->payload, f->len);
    f->payload = copy;
  }
  frame_reader_free(&r);
  return rc;
}

static uint8_t g_payload[MAX_FRAME];
static uint8_t g_out[MAX_FRAME];

static void run_vector(vector_t* v) {
  const wire_layout_t* l = wire_layout(v->type);
  CHECK(l != NULL, "[%s] unknown type 0x%04x", v->name, v->type);
  if (!l) return;
  static const size_t chunks[] = { 1, 7, 1 << 20 };
  for (size_t ci = 0; ci < sizeof chunks / sizeof chunks[0]; ci++) {
    wire_frame_t f;
    wire_err_t err;
    int rc = read_one(v->frame, v->frame_len, chunks[ci], &f, g_payload, &err);
    CHECK(rc == 1, "[%s] frame reader (chunks of %zu) returned %d: %s", v->name, chunks[ci], rc,
          rc < 0 ? err.reason : "");
    if (rc != 1) return;
    CHECK(f.type == v->type && f.seq == v->seq && f.version == 1, "[%s] header type 0x%04x seq %u", v->name,
          f.type, (unsigned)f.seq);
    wire_msg_t msg;
    rc = wire_decode(&f, &msg, &err);
    CHECK(rc == WIRE_OK, "[%s] decode failed: %d %s", v->name, rc, err.reason);
    if (rc != WIRE_OK) return;
    if (ci) continue; /* field comparison once */
    compare_fields(v->name, l, (const uint8_t*)&msg, v->fields, v->nfields);
    if (v->type == MSG_QUERY_RSP) {
      const wire_query_rsp_t* q = &msg.query_rsp;
      CHECK(q->count == (uint32_t)v->nrecords, "[%s] count %u, expected %d", v->name, (unsigned)q->count,
            v->nrecords);
      const wire_layout_t* rl = wire_record_layout(q->kind);
      for (int i = 0; rl && i < v->nrecords && (uint32_t)i < q->count; i++) {
        wire_record_t rec;
        wire_decode_record(q, (uint32_t)i, &rec);
        compare_fields(v->name, rl, (const uint8_t*)&rec, v->rec_fields[i], v->rec_nfields[i]);
      }
    }
    if (v->type == MSG_MD_SUBSCRIBE_REQ) {
      CHECK(msg.md_sub_req.count == (uint32_t)v->ncodes, "[%s] %u codes, expected %d", v->name,
            (unsigned)msg.md_sub_req.count, v->ncodes);
      for (int i = 0; i < v->ncodes && (uint32_t)i < msg.md_sub_req.count; i++)
        CHECK(strcmp(msg.md_sub_req.codes + 8 * i, v->codes[i]) == 0, "[%s] code %d \"%s\" expected \"%s\"",
              v->name, i, msg.md_sub_req.codes + 8 * i, v->codes[i]);
    }
  }

  /* coalesced: the frame three times in one buffer */
  {
    frame_reader_t r;
    REQUIRE(frame_reader_init(&r) == 0, "reader init");
    int frames = 0;
    for (int rep = 0; rep < 3; rep++) {
      size_t avail;
      uint8_t* sp = frame_reader_space(&r, &avail);
      REQUIRE(avail >= v->frame_len, "space");
      memcpy(sp, v->frame, v->frame_len);
      frame_reader_commit(&r, v->frame_len);
    }
    wire_frame_t f;
    wire_err_t err;
    while (frame_reader_next(&r, &f, &err) == 1) frames++;
    CHECK(frames == 3, "[%s] coalesced: %d frames, expected 3", v->name, frames);
    frame_reader_free(&r);
  }

  /* encode */
  wire_msg_t msg;
  memset(&msg, 0, sizeof msg);
  fill_fields(v->name, l, (uint8_t*)&msg, v->fields, v->nfields);
  static uint8_t records[MAX_RECORDS * sizeof(hft_order_report_t)];
  char codes[MAX_CODES * 8];
  if (v->type == MSG_QUERY_RSP) {
    wire_query_rsp_t* q = &msg.query_rsp;
    const wire_layout_t* rl = wire_record_layout(q->kind);
    size_t cs = record_csize(q->kind);
    memset(records, 0, sizeof records);
    for (int i = 0; rl && i < v->nrecords; i++)
      fill_fields(v->name, rl, records + (size_t)i * cs, v->rec_fields[i], v->rec_nfields[i]);
    q->count = (uint32_t)v->nrecords;
    q->encode_records = records;
  }
  if (v->type == MSG_MD_SUBSCRIBE_REQ) {
    memset(codes, 0, sizeof codes);
    for (int i = 0; i < v->ncodes; i++) memcpy(codes + 8 * i, v->codes[i], 8);
    msg.md_sub_req.count = (uint32_t)v->ncodes;
    msg.md_sub_req.codes = codes;
  }
  size_t len = 0;
  wire_err_t err;
  int rc = wire_encode(v->type, v->seq, v->type == MSG_HEARTBEAT ? NULL : &msg, g_out, sizeof g_out, &len, &err);
  CHECK(rc == WIRE_OK, "[%s] encode failed: %s", v->name, err.reason);
  if (rc == WIRE_OK) {
    CHECK(len == v->frame_len && memcmp(g_out, v->frame, len) == 0, "[%s] encoded %zu bytes differ from the vector's %zu",
          v->name, len, v->frame_len);
    CHECK(wire_encoded_size(v->type, &msg) + WIRE_HEADER_SIZE == len, "[%s] wire_encoded_size", v->name);
  }
}

static void run_invalid(const char* name, const uint8_t* bytes, size_t len, int expected) {
  wire_frame_t f;
  wire_err_t err;
  int got = 0;
  for (size_t chunk = 1; chunk <= (1 << 20); chunk = chunk == 1 ? (1 << 20) : chunk * 2) {
    memset(&err, 0, sizeof err);
    int rc = read_one(bytes, len, chunk, &f, g_payload, &err);
    if (rc < 0) got = err.code;
    else if (rc == 1) {
      wire_msg_t msg;
      got = wire_decode(&f, &msg, &err);
    } else got = -1;
    CHECK(got == expected, "[%s] (chunks of %zu) got error %d (%s), expected %d", name, chunk, got, err.reason,
          expected);
  }
}

static char g_line[MAX_LINE];

/* The ABI's error texts (HFT_ERROR_MSG_SIZE) are wider than the wire's (WIRE_TEXT_SIZE): a text
 * that fits the wire round-trips, a longer one is refused by name, never written past its field. */
static void test_wide_text_fields(void) {
  static hft_order_report_t r, back;
  static uint8_t out[1024];
  size_t len = 0;
  wire_err_t err;
  memset(&r, 0, sizeof r);
  r.side = HFT_SIDE_BID;
  r.order_type = HFT_ORDER_LMT;
  r.status = HFT_STATUS_REJECTED;
  memset(r.error_msg, 'x', WIRE_TEXT_SIZE - 1);
  CHECK(wire_encode(MSG_ORDER_REPORT, 1, &r, out, sizeof out, &len, &err) == 0, "127-byte text: %s", err.reason);
  CHECK(len == WIRE_HEADER_SIZE + WIRE_ORDER_RECORD, "frame of %zu bytes", len);
  wire_frame_t f;
  wire_msg_t m;
  REQUIRE(read_one(out, len, 1 << 20, &f, g_payload, &err) == 1 && wire_decode(&f, &m, &err) == WIRE_OK,
          "decodes: %s", err.reason);
  back = m.order_report;
  CHECK(strlen(back.error_msg) == WIRE_TEXT_SIZE - 1 && memcmp(back.error_msg, r.error_msg, WIRE_TEXT_SIZE - 1) == 0,
        "text round-trips");
  memset(r.error_msg, 'y', 200);
  memset(out, 0, sizeof out);
  CHECK(wire_encode(MSG_ORDER_REPORT, 2, &r, out, sizeof out, &len, &err) == WIRE_E_ENCODE &&
            strstr(err.reason, "errorMsg") && strstr(err.reason, "127"),
        "200-byte text refused by name: %s", err.reason);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_codec <vectors.txt>\n");
    return 2;
  }
  FILE* fp = fopen(argv[1], "r");
  REQUIRE(fp != NULL, "cannot open %s", argv[1]);
  static vector_t v;
  static uint8_t framebuf[MAX_FRAME];
  int nvec = 0, ninv = 0;
  expect_field_t* cur = NULL;
  int* curn = NULL;
  while (fgets(g_line, sizeof g_line, fp)) {
    g_line[strcspn(g_line, "\r\n")] = 0;
    char tag = g_line[0];
    if (tag == 'V') {
      memset(&v, 0, sizeof v);
      char namehex[600], framehex[MAX_LINE];
      unsigned type, seq;
      REQUIRE(sscanf(g_line, "V %599s %u %u %s", namehex, &type, &seq, framehex) == 4, "bad line %s", g_line);
      size_t nl;
      unhex(namehex, (uint8_t*)v.name, sizeof v.name - 1, &nl);
      v.type = (uint16_t)type;
      v.seq = seq;
      REQUIRE(unhex(framehex, framebuf, sizeof framebuf, &v.frame_len) == 0, "bad hex in %s", v.name);
      v.frame = framebuf;
      cur = v.fields;
      curn = &v.nfields;
    } else if (tag == 'F' || tag == 'A') {
      REQUIRE(cur && *curn < MAX_FIELDS, "field outside a vector");
      expect_field_t* e = &cur[(*curn)++];
      memset(e, 0, sizeof *e);
      if (tag == 'A') {
        e->tag = 'a';
        REQUIRE(sscanf(g_line, "A %47s %lld %lld %lld %lld %lld", e->name, &e->arr[0], &e->arr[1], &e->arr[2],
                       &e->arr[3], &e->arr[4]) == 6, "bad line %s", g_line);
      } else {
        char val[600];
        REQUIRE(sscanf(g_line, "F %47s %c %599s", e->name, &e->tag, val) == 3, "bad line %s", g_line);
        if (e->tag == 's') REQUIRE(unhex(val, (uint8_t*)e->text, sizeof e->text - 1, &e->textlen) == 0, "hex");
        else e->ival = atoll(val);
      }
    } else if (tag == 'R') {
      REQUIRE(v.nrecords < MAX_RECORDS, "too many records");
      cur = v.rec_fields[v.nrecords];
      curn = &v.rec_nfields[v.nrecords];
      v.nrecords++;
    } else if (tag == 'C') {
      REQUIRE(v.ncodes < MAX_CODES, "too many codes");
      size_t cl;
      REQUIRE(unhex(g_line + 2, (uint8_t*)v.codes[v.ncodes], 7, &cl) == 0, "code hex");
      v.ncodes++;
    } else if (tag == 'E') {
      run_vector(&v);
      nvec++;
      cur = NULL;
    } else if (tag == 'I') {
      char namehex[600], framehex[MAX_LINE], name[300] = { 0 };
      int expected;
      REQUIRE(sscanf(g_line, "I %599s %s %d", namehex, framehex, &expected) == 3, "bad line %.80s", g_line);
      size_t nl, fl;
      unhex(namehex, (uint8_t*)name, sizeof name - 1, &nl);
      REQUIRE(unhex(framehex, framebuf, sizeof framebuf, &fl) == 0, "bad hex in %s", name);
      run_invalid(name, framebuf, fl, expected);
      ninv++;
    }
  }
  fclose(fp);
  CHECK(nvec > 0, "no vectors read");
  /* every message type has at least one vector */
  test_wide_text_fields();
  printf("test_codec: %d vectors, %d invalid vectors\n", nvec, ninv);
  return check_summary("test_codec");
}
