/*
 * wire_codec.h — encoder/decoder of the tsgate wire protocol v1 (docs/protocol.md) into/from the
 * structs of hft_api.h, and a streaming frame reader.
 *
 * Every field is read and written byte by byte, little-endian; wire bytes are never cast to
 * structs. Decoders check sizes, NUL-terminated strings, enum ranges and the ±(2^53-1) range of
 * 64-bit integers (what the TypeScript side can hold exactly); encoders check the same and never
 * truncate text.
 */
#ifndef TSGATE_WIRE_CODEC_H
#define TSGATE_WIRE_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "hft_api.h"

#define WIRE_VERSION 1
#define WIRE_HEADER_SIZE 12        /* u32 length | u16 type | u16 version | u32 seq */
#define WIRE_MIN_LENGTH 8u         /* value of `length` for an empty payload */
#define WIRE_MAX_LENGTH 1048576u   /* largest legal `length` */
#define WIRE_MAX_SUBSCRIBE_CODES 1000
#define WIRE_MAX_SAFE_INT 9007199254740991LL /* 2^53 - 1 */

/* message types */
#define MSG_HEARTBEAT 0x0001
#define MSG_ERROR 0x0002
#define MSG_LOGIN_REQ 0x0101
#define MSG_LOGIN_RSP 0x0102
#define MSG_REPORT_SUBSCRIBE_REQ 0x0103
#define MSG_ORDER_REQ 0x0110
#define MSG_ORDER_RSP 0x0111
#define MSG_CANCEL_REQ 0x0112
#define MSG_CANCEL_RSP 0x0113
#define MSG_ORDER_REPORT 0x0120
#define MSG_TRADE_REPORT 0x0121
#define MSG_RISK_NOTIFY 0x0122
#define MSG_QUERY_REQ 0x0130
#define MSG_QUERY_RSP 0x0131
#define MSG_MD_LOGIN_REQ 0x0201
#define MSG_MD_LOGIN_RSP 0x0202
#define MSG_MD_SUBSCRIBE_REQ 0x0203
#define MSG_MD_SUBSCRIBE_RSP 0x0204
#define MSG_MARKET_DATA 0x0210
#define MSG_BASE_INFO 0x0211

/* payload sizes (protocol.md, "Payload sizes") */
#define WIRE_QUERY_RSP_FIXED 174
#define WIRE_MD_SUBSCRIBE_REQ_FIXED 4
#define WIRE_ORDER_RECORD 283
#define WIRE_TRADE_RECORD 161
#define WIRE_POSITION_RECORD 96
#define WIRE_CASH_RECORD 80
#define WIRE_SECURITY_RECORD 130

/* error classes: the protocol's own codes, so a receiver can send them in ERROR */
#define WIRE_OK 0
#define WIRE_E_MALFORMED 9001
#define WIRE_E_OVERSIZED 9002
#define WIRE_E_UNKNOWN_TYPE 9003
#define WIRE_E_VERSION 9004
#define WIRE_E_ENCODE 1 /* encoder: text does not fit, value out of range, buffer too small */

typedef struct wire_err {
  int code;
  char reason[160];
} wire_err_t;

/* A frame as received: payload points into the reader's buffer. */
typedef struct wire_frame {
  uint16_t type;
  uint16_t version;
  uint32_t seq;
  uint32_t len;
  const uint8_t* payload;
} wire_frame_t;

/* Bytes of every text field for error messages on the wire (message, errorMsg; docs/protocol.md).
 * The ABI's fields are wider (HFT_ERROR_MSG_SIZE, for the vendor's texts), so these wire fields
 * have this size, not their C member's. */
#define WIRE_TEXT_SIZE 128

/* ---- message structs: the hft_api.h struct, plus the fields the ABI carries elsewhere
 * (response error codes travel in hft_event_header_t.error_code) ---- */
typedef struct wire_error {
  int32_t code;
  uint32_t ref_seq;
  char message[HFT_ERROR_MSG_SIZE]; /* as hft_error_info_t.message; WIRE_TEXT_SIZE on the wire */
} wire_error_t;

typedef struct wire_login_rsp {
  int32_t error_code;
  hft_login_rsp_t rsp;
} wire_login_rsp_t;

typedef struct wire_report_sub {
  uint64_t after_seq;
} wire_report_sub_t;

typedef struct wire_order_rsp {
  int32_t error_code;
  hft_order_rsp_t rsp;
} wire_order_rsp_t;

typedef struct wire_cancel_req {
  char order_id[32];
  char cl_order_id[32];
} wire_cancel_req_t;

typedef struct wire_cancel_rsp {
  int32_t error_code;
  hft_cancel_rsp_t rsp;
} wire_cancel_rsp_t;

typedef struct wire_query_rsp {
  uint32_t request_id;
  int32_t kind;
  int32_t error_code;
  char error_msg[HFT_ERROR_MSG_SIZE]; /* WIRE_TEXT_SIZE on the wire */
  char next_pos_str[32];
  int32_t is_last;
  uint32_t count;
  /* decode: the records' wire bytes (validated; read one with wire_decode_record);
   * encode: `count` structs of the kind (hft_order_report_t, hft_trade_report_t, hft_position_t,
   * hft_cash_t, hft_security_t) */
  const uint8_t* records;
  const void* encode_records;
} wire_query_rsp_t;

typedef struct wire_md_login_req {
  char user[32];
  char password[64];
} wire_md_login_req_t;

typedef struct wire_md_login_rsp {
  int32_t error_code;
  char error_msg[HFT_ERROR_MSG_SIZE]; /* WIRE_TEXT_SIZE on the wire */
} wire_md_login_rsp_t;

/* The library copies these texts into the events whole (memcpy of the event field's size). */
#ifndef __cplusplus
_Static_assert(sizeof(((wire_error_t*)0)->message) == HFT_ERROR_MSG_SIZE, "wire_error_t.message");
_Static_assert(sizeof(((wire_query_rsp_t*)0)->error_msg) == HFT_ERROR_MSG_SIZE, "wire_query_rsp_t.error_msg");
_Static_assert(sizeof(((wire_md_login_rsp_t*)0)->error_msg) == HFT_ERROR_MSG_SIZE, "wire_md_login_rsp_t.error_msg");
#endif

typedef struct wire_md_sub_req {
  int32_t action;
  int32_t market;
  uint32_t count;
  const char* codes; /* count x char[8]; decode: points into the payload */
} wire_md_sub_req_t;

typedef struct wire_md_sub_rsp {
  int32_t error_code;
  hft_sub_rsp_t rsp;
} wire_md_sub_rsp_t;

typedef union wire_msg {
  wire_error_t error;
  hft_login_req_t login_req;
  wire_login_rsp_t login_rsp;
  wire_report_sub_t report_sub;
  hft_order_req_t order_req;
  wire_order_rsp_t order_rsp;
  wire_cancel_req_t cancel_req;
  wire_cancel_rsp_t cancel_rsp;
  hft_order_report_t order_report;
  hft_trade_report_t trade_report;
  hft_risk_notify_t risk;
  hft_query_req_t query_req;
  wire_query_rsp_t query_rsp;
  wire_md_login_req_t md_login_req;
  wire_md_login_rsp_t md_login_rsp;
  wire_md_sub_req_t md_sub_req;
  wire_md_sub_rsp_t md_sub_rsp;
  hft_market_data_t market_data;
  hft_base_info_t base_info;
} wire_msg_t;

/* A query record decoded into its ABI struct. */
typedef union wire_record {
  hft_order_report_t order;
  hft_trade_report_t trade;
  hft_position_t position;
  hft_cash_t cash;
  hft_security_t security;
} wire_record_t;

/* ---- field tables (the codec is driven by them; tests use them to map vector fields) ---- */
enum wire_kind { WF_U8, WF_U16, WF_U32, WF_I32, WF_I64, WF_U64, WF_STR, WF_BOOL, WF_I64X5 };

typedef struct wire_field {
  const char* name;  /* camelCase name of protocol.md */
  uint8_t kind;      /* enum wire_kind */
  uint16_t size;     /* bytes on the wire */
  int16_t min, max;  /* enum range of a u8 field; min > max: not range-checked */
  uint16_t offset;   /* offset of the member in the C struct */
  uint16_t csize;    /* size of the C member (integer width, or char[] size) */
} wire_field_t;

typedef struct wire_layout {
  uint16_t type;        /* message type, or 0 for a query record layout */
  const char* name;     /* "ORDER_REPORT" */
  uint32_t size;        /* payload size; for QUERY_RSP / MD_SUBSCRIBE_REQ the fixed part */
  const wire_field_t* fields; /* the fields before any variable part */
  int nfields;
} wire_layout_t;

/* Layout of a message type, or NULL if unknown. */
const wire_layout_t* wire_layout(uint16_t type);
/* Record layout of a query kind (1..5), or NULL. */
const wire_layout_t* wire_record_layout(int kind);
/* Name of a message type ("LOGIN_RSP"), or "UNKNOWN". */
const char* wire_type_name(uint16_t type);
/* Type of a message name, or 0. */
uint16_t wire_type_by_name(const char* name);

/* Decodes a frame's payload into `out` (the member for f->type). Returns WIRE_OK or an error
 * class with the reason (naming the field). */
int wire_decode(const wire_frame_t* f, wire_msg_t* out, wire_err_t* err);
/* Decodes record `i` of a decoded QUERY_RSP. */
void wire_decode_record(const wire_query_rsp_t* q, uint32_t i, wire_record_t* out);

/* Encodes one whole frame (header + payload). `msg` points to the struct of the type (NULL for
 * HEARTBEAT). Returns WIRE_OK and the frame size in *outlen, or WIRE_E_ENCODE. */
int wire_encode(uint16_t type, uint32_t seq, const void* msg, uint8_t* out, size_t cap,
                size_t* outlen, wire_err_t* err);
/* Payload size a message will have (for buffer sizing), or 0 if the type is unknown. */
size_t wire_encoded_size(uint16_t type, const void* msg);

/* ---- streaming frame reader: partial and coalesced reads; an oversized length is rejected from
 * its 4 bytes, never allocated ---- */
typedef struct frame_reader {
  uint8_t* buf;
  size_t cap;
  size_t start; /* first unconsumed byte */
  size_t len;   /* bytes in buf */
} frame_reader_t;

int frame_reader_init(frame_reader_t* r);
void frame_reader_free(frame_reader_t* r);
void frame_reader_reset(frame_reader_t* r);
/* Where to read the next bytes into; *avail > 0 unless out of memory (then NULL). Frames
 * returned earlier become invalid. */
uint8_t* frame_reader_space(frame_reader_t* r, size_t* avail);
void frame_reader_commit(frame_reader_t* r, size_t n);
/* 1: a frame is in *f; 0: more bytes needed; -1: the stream is malformed (err; close it). */
int frame_reader_next(frame_reader_t* r, wire_frame_t* f, wire_err_t* err);

#endif
