import { headers, type JetStreamClient, type PubAck } from "nats";
import { describe, expect, it } from "vitest";
import { DurablePublisher } from "../src/durable-publisher.js";

interface Call {
  readonly subject: string;
  readonly msgID: string | undefined;
  resolve(): void;
  reject(): void;
}

/** A JetStream client whose publishes the test answers one by one. */
function fakeJetStream() {
  const calls: Call[] = [];
  const js = {
    publish: (subject: string, _data: Uint8Array, opts?: { msgID?: string }) =>
      new Promise<PubAck>((resolve, reject) => {
        calls.push({
          subject,
          msgID: opts?.msgID,
          resolve: () => resolve({ stream: "S", seq: calls.length, duplicate: false } as PubAck),
          reject: () => reject(new Error("timeout")),
        });
      }),
  } as unknown as JetStreamClient;
  return { js, calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("DurablePublisher", () => {
  it("retries an unacknowledged publish with the same message id until it is stored", async () => {
    const { js, calls } = fakeJetStream();
    const failures: string[] = [];
    const publisher = new DurablePublisher(js, (m) => failures.push(m));
    publisher.publish("tsgate.HFT.eTrade.600000.SSE", new Uint8Array([1]), headers(), "1.1");
    expect(publisher.pending).toBe(1);
    calls[0]!.reject();
    for (let i = 0; i < 200 && calls.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(calls.map((c) => c.msgID)).toEqual(["1.1", "1.1"]);
    const idle = publisher.idle();
    calls[1]!.resolve();
    await idle;
    expect(publisher.pending).toBe(0);
    expect(failures).toEqual([]);
    publisher.close();
  });

  it("re-sends every unconfirmed event at once, in publish order, when the connection is back", async () => {
    const { js, calls } = fakeJetStream();
    const publisher = new DurablePublisher(js, () => {});
    for (const id of ["1.1", "1.2", "1.3"]) publisher.publish(`s.${id}`, new Uint8Array([1]), headers(), id);
    calls[1]!.resolve();
    await tick();
    publisher.resendUnconfirmed();
    expect(calls.slice(3).map((c) => c.msgID)).toEqual(["1.1", "1.3"]);
    // The late answer of a first attempt and the answer of its re-send count once.
    calls[0]!.reject();
    calls[3]!.resolve();
    calls[2]!.resolve();
    calls[4]!.reject();
    await publisher.idle();
    expect(publisher.pending).toBe(0);
    publisher.close();
  });
});
