/**
 * The page's access token and its calls to the trader's REST API.
 *
 * The token arrives in the URL printed by `tsgate trader` (`/?token=…`). It is moved to
 * sessionStorage (this tab only) and removed from the address bar, so it does not linger in
 * screenshots, history or bookmarks.
 */
import { type ErrorAnswer, LANGUAGE_HEADER } from "../../src/shared/protocol.js";
import { pageLanguage, t } from "./page-labels.js";

const TOKEN_KEY = "tsgate.token";
const TOKEN_HEADER = "X-Tsgate-Token";

/** Reads the token from the URL (then hides it) or from this tab's storage. */
export function takeToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl !== null && fromUrl !== "") {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete("token");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** An answer other than 2xx, with the server's message and per-key issues. */
export class ApiError extends Error {
  readonly status: number;
  readonly issues: readonly { readonly key: string; readonly message: string }[];

  constructor(status: number, answer: Partial<ErrorAnswer>) {
    super(answer.error ?? `HTTP ${status}`);
    this.status = status;
    this.issues = answer.issues ?? [];
  }
}

/** Calls the API with the token. */
export class ApiClient {
  private readonly token: string;

  constructor(token: string) {
    this.token = token;
  }

  /** The WebSocket URL of the live feed (the browser cannot set headers on it, so the token goes in the query). */
  feedUrl(): string {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    return `${scheme}://${window.location.host}/ws?token=${encodeURIComponent(this.token)}`;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>("GET", path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>("POST", path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    // The trader writes its refusals in the page's language.
    const headers: Record<string, string> = { [TOKEN_HEADER]: this.token, [LANGUAGE_HEADER]: pageLanguage };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        cache: "no-store",
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      // fetch only says "TypeError: Failed to fetch": say what it means.
      throw new ApiError(0, { error: t("api.unreachable") });
    }
    let answer: unknown;
    try {
      answer = await response.json();
    } catch {
      answer = {};
    }
    if (!response.ok) throw new ApiError(response.status, answer as Partial<ErrorAnswer>);
    return answer as T;
  }
}
