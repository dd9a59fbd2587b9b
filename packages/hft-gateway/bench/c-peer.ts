/**
 * The C exchange peer of the latency and tick-rate benchmarks (`@tsgate/hft-native`'s
 * `native/bench/latency_peer.c`), compiled with the system C compiler (`CC`, default `cc`)
 * against the library's own wire codec and no other object.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EVENT_LOG, type MainEngine } from "@tsgate/core";

const nativeDir = fileURLToPath(new URL("../../hft-native/native/", import.meta.url));

/** Compiles the peer into a temporary directory (the library's own codec, no other objects). */
export function buildPeer(dir: string): string {
  const exe = path.join(dir, "latency_peer");
  const cc = (process.env.CC?.trim() || "cc").split(/\s+/);
  execFileSync(
    cc[0] ?? "cc",
    [
      ...cc.slice(1),
      "-std=c11",
      "-O2",
      "-D_DEFAULT_SOURCE",
      "-pthread",
      `-I${path.join(nativeDir, "include")}`,
      `-I${path.join(nativeDir, "sim")}`,
      path.join(nativeDir, "bench", "latency_peer.c"),
      path.join(nativeDir, "sim", "wire_codec.c"),
      "-o",
      exe,
    ],
    { stdio: "inherit" },
  );
  return exe;
}

/** Resolves once both sides of `main`'s gateway logged in to the peer (its start-up queries done). */
async function connected(main: MainEngine): Promise<void> {
  let trade = false;
  let market = false;
  await new Promise<void>((resolve, reject) => {
    main.eventEngine.register(EVENT_LOG, (event) => {
      const text = event.data.msg;
      if (text.startsWith("成交信息查询成功")) trade = true;
      if (text.startsWith("行情服务器登录成功")) market = true;
      if (/失败|拒绝|无法|超时/.test(text)) reject(new Error(text));
      if (trade && market) resolve();
    });
  });
}

/**
 * Connects `main`'s gateway `gatewayName` to the peer's ports with the demo account the peer
 * accepts (no account refresh during the run) plus `extra` settings; resolves once logged in.
 */
export async function connectToPeer(
  main: MainEngine,
  gatewayName: string,
  tradePort: number,
  marketPort: number,
  extra: Record<string, string | number | boolean>,
): Promise<void> {
  const up = connected(main);
  main.connect(
    {
      交易用户名: "demo",
      交易密码: "demo123",
      交易服务器: "127.0.0.1",
      交易端口: tradePort,
      行情用户名: "demo",
      行情密码: "demo123",
      行情服务器: "127.0.0.1",
      行情端口: marketPort,
      accountRefreshSeconds: 3600,
      ...extra,
    },
    gatewayName,
  );
  await up;
}
