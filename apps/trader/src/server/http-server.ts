/**
 * The dashboard's web server: serves the page's few static files (from a fixed list, so no path
 * can escape), routes `/api/*` to the REST API and upgrades `/ws` to the live feed.
 *
 * It listens before the trading side starts, so a busy port fails fast with a
 * {@link PortInUseError}; the API answers 503 until {@link WebServer.attach} is called.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { webAssets } from "../app-paths.js";
import { WS_PATH } from "../constants.js";
import { PortInUseError } from "../errors.js";
import { type LabelLanguage, label } from "../shared/labels/labels.js";
import type { TraderRuntime } from "../trader-runtime.js";
import { createApi } from "./api.js";
import { AccessPolicy } from "./auth.js";
import { sendJson } from "./json-io.js";
import { guardSocket, refuseUpgrade } from "./raw-socket.js";
import { requestLanguage } from "./request-language.js";
import { WsHub } from "./ws-hub.js";

/** Options of {@link WebServer.listen}. */
export interface WebServerOptions {
  /** Interface to bind. */
  readonly host: string;
  /** Port; 0 picks a free one. */
  readonly port: number;
  /** The access token. */
  readonly token: string;
  /** Receives unexpected errors (never a request URL, which may hold the token). */
  readonly onError: (err: unknown) => void;
  /** The page's language, written into `<html lang>` of index.html (the page reads it there). */
  readonly language: LabelLanguage;
}

/** index.html's own `<html lang>`, replaced by the trader's language when served. */
const HTML_LANG = /<html lang="[^"]*">/;

// The page loads only its own script, style and socket; the token in its URL never leaves it.
const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-store",
} as const;

type ApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** The HTTP + WebSocket server of the dashboard. */
export class WebServer {
  /** Interface the server is bound to. */
  readonly host: string;
  /** Port the server listens on. */
  readonly port: number;
  private readonly server: Server;
  private readonly policy: AccessPolicy;
  private readonly onError: (err: unknown) => void;
  private readonly language: LabelLanguage;
  private readonly assets = webAssets();
  private api: ApiHandler | undefined;
  private hub: WsHub | undefined;
  private closing: Promise<void> | undefined;

  private constructor(server: Server, options: WebServerOptions, port: number) {
    this.server = server;
    this.host = options.host;
    this.port = port;
    this.onError = options.onError;
    this.language = options.language;
    this.policy = new AccessPolicy(options.token, options.host, port);
    server.on("request", (req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        this.onError(err);
        const error = label(requestLanguage(req, this.language), "api.internalError");
        if (!res.headersSent) sendJson(res, 500, { error });
        else res.destroy();
      });
    });
    server.on("upgrade", (req, socket, head) => this.onUpgrade(req, socket, head));
    server.on("clientError", (_err, socket) => socket.destroy());
  }

  /**
   * Starts listening.
   *
   * @throws {@link PortInUseError} when the port is taken
   */
  static listen(options: WebServerOptions): Promise<WebServer> {
    const server = createServer();
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.close();
        reject(err.code === "EADDRINUSE" ? new PortInUseError(options.host, options.port) : err);
      };
      server.once("error", onError);
      server.listen(options.port, options.host, () => {
        server.off("error", onError);
        server.on("error", options.onError);
        resolve(new WebServer(server, options, (server.address() as AddressInfo).port));
      });
    });
  }

  /** The base URL of the dashboard (without the token). */
  get baseUrl(): string {
    const host = this.host.includes(":") ? `[${this.host}]` : this.host;
    return `http://${host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host}:${this.port}`;
  }

  /** Connects the API and the live feed to a running trader. */
  attach(runtime: TraderRuntime): void {
    this.api = createApi(runtime, this.policy, this.onError);
    this.hub = new WsHub(runtime, this.policy);
  }

  /** Closes dashboards' sockets and the listener; resolves when every connection is gone. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      await this.hub?.close();
      this.server.closeAllConnections();
      await closed;
    })();
    return this.closing;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (url.pathname.startsWith("/api/")) {
      if (this.api === undefined) {
        sendJson(res, 503, { error: label(requestLanguage(req, this.language), "api.starting") });
        return;
      }
      await this.api(req, res, url);
      return;
    }
    const asset = this.assets.get(url.pathname);
    if (asset === undefined || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("not found");
      return;
    }
    if (!this.policy.hostAllowed(req)) {
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("unexpected Host header");
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(asset.file);
      if (asset.type.startsWith("text/html")) {
        body = Buffer.from(body.toString("utf8").replace(HTML_LANG, `<html lang="${this.language}">`));
      }
    } catch {
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`missing ${url.pathname}: build the app first (npx nx run @tsgate/trader:build)`);
      return;
    }
    res.writeHead(200, { "Content-Type": asset.type, "Content-Length": body.length });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    guardSocket(socket);
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== WS_PATH || this.hub === undefined) {
      refuseUpgrade(socket, 404);
      return;
    }
    this.hub.handleUpgrade(req, socket, head, url);
  }
}
