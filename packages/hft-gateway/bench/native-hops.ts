/**
 * The library's own hop stamps (issue 22), for `BENCH_LATENCY_HOPS=1 npm run bench:latency`: the
 * test build of the simulation library (`@tsgate/hft-native`'s `build/libhftsim-test.so`) stamps
 * CLOCK_MONOTONIC at each hop of a tick-to-order round (`native/sim/latency_stamps.h`), and this
 * module matches them to the peer's rounds by time: for each round the first stamp of each hop
 * after the previous hop's. The production library takes no stamps.
 */
import koffi from "koffi";

/** The hops of latency_stamps.h, in round order, with what lies between one and the next. */
const HOPS = [
  { id: 0, name: "peer send() → md recv() returned (kernel, the network thread's wake-up)" },
  { id: 1, name: "→ decoded, about to push (read loop, frame decode)" },
  { id: 2, name: "→ JS in hft_md_poll (ring push, pipe write, the JS thread's wake-up, libuv)" },
  { id: 3, name: "→ hft_trader_order/flush entered (poll copy, decode, handlers, encode, FFI)" },
  { id: 4, name: "→ send() starts (lock, encode, in-flight list)" },
] as const;
const SEND_END = 5;
const TO_PEER = "→ order read by the peer (send(): the kernel's delivery, the peer's wake-up)";
// Beside the hops, not after them: the peer often reads the order before our send() returns.
const SEND_CALL = "(beside it: the library's send() call itself, start → return)";
const FLOOR_SEND = "(beside it: the C floor's own send() of 64 bytes, same gaps)";
const MAX_STAMPS = 65536;

export interface HopRound {
  tickNs: number;
  orderNs: number;
  /** The peer's own C send() in the floor's round trip, to set beside the library's send(). */
  floorSendNs: number;
}

/** Reads and resets the stamps of the library at `path` (already loaded by the run). */
export function nativeHops(path: string): {
  names: string[];
  reset(): void;
  read(rounds: HopRound[]): number[][];
} {
  const lib = koffi.load(path);
  const stamps = lib.func("int32_t hft_test_latency_stamps(int32_t hop, _Out_ int64_t *out, int32_t max)");
  const reset = lib.func("void hft_test_latency_reset(void)");
  const out = new BigInt64Array(MAX_STAMPS);
  const hop = (id: number): number[] => Array.from(out.subarray(0, stamps(id, out, MAX_STAMPS)), Number);
  const firstAtOrAfter = (sorted: number[], t: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] ?? Number.POSITIVE_INFINITY) < t) lo = mid + 1;
      else hi = mid;
    }
    return sorted[lo] ?? Number.NaN;
  };
  reset();
  return {
    names: [...HOPS.map((h) => h.name), TO_PEER, SEND_CALL, FLOOR_SEND],
    /** Drops the stamps taken so far (an unmeasured run's: they only take room in the library's buffer). */
    reset,
    /** Per hop, the µs of each round whose stamps are all there (stamps are then reset). */
    read(rounds) {
      const all = HOPS.map((h) => hop(h.id));
      const sendEnds = hop(SEND_END);
      reset();
      const columns: number[][] = [...HOPS, TO_PEER, SEND_CALL, FLOOR_SEND].map(() => []);
      for (const r of rounds) {
        if (r.orderNs === 0) continue;
        const at: number[] = [];
        let t = r.tickNs;
        for (const list of all) {
          t = firstAtOrAfter(list, t);
          if (Number.isNaN(t)) break;
          at.push(t);
        }
        // a round is kept only if every hop was found in order before the peer read the order
        if (at.length < all.length || !(t <= r.orderNs)) continue;
        let prev = r.tickNs;
        at.forEach((ns, i) => {
          columns[i]?.push((ns - prev) / 1000);
          prev = ns;
        });
        columns[HOPS.length]?.push((r.orderNs - prev) / 1000);
        columns[HOPS.length + 1]?.push((firstAtOrAfter(sendEnds, prev) - prev) / 1000);
        columns[HOPS.length + 2]?.push(r.floorSendNs / 1000);
      }
      return columns;
    },
  };
}
