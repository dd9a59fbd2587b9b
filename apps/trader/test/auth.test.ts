import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { AccessPolicy, createToken, tokenMatches } from "../src/server/auth.js";

function req(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe("tokens", () => {
  it("are random and long", () => {
    const a = createToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(createToken()).not.toBe(a);
  });

  it("match only exactly", () => {
    const token = createToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, `${token}x`)).toBe(false);
    expect(tokenMatches(token, token.slice(1))).toBe(false);
    expect(tokenMatches(token, "")).toBe(false);
    expect(tokenMatches(token, undefined)).toBe(false);
  });
});

describe("AccessPolicy", () => {
  const policy = new AccessPolicy("secret", "127.0.0.1", 8700);
  const url = (query = "") => new URL(`http://x/api/state${query}`);

  it("accepts the loopback names of its own port as Host and Origin", () => {
    for (const host of ["127.0.0.1:8700", "localhost:8700", "[::1]:8700"]) {
      expect(policy.hostAllowed(req({ host }))).toBe(true);
      expect(policy.originAllowed(req({ host, origin: `http://${host}` }), true)).toBe(true);
    }
  });

  it("refuses other hosts, ports and schemes", () => {
    expect(policy.hostAllowed(req({ host: "evil.example:8700" }))).toBe(false);
    expect(policy.hostAllowed(req({ host: "127.0.0.1:8701" }))).toBe(false);
    expect(policy.hostAllowed(req({}))).toBe(false);
    const host = "127.0.0.1:8700";
    expect(policy.originAllowed(req({ host, origin: "http://evil.example:8700" }), true)).toBe(false);
    expect(policy.originAllowed(req({ host, origin: "https://127.0.0.1:8700" }), true)).toBe(false);
    expect(policy.originAllowed(req({ host, origin: "null" }), true)).toBe(false);
    expect(policy.originAllowed(req({ host }), true)).toBe(false);
    expect(policy.originAllowed(req({ host }), false)).toBe(true);
  });

  it("distinguishes a missing token (401) from a wrong one (403)", () => {
    const host = "127.0.0.1:8700";
    expect(policy.check(req({ host }), url(), { originRequired: false })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(policy.check(req({ host }), url("?token=nope"), { originRequired: false })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(policy.check(req({ host, "x-tsgate-token": "secret" }), url(), { originRequired: false })).toEqual(
      { ok: true },
    );
    expect(
      policy.check(req({ host, authorization: "Bearer secret" }), url(), { originRequired: false }),
    ).toEqual({ ok: true });
    expect(policy.check(req({ host }), url("?token=secret"), { originRequired: false })).toEqual({
      ok: true,
    });
  });

  it("bound to every interface, requires the Origin to match the Host header", () => {
    const open = new AccessPolicy("secret", "0.0.0.0", 8700);
    expect(open.hostAllowed(req({ host: "192.168.1.5:8700" }))).toBe(true);
    expect(
      open.originAllowed(req({ host: "192.168.1.5:8700", origin: "http://192.168.1.5:8700" }), true),
    ).toBe(true);
    expect(open.originAllowed(req({ host: "192.168.1.5:8700", origin: "http://evil.example" }), true)).toBe(
      false,
    );
  });
});
