import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { NatsBridgeClientOptions } from "../../src/index.js";
import type { StrategyCommand } from "../fixtures/remote-strategy.js";

const SCRIPT = fileURLToPath(new URL("../fixtures/remote-strategy.ts", import.meta.url));
const CHILD_WAIT_MS = 20_000;

/** A remote strategy running in a child process (tsx), driven over IPC. */
export class StrategyProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (raw: { id: number; result: unknown; error?: string }) => {
      const waiter = this.waiting.get(raw.id);
      if (waiter === undefined) return;
      this.waiting.delete(raw.id);
      if (raw.error !== undefined) waiter.reject(new Error(raw.error));
      else waiter.resolve(raw.result);
    });
    child.on("exit", (code) => {
      for (const waiter of this.waiting.values())
        waiter.reject(new Error(`strategy process exited (${code})`));
      this.waiting.clear();
    });
  }

  /** Starts the child and waits until its client is connected. */
  static async start(options: NatsBridgeClientOptions): Promise<StrategyProcess> {
    const child = fork(SCRIPT, [JSON.stringify(options)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const process = new StrategyProcess(child);
    await process.waitFor(0);
    return process;
  }

  /** Sends a command and resolves with the child's answer. */
  send<T = unknown>(command: StrategyCommand): Promise<T> {
    const id = this.nextId++;
    this.child.send({ id, command });
    return this.waitFor(id) as Promise<T>;
  }

  /** Closes the client and waits for the process to exit; kills it if it does not. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    await this.send({ cmd: "close" }).catch(() => {});
    const timer = setTimeout(() => this.child.kill("SIGKILL"), CHILD_WAIT_MS);
    await exited;
    clearTimeout(timer);
  }

  private waitFor(id: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`strategy process did not answer command ${id} within ${CHILD_WAIT_MS} ms`));
      }, CHILD_WAIT_MS);
      this.waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }
}
