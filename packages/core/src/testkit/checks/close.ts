import { EVENT_TIMER } from "../../event-types.js";
import { ConformanceError } from "../errors.js";
import { describeArrivals, listProblems } from "../messages.js";
import { showLeaks } from "../resource-tracker.js";
import { extraResources, sampleActiveResources, showExtraResources } from "../resources.js";
import { type ConformanceSession, errorText } from "../session.js";
import { settle } from "../settle.js";

const CHECK = "close";
// Put on the session's engine right after close() settled: everything delivered after it was
// published after close().
const CLOSED_MARKER = "tsgate.testkit.closed";

/**
 * Checks that `close()` releases everything, on the session's gateway (connected and subscribed
 * first if needed; the session is closed afterwards):
 * - `close()` does not throw and its promise (if any) settles within the `close` timeout;
 * - nothing is published after it settled (during the quiet period; timer events excepted);
 * - no ref'd timer, immediate, socket, server or other handle created by the gateway (in its
 *   constructor, its methods, or their callbacks; see `ResourceTracker`) is left: the ones that
 *   keep a Node process alive. Closed handles are reported by Node a little later, so this is
 *   retried until it holds or the `handles` timeout passes. The failure message names each
 *   leaked resource with where it was created, and shows the process-wide
 *   `process.getActiveResourcesInfo()` counts compared with before `connect()`;
 * - a second `close()` does not throw.
 *
 * @throws {@link ConformanceError} or `WaitTimeoutError` describing the violations
 */
export async function checkClose(session: ConformanceSession): Promise<void> {
  const { options, recorder, eventEngine } = session;
  if (session.closed)
    throw new ConformanceError(CHECK, "the session was already closed; run this check last");
  await session.connect();
  if (options.skip.ticks === undefined) await session.subscribe();
  await session.close();
  eventEngine.put({ type: CLOSED_MARKER, data: undefined });
  await settle(eventEngine, options.timeouts.quietPeriod);
  const marker = recorder.events.findIndex((event) => event.type === CLOSED_MARKER);
  const after = recorder.events.slice(marker + 1).filter((event) => event.type !== EVENT_TIMER);

  const problems: string[] = [];
  if (after.length > 0) {
    problems.push(
      `the gateway published ${after.length} event(s) after close() settled. ${describeArrivals(after)}`,
    );
  }
  const leaks = await session.resources.waitForNoLeaks(options.timeouts.handles);
  if (leaks.length > 0) {
    const baseline = session.resourcesBeforeConnect;
    const extras = baseline === undefined ? [] : extraResources(baseline, await sampleActiveResources());
    const counts =
      extras.length === 0
        ? ""
        : `; process.getActiveResourcesInfo() has ${showExtraResources(extras)} more than before connect()`;
    problems.push(
      `${options.timeouts.handles} ms after close() settled, the gateway still holds resources that keep the process alive: ${showLeaks(leaks)}${counts}. Release sockets, servers and timers in close() (or unref() them)`,
    );
  }
  try {
    await session.asGateway(() => session.gateway.close());
  } catch (error) {
    problems.push(`a second close() threw ${errorText(error)}; close() must be safe to call twice`);
  }
  if (problems.length > 0) throw new ConformanceError(CHECK, listProblems(problems));
}
