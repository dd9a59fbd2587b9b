/**
 * When the market side's whole-market base info has arrived. On the vendor path the trading API
 * has no whole-market securities query, so contracts come from the SIP SDK's base info
 * (`SubscribeBaseInfo` per market after the market login), one callback per code with no mark
 * of the last one (isipuix.h of vnpy/vnpy_hft 906fd5a, read 2026-12-02). READY means the
 * start-up data is loaded, contracts included (core's conformance kit checks it), so the trade
 * side waits here before READY: until the market side has logged in and no base info has come
 * for {@link BASE_INFO_QUIET_MS}, or at most {@link BASE_INFO_MAX_WAIT_MS} (a market side that
 * never logs in must not hold READY back for ever; its own status says why).
 *
 * @module
 */

/** No new base info for this long after the market login: the whole market has arrived. */
export const BASE_INFO_QUIET_MS = 300;
/** The longest READY waits for the base info, from the start of the wait. */
export const BASE_INFO_MAX_WAIT_MS = 10_000;

/** Tracks the market side's login and base info, and tells when the base info has settled. */
export class BaseInfoSettle {
  private loggedIn = false;
  private lastArrival = 0;
  private waiters: (() => void)[] = [];
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private maxTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly quietMs = BASE_INFO_QUIET_MS,
    private readonly maxWaitMs = BASE_INFO_MAX_WAIT_MS,
  ) {}

  /** The market side logged in: base info follows. */
  marketLoggedIn(): void {
    this.loggedIn = true;
    this.lastArrival = Date.now();
    this.armQuiet();
  }

  /** One code's base info arrived. */
  arrived(): void {
    this.lastArrival = Date.now();
  }

  /** Resolves once the base info has settled (see the module), or after the longest wait. */
  settled(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (this.maxTimer === undefined) {
        this.maxTimer = setTimeout(() => this.release(), this.maxWaitMs);
        this.maxTimer.unref?.();
      }
      this.armQuiet();
    });
  }

  /** Releases every waiter and forgets the login (the gateway closed). */
  reset(): void {
    this.loggedIn = false;
    this.release();
  }

  private armQuiet(): void {
    if (!this.loggedIn || this.waiters.length === 0 || this.quietTimer !== undefined) return;
    const wait = Math.max(0, this.lastArrival + this.quietMs - Date.now());
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      // Base info came during the wait: wait out the quiet period from the last one.
      if (Date.now() - this.lastArrival < this.quietMs) this.armQuiet();
      else this.release();
    }, wait);
    this.quietTimer.unref?.();
  }

  private release(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxTimer);
    this.quietTimer = undefined;
    this.maxTimer = undefined;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
