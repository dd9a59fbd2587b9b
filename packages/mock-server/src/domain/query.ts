/**
 * Paged queries. One call answers one page of at most `queryNum` records (1–500, else 4001) from
 * the position given by `posStr` (empty: the start) and returns the `posStr` of the next page.
 *
 * `posStr` is opaque to clients. Inside it is a letter for the kind and either an index into the
 * day's append-only list (orders `O:17`, trades `T:17`, cash `C:1`: new records only ever go
 * after it) or the last symbol returned (positions `P:SH.600000`, securities `S:SZ.000001`, which
 * are sorted by symbol and may gain rows in the middle). Either way a client paging to the end
 * sees every record that existed when it started exactly once. A `posStr` not of this form, of
 * another kind, or past the end is 4002.
 */

import type { QueryReq, QueryRsp } from "../protocol/messages.js";
import { ErrorCode, QueryKind } from "../protocol/messages.js";
import { MAX_QUERY_NUM, MIN_QUERY_NUM } from "./constants.js";

/** A page of source items (records are made from them by the caller). */
export interface Page<T> {
  items: T[];
  nextPosStr: string;
  isLast: boolean;
}

const PREFIX: Record<number, string> = {
  [QueryKind.Orders]: "O",
  [QueryKind.Trades]: "T",
  [QueryKind.Positions]: "P",
  [QueryKind.Cash]: "C",
  [QueryKind.Securities]: "S",
};

/** The query's error answer (no records, last page). */
export function queryError(req: QueryReq, code: number, message: string): QueryRsp {
  return {
    requestId: req.requestId,
    kind: req.kind,
    errorCode: code,
    errorMsg: message,
    nextPosStr: "",
    isLast: true,
    records: [],
  };
}

/** 4003 / 4001 checks; undefined when the kind and page size are valid. */
export function checkQuery(req: QueryReq): QueryRsp | undefined {
  if (PREFIX[req.kind] === undefined) {
    return queryError(
      req,
      ErrorCode.QUERY_BAD_KIND,
      `invalid query kind ${req.kind}: expected 1 (orders) to 5 (securities)`,
    );
  }
  if (!Number.isInteger(req.queryNum) || req.queryNum < MIN_QUERY_NUM || req.queryNum > MAX_QUERY_NUM) {
    return queryError(
      req,
      ErrorCode.QUERY_BAD_QUERY_NUM,
      `invalid queryNum ${req.queryNum}: expected ${MIN_QUERY_NUM} to ${MAX_QUERY_NUM} records per page`,
    );
  }
  return undefined;
}

/**
 * A page of an append-only list, from the index in `posStr`, keeping items that `match`.
 * Returns undefined for an invalid `posStr`.
 */
export function pageByIndex<T>(
  kind: QueryKind,
  list: readonly T[],
  posStr: string,
  queryNum: number,
  match: (item: T) => boolean,
): Page<T> | undefined {
  const prefix = PREFIX[kind];
  let start = 0;
  if (posStr !== "") {
    const m = /^([A-Z]):(0|[1-9]\d{0,14})$/.exec(posStr);
    if (m === null || m[1] !== prefix) return undefined;
    start = Number(m[2]);
    if (start > list.length) return undefined;
  }
  const items: T[] = [];
  let i = start;
  for (; i < list.length && items.length < queryNum; i++) {
    const item = list[i] as T;
    if (match(item)) items.push(item);
  }
  const next = i;
  let isLast = true;
  for (; i < list.length; i++) {
    if (match(list[i] as T)) {
      isLast = false;
      break;
    }
  }
  return { items, nextPosStr: `${prefix}:${next}`, isLast };
}

/**
 * A page of a list sorted by `symbol`, after the symbol in `posStr`, keeping items that `match`.
 * Returns undefined for an invalid `posStr`.
 */
export function pageBySymbol<T extends { readonly symbol: string }>(
  kind: QueryKind,
  sorted: readonly T[],
  posStr: string,
  queryNum: number,
  match: (item: T) => boolean,
): Page<T> | undefined {
  const prefix = PREFIX[kind];
  let after = "";
  if (posStr !== "") {
    const m = /^([A-Z]):((?:SH|SZ)\.\d{6})$/.exec(posStr);
    if (m === null || m[1] !== prefix) return undefined;
    after = m[2] as string;
  }
  const items: T[] = [];
  let isLast = true;
  for (const item of sorted) {
    if (item.symbol <= after || !match(item)) continue;
    if (items.length === queryNum) {
      isLast = false;
      break;
    }
    items.push(item);
  }
  const lastItem = items[items.length - 1];
  const nextPosStr = lastItem === undefined ? posStr : `${prefix}:${lastItem.symbol}`;
  return { items, nextPosStr, isLast };
}
