import type { StrategyClass } from "@tsgate/strategy";
import { BuyTheDip } from "../../strategy/examples/buy-the-dip.js";

// The example is written against @tsgate/strategy's sources; this package sees its build, whose
// private members TypeScript tells apart, so the class is passed through the public type.
export const BuyTheDipStrategy = BuyTheDip as unknown as StrategyClass;
