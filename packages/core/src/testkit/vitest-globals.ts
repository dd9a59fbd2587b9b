// Stand-in for "vitest" in the CommonJS build of the kit (see tsup.config.ts): vitest refuses to be
// require()d, so runGatewayConformance uses the runner's globals there (vitest with
// `globals: true`, or jest). ESM users get the real vitest import.

type Callback = () => unknown;
type Register = (name: string, fn: Callback, timeout?: number) => void;
type Hook = (fn: Callback, timeout?: number) => void;

interface TestGlobals {
  readonly describe?: Register & { readonly sequential?: Register };
  readonly it?: Register & { readonly skip?: Register };
  readonly beforeAll?: Hook;
  readonly afterAll?: Hook;
}

function globalOf<K extends keyof TestGlobals>(name: K): NonNullable<TestGlobals[K]> {
  const value = (globalThis as TestGlobals)[name];
  if (value === undefined) {
    throw new Error(
      `runGatewayConformance needs the global ${name}() when loaded through require(): import "@tsgate/core/testkit" as ESM under vitest, enable vitest's \`globals: true\` or use jest, or call runConformanceChecks() instead`,
    );
  }
  return value as NonNullable<TestGlobals[K]>;
}

export const describe = Object.assign(
  (name: string, fn: Callback, timeout?: number) => globalOf("describe")(name, fn, timeout),
  {
    sequential: (name: string, fn: Callback, timeout?: number) => {
      const d = globalOf("describe");
      (d.sequential ?? d)(name, fn, timeout);
    },
  },
);

export const it = Object.assign(
  (name: string, fn: Callback, timeout?: number) => globalOf("it")(name, fn, timeout),
  {
    skip: (name: string, fn: Callback, timeout?: number) => {
      const skip = globalOf("it").skip;
      if (skip !== undefined) skip(name, fn, timeout);
    },
  },
);

export const beforeAll: Hook = (fn, timeout) => globalOf("beforeAll")(fn, timeout);
export const afterAll: Hook = (fn, timeout) => globalOf("afterAll")(fn, timeout);
