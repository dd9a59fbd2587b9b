/**
 * The dashboard's live feed: a WebSocket endpoint that checks the Origin and the token on upgrade,
 * sends a snapshot, then forwards every tick, order, trade, position, account, contract, log and
 * gateway status event as it happens.
 *
 * @module
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import {
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_RISK,
  EVENT_TICK,
  EVENT_TRADE,
  type EventHandler,
} from "@tsgate/core";
import { type WebSocket, WebSocketServer } from "ws";
import { WS_MAX_BUFFERED_BYTES, WS_PING_INTERVAL_MS } from "../constants.js";
import { label } from "../shared/labels/labels.js";
import type { ServerMessage } from "../shared/protocol.js";
import type { TraderRuntime } from "../trader-runtime.js";
import type { AccessPolicy } from "./auth.js";
import { refuseUpgrade } from "./raw-socket.js";
import { buildSnapshot } from "./snapshot.js";

/** The WebSocket side of the web server. */
export class WsHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  private readonly alive = new WeakSet<WebSocket>();
  private readonly runtime: TraderRuntime;
  private readonly policy: AccessPolicy;
  private readonly unregister: Array<() => void> = [];
  private readonly pingTimer: NodeJS.Timeout;

  constructor(runtime: TraderRuntime, policy: AccessPolicy) {
    this.runtime = runtime;
    this.policy = policy;
    const engine = runtime.mainEngine.eventEngine;
    const forward = <T extends string>(type: T, kind: ServerMessage["kind"]) => {
      const handler: EventHandler<T> = (event) => this.broadcast({ kind, data: event.data } as ServerMessage);
      engine.register(type, handler);
      this.unregister.push(() => engine.unregister(type, handler));
    };
    forward(EVENT_TICK, "tick");
    forward(EVENT_ORDER, "order");
    forward(EVENT_TRADE, "trade");
    forward(EVENT_POSITION, "position");
    forward(EVENT_ACCOUNT, "account");
    forward(EVENT_CONTRACT, "contract");
    forward(EVENT_LOG, "log");
    forward(EVENT_GATEWAY_STATUS, "status");
    forward(EVENT_RISK, "risk");
    this.unregister.push(runtime.onChange((message) => this.broadcast(message)));

    this.wss.on("connection", (ws) => this.onConnection(ws));
    this.pingTimer = setInterval(() => this.ping(), WS_PING_INTERVAL_MS);
    this.pingTimer.unref();
  }

  /** Number of connected dashboards. */
  get clientCount(): number {
    return this.wss.clients.size;
  }

  /** Handles an HTTP upgrade to the WebSocket path: Origin and token first. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    const decision = this.policy.check(req, url, { originRequired: true });
    if (!decision.ok) {
      refuseUpgrade(socket, decision.status, label(this.runtime.language, decision.reason));
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit("connection", ws, req));
  }

  /** Closes every client and stops forwarding events. */
  close(): Promise<void> {
    clearInterval(this.pingTimer);
    for (const off of this.unregister.splice(0)) off();
    for (const ws of this.wss.clients) ws.close(1001, "server shutting down");
    return new Promise((resolve) => {
      // Clients that do not answer the close handshake promptly are cut.
      const timer = setTimeout(() => {
        for (const ws of this.wss.clients) ws.terminate();
      }, 1000);
      this.wss.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private onConnection(ws: WebSocket): void {
    this.alive.add(ws);
    ws.on("pong", () => this.alive.add(ws));
    // The page sends nothing; anything it does send is ignored.
    ws.on("error", () => ws.terminate());
    ws.send(JSON.stringify({ kind: "snapshot", data: buildSnapshot(this.runtime) } satisfies ServerMessage));
  }

  private broadcast(message: ServerMessage): void {
    if (this.wss.clients.size === 0) return;
    const text = JSON.stringify(message);
    for (const ws of this.wss.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      // A client that cannot keep up skips ticks (the next one supersedes them) but not the rest.
      if (message.kind === "tick" && ws.bufferedAmount > WS_MAX_BUFFERED_BYTES) continue;
      ws.send(text);
    }
  }

  private ping(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }
}
