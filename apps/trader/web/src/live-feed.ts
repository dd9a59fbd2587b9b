/**
 * The WebSocket to the trader: applies every message to the store and reconnects with a growing
 * delay when the connection drops (each reconnect starts with a fresh snapshot).
 */
import type { ServerMessage } from "../../src/shared/protocol.js";
import { type ApiClient, ApiError } from "./api-client.js";
import type { Store } from "./store.js";

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;

/** State of the feed, shown in the LIVE badge. */
export type FeedState = "CONNECTING" | "OPEN" | "CLOSED";

/**
 * Opens the feed and keeps it open. `onRefused` is called (and reconnecting stops) when the trader
 * answers again but refuses the token: it was restarted, and a new token was printed.
 */
export function startLiveFeed(
  api: ApiClient,
  store: Store,
  onState: (state: FeedState) => void,
  onRefused: (reason: string) => void,
): void {
  let delay = RETRY_MIN_MS;
  const connect = () => {
    onState("CONNECTING");
    const ws = new WebSocket(api.feedUrl());
    ws.addEventListener("open", () => {
      delay = RETRY_MIN_MS;
      store.setFeedOpen(true);
      onState("OPEN");
    });
    ws.addEventListener("message", (event) => {
      if (typeof event.data !== "string") return;
      store.apply(JSON.parse(event.data) as ServerMessage);
    });
    ws.addEventListener("close", () => {
      store.setFeedOpen(false);
      onState("CLOSED");
      const retry = () => {
        setTimeout(connect, delay);
        delay = Math.min(RETRY_MAX_MS, delay * 2);
      };
      // A browser hides why a WebSocket upgrade failed: ask the API whether the token still works.
      api.get("/api/state").then(retry, (err: unknown) => {
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) onRefused(err.message);
        else retry();
      });
    });
  };
  connect();
}
