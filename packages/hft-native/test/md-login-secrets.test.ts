import { afterEach, expect, it, vi } from "vitest";
import { MdApi } from "../src/index.js";

// No server needed: login only queues the request in the library.
const NO_SERVER = { host: "127.0.0.1", port: 9 };
const PASSWORD = "Md-Secret-Pw-4711";

afterEach(() => {
  vi.restoreAllMocks();
});

it("MdApi.login leaves no copy of the password in any buffer it made", async () => {
  const api = new MdApi(NO_SERVER);
  const made: Buffer[] = [];
  for (const factory of ["alloc", "allocUnsafe", "allocUnsafeSlow", "from"] as const) {
    const original = Buffer[factory].bind(Buffer) as (...args: unknown[]) => Buffer;
    vi.spyOn(Buffer, factory).mockImplementation(((...args: unknown[]) => {
      const buf = original(...args);
      made.push(buf);
      return buf;
    }) as never);
  }
  try {
    api.login({ user: "md-user", password: PASSWORD });
  } finally {
    vi.restoreAllMocks();
  }
  expect(made.length).toBeGreaterThan(0);
  const leftovers = made.filter((buf) => buf.includes(PASSWORD));
  expect(leftovers.map((buf) => buf.length)).toEqual([]);
  await api.close();
});
