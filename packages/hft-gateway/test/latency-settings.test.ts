import { afterEach, expect, it } from "vitest";
import { fakeStack, stopFakeStacks } from "./helpers/fake-stack.js";

afterEach(stopFakeStacks);

const LOGIN = {
  交易用户名: "demo",
  交易密码: "Secret#1",
  交易服务器: "127.0.0.1",
  行情用户名: "md",
  行情密码: "Secret#2",
  行情服务器: "127.0.0.1",
};

it("orderSend and busyPoll reach the native APIs (issue 22); the defaults are direct, no busy polling", () => {
  const tuned = fakeStack();
  tuned.gw.connect({ ...LOGIN, orderSend: "deferred", busyPoll: true });
  expect(tuned.factory.trader.options).toMatchObject({ orderSend: "deferred", busyPoll: true });
  expect(tuned.factory.md.options).toMatchObject({ busyPoll: true });

  const plain = fakeStack();
  plain.gw.connect(LOGIN);
  expect(plain.factory.trader.options).toMatchObject({ orderSend: "direct", busyPoll: false });
  expect(plain.factory.md.options).toMatchObject({ busyPoll: false });
});
