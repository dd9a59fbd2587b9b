/**
 * Short ids for people: an HFT order id is 23+ digits (`yyMMddHHmmss` + pid + counter, see
 * hft-gateway's order-ids), of which only the tail tells today's orders apart. An order is shown
 * by the shortest tail of its gateway-local id, at least {@link SHORT_ID_MIN_CHARS} characters,
 * that no other known order shares; the full vtOrderid is on hover (dashboard) and with `--full`
 * (terminal). The terminal accepts the short id back wherever it takes an order id.
 *
 * Both UIs compute it over the same set (every order the OMS knows), so they show the same text.
 *
 * Pure functions, shared by the browser and the terminal mode.
 *
 * @module
 */

/** Fewest characters of a short id (the counter part of an HFT order id has 4). */
export const SHORT_ID_MIN_CHARS = 4;

/** The gateway-local part of a vt id (`HFT.123` → `123`). */
export function localId(vtId: string): string {
  const dot = vtId.indexOf(".");
  return dot >= 0 ? vtId.slice(dot + 1) : vtId;
}

/**
 * The short display id of each vt id: the shortest tail of its local id (at least
 * {@link SHORT_ID_MIN_CHARS} characters, or the whole local id) that is the tail of no other one.
 */
export function shortIds(vtIds: Iterable<string>): Map<string, string> {
  const ids = [...new Set(vtIds)];
  const locals = ids.map(localId);
  const longest = Math.max(0, ...locals.map((l) => l.length));
  // How many local ids end with each tail, for every tail length in use.
  const tails = new Map<string, number>();
  for (const local of locals) {
    for (let n = Math.min(SHORT_ID_MIN_CHARS, local.length); n <= local.length; n++) {
      const tail = local.slice(-n);
      tails.set(tail, (tails.get(tail) ?? 0) + 1);
    }
  }
  const out = new Map<string, string>();
  ids.forEach((vtId, i) => {
    const local = locals[i] ?? vtId;
    let short = local;
    for (let n = Math.min(SHORT_ID_MIN_CHARS, local.length); n < Math.min(local.length, longest); n++) {
      const tail = local.slice(-n);
      if (tails.get(tail) === 1) {
        short = tail;
        break;
      }
    }
    out.set(vtId, short);
  });
  return out;
}

/** What a typed order id refers to among the known ones. */
export type IdMatch =
  | { readonly kind: "one"; readonly vtId: string }
  | { readonly kind: "none" }
  | { readonly kind: "many"; readonly vtIds: readonly string[] };

/**
 * Finds the order a person means by `typed`: a full vtOrderid, a local id, or a tail of the local
 * id (a short id as displayed) that exactly one known id has.
 */
export function resolveId(typed: string, vtIds: Iterable<string>): IdMatch {
  const text = typed.trim();
  const all = [...vtIds];
  if (text === "") return { kind: "none" };
  const exact = all.filter((vtId) => vtId === text || localId(vtId) === text);
  if (exact.length === 1 && exact[0] !== undefined) return { kind: "one", vtId: exact[0] };
  const matches = all.filter((vtId) => localId(vtId).endsWith(text));
  if (matches.length === 1 && matches[0] !== undefined) return { kind: "one", vtId: matches[0] };
  return matches.length === 0 ? { kind: "none" } : { kind: "many", vtIds: matches };
}

/** Runs of digits long enough to be an order id (HFT ids have 23+; counters and prices fewer). */
const LONG_DIGITS = /\d{12,}/g;

/**
 * `text` (a log message) with every local order id of `ids` (vtOrderid → short id, from
 * {@link shortIds}) replaced by its short id, so the log names orders as the tables do.
 */
export function shortenIdsInText(text: string, ids: ReadonlyMap<string, string>): string {
  if (ids.size === 0) return text;
  const byLocal = new Map<string, string>();
  for (const [vtId, short] of ids) byLocal.set(localId(vtId), short);
  return text.replace(LONG_DIGITS, (digits) => byLocal.get(digits) ?? digits);
}
