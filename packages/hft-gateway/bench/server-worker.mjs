// The mock servers and a raw TCP echo server on a worker thread, so that the gateway under test
// and the servers do not share one event loop (with a real broker they are separate machines).
// Commands from the main thread: step (one market step), rate (steps per second), stats, close.
import { createServer } from "node:net";
import { parentPort } from "node:worker_threads";
import { demoConfigInput, parseMockConfig, startMockServers } from "@tsgate/mock-server";

const input = structuredClone(demoConfigInput);
// Thousands of resting orders must not run out of cash.
input.accounts[0].cash = 10_000_000_000;
const mock = await startMockServers({
  config: parseMockConfig(input),
  seed: 1,
  marketRateHz: 0,
  heartbeatTimeoutMs: 60_000,
});

const echo = createServer((socket) => {
  socket.setNoDelay(true);
  socket.on("data", (chunk) => socket.write(chunk));
  socket.on("error", () => {});
});
await new Promise((resolve) => echo.listen(0, "127.0.0.1", resolve));

parentPort.on("message", async (msg) => {
  switch (msg.cmd) {
    case "step":
      mock.control.stepMarket(1);
      break;
    case "rate":
      mock.control.setMarketRate(msg.hz);
      parentPort.postMessage({ cmd: "rate" });
      break;
    case "stats":
      parentPort.postMessage({ cmd: "stats", stats: mock.control.marketStats() });
      break;
    case "close":
      echo.close();
      await mock.close();
      parentPort.postMessage({ cmd: "closed" });
      parentPort.close();
      break;
  }
});
parentPort.postMessage({
  cmd: "ready",
  tradePort: mock.tradePort,
  marketPort: mock.marketPort,
  echoPort: echo.address().port,
});
