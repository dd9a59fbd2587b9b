/**
 * Which gateway connection states mean a side works, for both UIs (a plain string set: the
 * browser bundle takes nothing from `@tsgate/core`).
 *
 * @module
 */

/** States in which a gateway side works (READY: everything loaded, where a gateway reports it). */
const UP_STATES: ReadonlySet<string> = new Set(["CONNECTED", "READY"]);

/** Whether a gateway status state means the side works. */
export function isUp(state: string | undefined): boolean {
  return state !== undefined && UP_STATES.has(state);
}
