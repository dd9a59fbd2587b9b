/** The trader's label catalogues: same codes, same placeholders, and filling them. */
import { describe, expect, it } from "vitest";
import { LABEL_CATALOGUES, label, labelLanguageOf, placeholdersOf } from "../src/shared/labels/labels.js";

const [zh, en] = [LABEL_CATALOGUES["zh-CN"], LABEL_CATALOGUES.en];

describe("trader labels", () => {
  it("has every code in both languages, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const catalogue of [zh, en]) {
      for (const [code, text] of Object.entries(catalogue)) expect(text.trim(), code).not.toBe("");
    }
  });

  it("gives each code the same placeholders in both languages", () => {
    for (const code of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholdersOf(en[code]), code).toEqual(placeholdersOf(zh[code]));
    }
  });

  it("keeps Chinese out of the en labels, except the switch that names Chinese", () => {
    for (const [code, text] of Object.entries(en)) {
      if (code === "page.switchLanguage") continue;
      expect(/[\u4e00-\u9fff]/.test(text), `${code}: ${text}`).toBe(false);
    }
  });

  it("fills placeholders and leaves a missing one visible", () => {
    expect(label("en", "entry.partlyFilled", { id: "7", traded: 100, volume: 300 })).toBe(
      "Order 7 partly filled: 100 of 300",
    );
    expect(label("zh-CN", "entry.partlyFilled", { id: "7", traded: 100, volume: 300 })).toBe(
      "委托 7 部分成交：100 / 300",
    );
    expect(label("en", "entry.partlyFilled", { id: "7" })).toBe(
      "Order 7 partly filled: {traded} of {volume}",
    );
  });

  it("names a language only by a catalogue's exact key", () => {
    expect(labelLanguageOf("en")).toBe("en");
    expect(labelLanguageOf("zh-CN")).toBe("zh-CN");
    expect(labelLanguageOf("toString")).toBeUndefined();
    expect(labelLanguageOf(null)).toBeUndefined();
  });
});
