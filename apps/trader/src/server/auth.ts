/**
 * Access control of the web server: the random access token, its constant-time check, and the
 * Host / Origin checks that keep other web sites (and DNS-rebinding pages) away from the API and
 * the WebSocket.
 *
 * Model: the server binds loopback by default; the token printed at start is required for every
 * API call except `GET /api/status` and for the WebSocket; a browser request whose Origin is not
 * the dashboard's own is refused; the Host header must name this server.
 *
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { TOKEN_BYTES, TOKEN_HEADER, TOKEN_QUERY } from "../constants.js";
import type { LabelCode } from "../shared/labels/labels.js";

/** A new random access token (base64url, {@link TOKEN_BYTES} bytes of entropy). */
export function createToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/**
 * True when `candidate` equals `token`, in time independent of where they differ (both are
 * hashed first, so their lengths leak nothing either).
 */
export function tokenMatches(token: string, candidate: string | undefined): boolean {
  if (candidate === undefined || candidate === "") return false;
  return timingSafeEqual(digest(token), digest(candidate));
}

/** The token a request carries: the `X-Tsgate-Token` header, a Bearer authorization, or `?token=`. */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === "string" && header !== "") return header;
  const auth = req.headers.authorization;
  if (typeof auth === "string" && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, "");
  return url.searchParams.get(TOKEN_QUERY) ?? undefined;
}

/**
 * The result of an access check: allowed, or refused with an HTTP status and a reason (a label
 * code: the caller writes it in its asker's language).
 */
export type AccessDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: LabelCode };

const WILDCARD_HOSTS: ReadonlySet<string> = new Set(["0.0.0.0", "::", "[::]"]);

function hostWithPort(host: string, port: number): string {
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `${bracketed}:${port}`.toLowerCase();
}

/**
 * Decides which Host headers and Origins the server answers, from the interface it is bound to.
 */
export class AccessPolicy {
  private readonly token: string;
  private readonly hosts: ReadonlySet<string> | undefined;

  /**
   * @param token - the access token
   * @param bindHost - the interface the server listens on (`127.0.0.1`, a name, or `0.0.0.0`)
   * @param port - the port it listens on
   */
  constructor(token: string, bindHost: string, port: number) {
    this.token = token;
    if (WILDCARD_HOSTS.has(bindHost)) {
      // Any address of the machine may be used; the Host header cannot be checked against a list.
      this.hosts = undefined;
    } else {
      const names = new Set([bindHost, "127.0.0.1", "localhost", "[::1]"]);
      this.hosts = new Set([...names].map((name) => hostWithPort(name, port)));
    }
  }

  /** True when the request's Host header names this server (defeats DNS rebinding). */
  hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host?.toLowerCase();
    if (host === undefined) return false;
    return this.hosts === undefined || this.hosts.has(host);
  }

  /**
   * True when the Origin is the dashboard's own: `http://<allowed host>`. With `required` false a
   * request without an Origin (curl, the CLI) passes; browsers always send one on WebSocket
   * upgrades and cross-site POSTs.
   */
  originAllowed(req: IncomingMessage, required: boolean): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return !required;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== "http:") return false;
    const host = url.host.toLowerCase();
    if (this.hosts !== undefined) return this.hosts.has(host);
    return host === req.headers.host?.toLowerCase();
  }

  /** True when the request carries the right token. */
  tokenValid(req: IncomingMessage, url: URL): boolean {
    return tokenMatches(this.token, requestToken(req, url));
  }

  /** The full check of an API call or WebSocket upgrade. */
  check(req: IncomingMessage, url: URL, options: { originRequired: boolean }): AccessDecision {
    if (!this.hostAllowed(req)) return { ok: false, status: 403, reason: "api.unexpectedHost" };
    if (!this.originAllowed(req, options.originRequired)) {
      return { ok: false, status: 403, reason: "api.crossOrigin" };
    }
    const candidate = requestToken(req, url);
    if (candidate === undefined || candidate === "") {
      return {
        ok: false,
        status: 401,
        reason: "api.tokenRequired",
      };
    }
    if (!tokenMatches(this.token, candidate)) return { ok: false, status: 403, reason: "api.invalidToken" };
    return { ok: true };
  }
}
