/**
 * One JSON request to a running trader's API, for the commands that talk to it (`status`,
 * `halt`). node:http: unlike fetch, it has no list of forbidden ports.
 *
 * @module
 */
import { request } from "node:http";
import { STATUS_TIMEOUT_MS, TOKEN_HEADER } from "../constants.js";
import type { LabelLanguage, Labeller } from "../shared/labels/labels.js";
import { LANGUAGE_HEADER } from "../shared/protocol.js";

/** An answer: the HTTP status and the parsed JSON body (undefined when it was not JSON). */
export interface TraderAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Options of {@link requestTrader}. */
export interface TraderRequest {
  readonly host: string;
  readonly port: number;
  readonly method: "GET" | "POST";
  readonly path: string;
  /** The access token, for the endpoints that need it. */
  readonly token?: string;
  /** A JSON body (POST). */
  readonly body?: unknown;
  /** The language the trader's error texts should come in. */
  readonly language?: LabelLanguage;
}

/**
 * Sends the request; rejects with the socket error (`code` ECONNREFUSED, ...) or `ETIMEDOUT`
 * after {@link STATUS_TIMEOUT_MS}.
 */
export function requestTrader(options: TraderRequest): Promise<TraderAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers[TOKEN_HEADER] = options.token;
    if (options.language !== undefined) headers[LANGUAGE_HEADER] = options.language;
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (payload !== undefined) headers["content-type"] = "application/json";
    const req = request(
      {
        host: options.host,
        port: options.port,
        method: options.method,
        path: options.path,
        headers,
        timeout: STATUS_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
    req.on("error", reject);
    req.end(payload);
  });
}

/** Why no trader answered, from a {@link requestTrader} rejection, in the labeller's language. */
export function unreachableReason(err: unknown, t: Labeller): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ECONNREFUSED") return t("cli.refused");
  if (code === "ETIMEDOUT") return t("cli.noAnswer", { seconds: STATUS_TIMEOUT_MS / 1000 });
  return code ?? (err as Error).message;
}
