import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type AccountData,
  type ContractData,
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_TICK,
  EVENT_TIMER,
  EVENT_TRADE,
  type EventData,
  EventEngine,
  eventType,
  type GatewayStatusData,
  type LogData,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from "../src/index.js";

describe("event types", () => {
  it("uses vnpy's event type names", () => {
    expect([EVENT_TICK, EVENT_ORDER, EVENT_TRADE, EVENT_POSITION, EVENT_ACCOUNT, EVENT_CONTRACT]).toEqual([
      "eTick.",
      "eOrder.",
      "eTrade.",
      "ePosition.",
      "eAccount.",
      "eContract.",
    ]);
    expect(EVENT_LOG).toBe("eLog");
    expect(EVENT_TIMER).toBe("eTimer");
    expect(EVENT_GATEWAY_STATUS).toBe("eGatewayStatus.");
  });

  it("builds typed suffixed event types", () => {
    const type = eventType(EVENT_TICK, "600000.SSE");
    expect(type).toBe("eTick.600000.SSE");
    expectTypeOf(type).toEqualTypeOf<"eTick.600000.SSE">();
  });

  it("maps event types to their data types at compile time", () => {
    expectTypeOf<EventData<"eTick.">>().toEqualTypeOf<TickData>();
    expectTypeOf<EventData<"eTick.600000.SSE">>().toEqualTypeOf<TickData>();
    expectTypeOf<EventData<`eTick.${string}`>>().toEqualTypeOf<TickData>();
    expectTypeOf<EventData<"eOrder.HFT.1">>().toEqualTypeOf<OrderData>();
    expectTypeOf<EventData<"eTrade.">>().toEqualTypeOf<TradeData>();
    expectTypeOf<EventData<"ePosition.600000.SSE">>().toEqualTypeOf<PositionData>();
    expectTypeOf<EventData<"eAccount.HFT.1">>().toEqualTypeOf<AccountData>();
    expectTypeOf<EventData<"eContract.">>().toEqualTypeOf<ContractData>();
    expectTypeOf<EventData<"eGatewayStatus.HFT">>().toEqualTypeOf<GatewayStatusData>();
    expectTypeOf<EventData<"eLog">>().toEqualTypeOf<LogData>();
    expectTypeOf<EventData<"eTimer">>().toEqualTypeOf<undefined>();
    expectTypeOf<EventData<"myCustomEvent">>().toEqualTypeOf<unknown>();
    expectTypeOf<EventData<string>>().toEqualTypeOf<unknown>();
  });

  it("types handler data from the registered type", () => {
    const engine = new EventEngine();
    const vtSymbol: string = "600000.SSE";
    engine.register(EVENT_TICK, (event) => expectTypeOf(event.data).toEqualTypeOf<TickData>());
    engine.register(`${EVENT_TICK}${vtSymbol}`, (event) =>
      expectTypeOf(event.data).toEqualTypeOf<TickData>(),
    );
    engine.register(eventType(EVENT_ORDER, "HFT.1"), (event) =>
      expectTypeOf(event.data).toEqualTypeOf<OrderData>(),
    );
    engine.register(EVENT_LOG, (event) => expectTypeOf(event.data).toEqualTypeOf<LogData>());
    // `+` concatenation is typed `string` by TypeScript, so the data is `unknown`.
    engine.register(EVENT_TICK + vtSymbol, (event) => expectTypeOf(event.data).toEqualTypeOf<unknown>());
    engine.register("custom", (event) => expectTypeOf(event.data).toEqualTypeOf<unknown>());
    engine.registerGeneral((event) => expectTypeOf(event.data).toEqualTypeOf<unknown>());
    // @ts-expect-error a tick event must carry TickData
    engine.put({ type: EVENT_TICK, data: { lastPrice: 1 } });
    engine.put({ type: "custom", data: { anything: true } });
  });
});
