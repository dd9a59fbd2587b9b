/**
 * The TCP side shared by the trade and market servers: listen, accept, wrap each socket in a
 * FrameConnection, track sessions, close and restart on the same port.
 */
import { createServer, type Server, type Socket } from "node:net";
import { type CloseReason, FrameConnection } from "../net/frame-connection.js";
import type { Frame } from "../protocol/messages.js";

/** Which of the two mock servers: the trade server or the market-data server. */
export type ServerSide = "trade" | "market";

export interface FramedServerOptions {
  host: string;
  port: number;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  log: (line: string) => void;
  /** False when nobody reads the log: skip formatting per-order lines. */
  verbose: boolean;
  /** Shared counter so connection ids are unique across both servers. */
  nextConnectionId: () => number;
}

/** One client connection of a server, with whatever the server keeps about it. */
export abstract class Session {
  constructor(
    readonly id: number,
    readonly side: ServerSide,
    readonly conn: FrameConnection,
  ) {}
  /** Account id (trade) or market-data user once logged in. */
  abstract get principal(): string | undefined;
}

/** What `control.connections()` reports about each connection. */
export interface ConnectionInfo {
  id: number;
  side: ServerSide;
  remote: string;
  /** Logged-in account (trade) or user (market), if any. */
  principal?: string;
  stalled: boolean;
}

export abstract class FramedServer<S extends Session> {
  readonly sessions = new Set<S>();
  protected readonly log: (line: string) => void;
  protected readonly verbose: boolean;
  private server: Server | undefined;
  private boundPort = 0;

  constructor(
    readonly side: ServerSide,
    protected readonly options: FramedServerOptions,
    private readonly accept: ReadonlySet<number>,
  ) {
    this.log = options.log;
    this.verbose = options.verbose;
  }

  /** The port the server listens (or listened) on. */
  get port(): number {
    return this.boundPort;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** Starts listening (port 0 = a free port the first time; the same port after a restart). */
  async listen(): Promise<number> {
    const server = createServer((socket) => this.onSocket(socket));
    server.on("error", (err) => this.log(`${this.side} server error: ${err.message}`));
    const port = this.boundPort || this.options.port;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.once("error", onError);
      server.listen(port, this.options.host, () => {
        server.off("error", onError);
        resolve();
      });
    });
    const address = server.address();
    this.boundPort = typeof address === "object" && address !== null ? address.port : port;
    this.server = server;
    this.log(`${this.side} server listening on ${this.options.host}:${this.boundPort}`);
    return this.boundPort;
  }

  /** Stops listening and drops every connection. Resolves when the listening socket is closed. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of [...this.sessions])
      s.conn.destroy({ kind: "local", message: `${this.side} server closed` });
    if (server === undefined) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.onClosed();
  }

  /** Fault: close the listening socket and all connections, then reopen on the same port. */
  async restart(downMs = 0): Promise<void> {
    await this.close();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await this.listen();
  }

  connections(): ConnectionInfo[] {
    return [...this.sessions].map((s) => {
      const info: ConnectionInfo = {
        id: s.id,
        side: this.side,
        remote: s.conn.remoteAddress,
        stalled: s.conn.stalled,
      };
      if (s.principal !== undefined) info.principal = s.principal;
      return info;
    });
  }

  protected abstract createSession(id: number, conn: FrameConnection): S;
  protected abstract onFrame(session: S, frame: Frame): void;
  protected onSessionClosed(_session: S): void {}
  protected onClosed(): void {}

  private onSocket(socket: Socket): void {
    const id = this.options.nextConnectionId();
    // A peer that reset the connection before it was handed to us has no address any more:
    // say so rather than logging "undefined:undefined".
    const remote =
      socket.remoteAddress !== undefined
        ? `${socket.remoteAddress}:${socket.remotePort}`
        : "(peer address unavailable: reset before accept)";
    const label = `${this.side}#${id} ${remote}`;
    let session: S | undefined;
    const conn = new FrameConnection(socket, {
      accept: this.accept,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
      heartbeatTimeoutMs: this.options.heartbeatTimeoutMs,
      sendErrors: true,
      label,
      log: this.log,
      onFrame: (frame) => {
        if (session) this.onFrame(session, frame);
      },
      onClose: (reason: CloseReason) => {
        if (!session) return;
        this.sessions.delete(session);
        this.onSessionClosed(session);
        const who = session.principal ? ` (${session.principal})` : "";
        this.log(`${label}${who} disconnected: ${reason.message}`);
      },
    });
    session = this.createSession(id, conn);
    this.sessions.add(session);
    this.log(`${label} connected`);
  }
}
