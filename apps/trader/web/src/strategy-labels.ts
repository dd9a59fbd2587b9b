/**
 * The labels of the Strategies and Backtest report pages: the `strategy.*` codes of the trader's
 * label catalogues (`src/shared/labels/`), in the page's language like every other panel.
 */
import type { LabelCode } from "../../src/shared/labels/labels.js";
import { t } from "./page-labels.js";

/** The keys of the strategy pages' labels (their catalogue codes without the `strategy.` prefix). */
export type StrategyLabelKey = LabelCode extends infer C
  ? C extends `strategy.${infer K}`
    ? K
    : never
  : never;

/** A strategy page label in the page's language. */
export function label(key: StrategyLabelKey): string {
  return t(`strategy.${key}`);
}
