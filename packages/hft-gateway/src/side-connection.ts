/**
 * The connection bookkeeping both sides of the gateway share: whether TCP is up, whether the side
 * is (and ever was, since `start`) logged in, whether the server refused the credentials; and the
 * status events and log lines each change produces (CONNECTING before the first login,
 * RECONNECTING after it, DISCONNECTED when the library gives up).
 *
 * @module
 */
import { ConnectionState, type GatewaySide, LogLevel } from "@tsgate/core";
import type { DisconnectedEvent } from "@tsgate/hft-native";
import { errorText, type GatewaySink } from "./gateway-sink.js";
import type { SideLabels } from "./messages.js";

export class SideConnection {
  private tcpUp = false;
  private loggedInNow = false;
  private loggedInOnce = false;
  private loginRefused = false;
  /** `host:port` of the server. */
  private peer = "";

  constructor(
    private readonly sink: GatewaySink,
    private readonly side: GatewaySide,
    private readonly labels: SideLabels,
    /** Login codes after which retrying cannot help (the native library stops reconnecting). */
    private readonly credentialErrors: ReadonlySet<number>,
  ) {}

  /** True while logged in. */
  get loggedIn(): boolean {
    return this.loggedInNow;
  }

  /** True once a login succeeded since {@link SideConnection.begin}. */
  get everLoggedIn(): boolean {
    return this.loggedInOnce;
  }

  /** A new start towards `peer`: everything forgotten, CONNECTING reported and logged. */
  begin(peer: string): void {
    this.peer = peer;
    this.tcpUp = false;
    this.loggedInNow = false;
    this.loggedInOnce = false;
    this.loginRefused = false;
    const text = this.sink.msg.connecting(this.labels, peer);
    this.sink.writeStatus(this.side, ConnectionState.CONNECTING, text);
    this.sink.writeLog(text);
  }

  /**
   * Starts the side towards `peer` (see {@link SideConnection.begin}): creates the API, hands it
   * to `keep` (which stores it and wires its events), then queues the login. Never throws: a
   * failure to create the API or to queue the login is logged and reported as DISCONNECTED.
   */
  open<Api>(peer: string, create: () => Api, keep: (api: Api) => void, login: (api: Api) => void): void {
    this.begin(peer);
    let api: Api;
    try {
      api = create();
    } catch (error) {
      this.fail(this.sink.msg.apiCreateFailed(this.labels, this.sink.msg.libraryError(error)));
      return;
    }
    keep(api);
    try {
      login(api);
    } catch (error) {
      this.fail(this.sink.msg.loginCallFailed(this.labels, this.sink.msg.libraryError(error)));
    }
  }

  /**
   * `handler` as a listener of the side's API event `name`, guarded: events of an API that is no
   * longer `isCurrent` (closed, replaced) are stale and dropped, and a handler that throws is
   * logged, never let escape (the API would rethrow it as an uncaught exception).
   */
  guarded<T>(name: string, isCurrent: () => boolean, handler: (event: T) => void): (event: T) => void {
    return (event) => {
      if (!isCurrent()) return;
      try {
        handler(event);
      } catch (error) {
        this.sink.writeLog(this.sink.msg.handlerFailed(this.labels, name, errorText(error)), LogLevel.ERROR);
      }
    };
  }

  /** The library starts a connection attempt; a retry is reported. */
  onConnecting(ev: { readonly attempt: number; readonly message: string }): void {
    this.tcpUp = false;
    if (ev.attempt > 0) this.sink.writeStatus(this.side, this.retryState(), ev.message);
  }

  /** TCP is up (the login comes next). */
  onConnected(): void {
    this.tcpUp = true;
  }

  /** A refused login (`text` explains it): an error if retrying cannot help, else a warning. */
  loginFailed(errorCode: number, text: string): void {
    this.loggedInNow = false;
    this.loginRefused = this.credentialErrors.has(errorCode);
    this.sink.writeLog(text, this.loginRefused ? LogLevel.ERROR : LogLevel.WARNING);
    this.sink.writeStatus(
      this.side,
      this.loginRefused ? ConnectionState.DISCONNECTED : this.retryState(),
      text,
    );
  }

  /**
   * A successful login, reported as CONNECTED.
   *
   * @returns true for the first login since `begin`, false for a re-login after a reconnect
   */
  loginOk(): boolean {
    const first = !this.loggedInOnce;
    this.loginRefused = false;
    this.loggedInNow = true;
    this.loggedInOnce = true;
    const text = first ? this.sink.msg.loginOk(this.labels) : this.sink.msg.reloginOk(this.labels);
    this.sink.writeStatus(this.side, ConnectionState.CONNECTED, text);
    this.sink.writeLog(text);
    return first;
  }

  /** The connection ended: why (refused login, dropped, never connected) and what comes next. */
  onDisconnected(ev: DisconnectedEvent): void {
    this.loggedInNow = false;
    let text: string;
    let level: LogLevel = ev.willReconnect ? LogLevel.WARNING : LogLevel.ERROR;
    if (this.loginRefused) {
      text = this.sink.msg.stoppedAfterLogin(this.labels);
      level = LogLevel.INFO;
    } else if (this.tcpUp) {
      text = this.sink.msg.disconnected(this.labels, ev);
    } else {
      text = this.sink.msg.connectFailed(this.labels, this.peer, ev);
    }
    this.tcpUp = false;
    this.sink.writeStatus(
      this.side,
      ev.willReconnect ? this.retryState() : ConnectionState.DISCONNECTED,
      text,
    );
    this.sink.writeLog(text, level);
  }

  /** The side is being closed. */
  onClose(): void {
    this.loggedInNow = false;
  }

  /** A failure that ends the side (the API could not be created or called). */
  fail(text: string): void {
    this.sink.writeLog(text, LogLevel.ERROR);
    this.sink.writeStatus(this.side, ConnectionState.DISCONNECTED, text);
  }

  private retryState(): ConnectionState {
    return this.loggedInOnce ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING;
  }
}
