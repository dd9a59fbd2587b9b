import { afterEach, expect, it } from "vitest";
import { FAKE_SETTINGS, fakeStack, stopFakeStacks } from "./helpers/fake-stack.js";

afterEach(stopFakeStacks);

it("orderSend and busyPoll reach the native APIs (issue 22); the defaults are direct, no busy polling", () => {
  const tuned = fakeStack();
  tuned.gw.connect({ ...FAKE_SETTINGS, orderSend: "deferred", busyPoll: true });
  expect(tuned.factory.trader.options).toMatchObject({ orderSend: "deferred", busyPoll: true });
  expect(tuned.factory.md.options).toMatchObject({ busyPoll: true });

  const plain = fakeStack();
  plain.gw.connect(FAKE_SETTINGS);
  expect(plain.factory.trader.options).toMatchObject({ orderSend: "direct", busyPoll: false });
  expect(plain.factory.md.options).toMatchObject({ busyPoll: false });
});
