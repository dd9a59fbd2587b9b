/**
 * A TCP proxy on 127.0.0.1 in front of one server, for one-way loss: after `blackholeUpstream()`
 * the bytes the client sends on the connections open now are read and thrown away (the server never
 * sees them) while the server's bytes still reach the client — what a broken route in one direction
 * looks like to both ends. Connections opened later pass both ways.
 */
import { connect, createServer, type Server, type Socket } from "node:net";

export interface OneWayProxy {
  readonly port: number;
  /** Client → server bytes of the connections open now are dropped from here on. Returns how many. */
  blackholeUpstream(): number;
  /** Bytes dropped so far. */
  readonly droppedBytes: number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  server: Socket;
  blackholed: boolean;
}

export async function startOneWayProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<OneWayProxy> {
  const pairs = new Set<Pair>();
  let dropped = 0;
  const server: Server = createServer((client) => {
    const upstream = connect({ host: targetHost, port: targetPort });
    const pair: Pair = { client, server: upstream, blackholed: false };
    pairs.add(pair);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on("data", (chunk: Buffer) => {
      if (pair.blackholed) dropped += chunk.length;
      else upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", end);
    upstream.on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address !== "object") throw new Error("proxy: no address");
  return {
    port: address.port,
    blackholeUpstream() {
      for (const pair of pairs) pair.blackholed = true;
      return pairs.size;
    },
    get droppedBytes() {
      return dropped;
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
