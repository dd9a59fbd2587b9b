import { once } from "node:events";
import { connect } from "node:net";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { encodeFrame, MessageType, SubAction } from "@tsgate/mock-server";
import { type BackendName, MdApi } from "../src/index.js";

const SNAPSHOTS = Number(process.env.BENCH_E2E_SNAPSHOTS ?? 200_000);
const INSTRUMENTS = {
  SH: ["600000", "600519", "601318", "688981", "600899", "510300"],
  SZ: ["000001", "300750"],
};
const PER_STEP = INSTRUMENTS.SH.length + INSTRUMENTS.SZ.length;

interface Stats {
  snapshotsSent: number;
  snapshotsDropped: number;
  steps: number;
}

/**
 * Snapshots/s from the mock market server (on a worker thread, stepped as fast as the client keeps up)
 * through TCP, the C library's reader thread and ring, to a JS listener. Received snapshots are
 * checked against the server's count; mdSeq gaps are snapshots the server dropped for backpressure.
 */
export async function endToEnd(
  backend: BackendName,
): Promise<{ perSecond: number; note: string; check: string }> {
  const worker = new Worker(join(import.meta.dirname, "mock-worker.mjs"));
  try {
    const [ready] = (await once(worker, "message")) as [{ marketPort: number; host: string }];
    const api = new MdApi({ host: ready.host, port: ready.marketPort, library: { backend } });
    let count = 0;
    let next = 1;
    let gaps = 0;
    let lastAt = 0n;
    api.on("marketData", (md) => {
      if (md.mdSeq !== next) gaps++;
      next = md.mdSeq + 1;
      count++;
      lastAt = process.hrtime.bigint();
    });
    const login = api.next("login");
    api.login({ user: "demo", password: "demo123" });
    const ev = await login;
    if (!ev.ok) throw new Error(`market login failed: ${ev.message}`);
    let subscribed = 0;
    api.on("subscribeRsp", () => subscribed++);
    api.subscribe("SH", INSTRUMENTS.SH);
    api.subscribe("SZ", INSTRUMENTS.SZ);
    while (subscribed < 2 || count < PER_STEP) await new Promise((r) => setTimeout(r, 10));

    const before = count;
    const t0 = process.hrtime.bigint();
    worker.postMessage({ type: "step", steps: Math.ceil(SNAPSHOTS / PER_STEP) });
    const [{ stats }] = (await once(worker, "message")) as [{ stats: Stats }];
    while (count < stats.snapshotsSent) await new Promise((r) => setTimeout(r, 1));
    const received = count - before;
    await api.close();
    return {
      perSecond: received / (Number(lastAt - t0) / 1e9),
      note: `${received.toLocaleString("en-US")} snapshots, server on a worker thread`,
      check:
        count === stats.snapshotsSent
          ? `all sent received; server dropped ${stats.snapshotsDropped} for backpressure (${gaps} mdSeq gaps)`
          : `MISMATCH: received ${count}, server sent ${stats.snapshotsSent}`,
    };
  } finally {
    worker.postMessage({ type: "close" });
    await once(worker, "message").catch(() => {});
    await worker.terminate();
  }
}

/**
 * The same stepping, read by a bare TCP socket on the JS thread that only counts MARKET_DATA frames
 * (no library, no decoding): a reference for how fast the mock server (JS, one thread) sends. When
 * endToEnd() is close to it, the server is the bottleneck, not the library.
 */
export async function bareSocket(): Promise<{ perSecond: number; note: string; check: string }> {
  const worker = new Worker(join(import.meta.dirname, "mock-worker.mjs"));
  try {
    const [ready] = (await once(worker, "message")) as [{ marketPort: number; host: string }];
    const socket = connect(ready.marketPort, ready.host);
    await once(socket, "connect");
    let count = 0;
    let lastAt = 0n;
    let pending: Buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let off = 0;
      while (pending.length - off >= 8) {
        const length = pending.readUInt32LE(off);
        if (pending.length - off < 4 + length) break;
        if (pending.readUInt16LE(off + 4) === MessageType.MARKET_DATA) count++;
        off += 4 + length;
      }
      pending = pending.subarray(off);
      lastAt = process.hrtime.bigint();
    });
    socket.write(encodeFrame(MessageType.MD_LOGIN_REQ, 1, { user: "demo", password: "demo123" }));
    socket.write(
      encodeFrame(MessageType.MD_SUBSCRIBE_REQ, 2, {
        action: SubAction.Subscribe,
        market: 1,
        codes: INSTRUMENTS.SH,
      }),
    );
    socket.write(
      encodeFrame(MessageType.MD_SUBSCRIBE_REQ, 3, {
        action: SubAction.Subscribe,
        market: 2,
        codes: INSTRUMENTS.SZ,
      }),
    );
    while (count < PER_STEP) await new Promise((r) => setTimeout(r, 10));
    const before = count;
    const t0 = process.hrtime.bigint();
    worker.postMessage({ type: "step", steps: Math.ceil(SNAPSHOTS / PER_STEP) });
    const [{ stats }] = (await once(worker, "message")) as [{ stats: Stats }];
    while (count < stats.snapshotsSent) await new Promise((r) => setTimeout(r, 1));
    socket.destroy();
    const received = count - before;
    return {
      perSecond: received / (Number(lastAt - t0) / 1e9),
      note: `${received.toLocaleString("en-US")} snapshots, frames counted, not decoded`,
      check: `server dropped ${stats.snapshotsDropped} for backpressure`,
    };
  } finally {
    worker.postMessage({ type: "close" });
    await once(worker, "message").catch(() => {});
    await worker.terminate();
  }
}
