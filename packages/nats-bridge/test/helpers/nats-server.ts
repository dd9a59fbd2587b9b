import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where the Debian package installs nats-server (not on a non-root PATH). */
const DEBIAN_NATS_SERVER = "/usr/sbin/nats-server";
/** NATS_SERVER_BIN, else the Debian location when present, else `nats-server` from the PATH. */
const NATS_SERVER_BIN =
  process.env.NATS_SERVER_BIN ?? (existsSync(DEBIAN_NATS_SERVER) ? DEBIAN_NATS_SERVER : "nats-server");
const PORT_WAIT_MS = 15_000;
const PORT_POLL_MS = 50;
const STOP_WAIT_MS = 10_000;

/** A nats-server child process for tests. */
export interface TestNatsServer {
  readonly port: number;
  readonly url: string;
  readonly storeDir: string;
  /** Kills the server (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same store dir (and config). */
  restart(): Promise<void>;
  /** Stops it and removes the store dir. */
  dispose(): Promise<void>;
}

/** A free loopback port (a race with other processes is possible but unlikely). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, "127.0.0.1");
  });
}

/** Waits (bounded) until something accepts TCP connections on `port`. */
export async function waitForPort(port: number, timeoutMs = PORT_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, PORT_POLL_MS));
  }
  throw new Error(`nats-server did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/**
 * Starts `nats-server -js -a 127.0.0.1 -p <free port> -sd <tmp dir>` (plus `-c config` when
 * `config` text is given, with `env` added to its environment for the config's `$VARIABLES`) and
 * waits for its port.
 */
export async function startNatsServer(
  options: { config?: string; env?: Readonly<Record<string, string>> } = {},
): Promise<TestNatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), "tsgate-nats-"));
  const args = ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", storeDir];
  if (options.config !== undefined) {
    const configPath = join(storeDir, "nats.conf");
    writeFileSync(configPath, options.config);
    args.push("-c", configPath);
  }
  let child: ChildProcess | undefined;
  let output = "";
  const launch = async () => {
    child = spawn(NATS_SERVER_BIN, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    });
    const proc = child;
    // If the test process dies without afterAll (a crash, a failed bench), take the server along.
    const killOnExit = () => proc.kill("SIGKILL");
    process.once("exit", killOnExit);
    proc.once("exit", () => process.off("exit", killOnExit));
    child.stdout?.on("data", (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
    });
    child.stderr?.on("data", (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
    });
    const exited = new Promise<never>((_, reject) => {
      child?.once("error", (error) =>
        reject(
          new Error(
            `cannot start ${NATS_SERVER_BIN}: ${error.message} (install it: apt-get install -y nats-server, or set NATS_SERVER_BIN)`,
          ),
        ),
      );
      child?.once("exit", (code) => reject(new Error(`nats-server exited (${code}) at start:\n${output}`)));
    });
    exited.catch(() => {});
    await Promise.race([waitForPort(port), exited]);
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), STOP_WAIT_MS);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    storeDir,
    stop,
    restart: launch,
    dispose: async () => {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
