// Runs the mock servers in a worker thread, so the benchmark's client and the servers do not
// share one event loop (as with a real gateway, they would be separate processes).
import { parentPort, workerData } from "node:worker_threads";
import { demoConfigInput, parseMockConfig, startMockServers } from "../dist/index.js";

const input = structuredClone(demoConfigInput);
input.accounts[0].cash = 10_000_000_000;
const mock = await startMockServers({
  config: parseMockConfig(input),
  seed: 1,
  marketRateHz: 0,
  heartbeatTimeoutMs: 60_000,
});

parentPort.on("message", async (msg) => {
  if (msg.cmd === "rate") {
    mock.control.setMarketRate(msg.hz);
    parentPort.postMessage({ cmd: "rate", ok: true });
  } else if (msg.cmd === "stats") {
    parentPort.postMessage({ cmd: "stats", stats: mock.control.marketStats() });
  } else if (msg.cmd === "close") {
    await mock.close();
    parentPort.postMessage({ cmd: "closed" });
    parentPort.close();
  }
});
parentPort.postMessage({ cmd: "ready", tradePort: mock.tradePort, marketPort: mock.marketPort, workerData });
