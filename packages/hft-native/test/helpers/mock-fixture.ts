import { existsSync } from "node:fs";
import path from "node:path";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import type { BackendName, HftLibrary } from "../../src/index.js";
import {
  type LoginRequest,
  loadHftLibrary,
  MdApi,
  type MdApiOptions,
  TraderApi,
  type TraderApiOptions,
} from "../../src/index.js";

/** The demo account of the mock server's built-in config. */
export const DEMO_LOGIN: LoginRequest = {
  accountId: "demo",
  password: "demo123",
  custOrgid: "0000",
  custBranchid: "9999",
  clSystemId: "HFT",
};
export const DEMO_MD_LOGIN = { user: "demo", password: "demo123" };

const VENDOR_LIB = path.resolve(import.meta.dirname, "../../build/libhftvendor.so");

/** The vendor shim built against the vendor-SDK double, with the terminal information it requires at login. */
export function vendorLibrary(): HftLibrary {
  if (!existsSync(VENDOR_LIB))
    throw new Error(`${VENDOR_LIB} is missing: build it with \`npm run build -w @tsgate/hft-native\``);
  const lib = loadHftLibrary({ path: VENDOR_LIB });
  lib.setVendorOption(
    "terminal_info",
    "PC;IIP=127.0.0.1;IPORT=50000;LIP=127.0.0.1;MAC=020000000001;HD=T;CPU=T@tsgate;V0.1",
  );
  return lib;
}

/** Fast reconnects and heartbeats so drop tests run quickly (correctness does not depend on them). */
export const FAST = {
  heartbeatIntervalMs: 200,
  heartbeatTimeoutMs: 5_000,
  reconnectMinMs: 20,
  reconnectMaxMs: 200,
} as const;

/** A mock broker per test (market clock stopped: the market moves only with control.stepMarket) and the apis to close. */
export class MockFixture {
  private readonly apis: (TraderApi | MdApi)[] = [];
  private constructor(readonly mock: MockServers) {}

  static async start(): Promise<MockFixture> {
    return new MockFixture(await startMockServers({ marketRateHz: 0 }));
  }

  trader(backend: BackendName, options: Partial<TraderApiOptions> = {}): TraderApi {
    const api = new TraderApi({
      host: this.mock.host,
      port: this.mock.tradePort,
      library: { backend },
      ...FAST,
      ...options,
    });
    this.apis.push(api);
    return api;
  }

  md(backend: BackendName, options: Partial<MdApiOptions> = {}): MdApi {
    const api = new MdApi({
      host: this.mock.host,
      port: this.mock.marketPort,
      library: { backend },
      ...FAST,
      ...options,
    });
    this.apis.push(api);
    return api;
  }

  async close(): Promise<void> {
    await Promise.all(this.apis.splice(0).map((a) => a.close()));
    await this.mock.close();
  }
}

/** Records every event an api emits, in order, as [name, payload]. */
export function record<E extends object>(
  api: { on(name: keyof E, fn: (e: E[keyof E]) => void): unknown },
  names: (keyof E)[],
) {
  const log: [keyof E, E[keyof E]][] = [];
  for (const name of names) api.on(name, (e) => log.push([name, e]));
  return log;
}
