/* batch_cancel.c — hft_trader_cancel_orders: a batch of cancels by server order id, checked as a
 * whole before any is queued. Each is an ordinary cancel request on the wire. */
#include <string.h>

#include "hft_api.h"
#include "last_error.h"

#define ORDER_ID_SIZE 32

HFT_API int32_t hft_trader_cancel_orders(hft_trader_t* t, const char* order_ids, int32_t count) {
  if (!t) return set_error(HFT_E_INVALID_ARG, "trader handle is NULL");
  if (!order_ids) return set_error(HFT_E_INVALID_ARG, "order_ids is NULL");
  if (count < 1 || count > HFT_BATCH_CANCEL_MAX)
    return set_error(HFT_E_INVALID_ARG, "count must be 1-%d, got %d", HFT_BATCH_CANCEL_MAX, (int)count);
  for (int32_t i = 0; i < count; i++) {
    const char* id = order_ids + (size_t)i * ORDER_ID_SIZE;
    size_t n = strnlen(id, ORDER_ID_SIZE);
    if (n == 0) return set_error(HFT_E_INVALID_ARG, "order_ids[%d] is empty", (int)i);
    if (n >= ORDER_ID_SIZE) return set_error(HFT_E_INVALID_ARG, "order_ids[%d] is not NUL-terminated within 32 bytes", (int)i);
  }
  for (int32_t i = 0; i < count; i++) {
    int32_t rc = hft_trader_cancel_order(t, order_ids + (size_t)i * ORDER_ID_SIZE, "");
    if (rc != HFT_OK) return rc; /* queue full or not logged in: the earlier ones are queued */
  }
  return HFT_OK;
}
