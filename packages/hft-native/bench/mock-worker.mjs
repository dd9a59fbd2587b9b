// Runs the mock servers on their own thread for the end-to-end benchmark, so that the server's
// encoding does not share the JS thread with the client's decoding.
import { parentPort } from "node:worker_threads";
import { startMockServers } from "@tsgate/mock-server";

const mock = await startMockServers({ marketRateHz: 0 });
parentPort.postMessage({ type: "ready", marketPort: mock.marketPort, host: mock.host });
parentPort.on("message", async (msg) => {
  if (msg.type === "step") {
    // 25 steps (200 snapshots) at a time. The market server drops snapshots for a connection whose
    // socket is backed up; when that happens the stepping backs off a little, so the figure is the
    // rate the client sustains, not the rate at which the server can drop.
    let dropped = mock.control.marketStats().snapshotsDropped;
    for (let done = 0; done < msg.steps; done += 25) {
      mock.control.stepMarket(Math.min(25, msg.steps - done));
      const now = mock.control.marketStats().snapshotsDropped;
      if (now > dropped) await new Promise((r) => setTimeout(r, 1));
      else await new Promise((r) => setImmediate(r));
      dropped = now;
    }
    parentPort.postMessage({ type: "stepped", stats: mock.control.marketStats() });
  } else if (msg.type === "close") {
    await mock.close();
    parentPort.postMessage({ type: "closed" });
  }
});
