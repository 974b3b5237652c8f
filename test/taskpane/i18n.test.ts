import { catalogs, format, messageKeys, pickLocale, t, translator, LOCALES } from "../../src/i18n";
import { zhCN } from "../../src/i18n/zh-CN";
import { enUS } from "../../src/i18n/en-US";

describe("message catalog", () => {
  const zhKeys = messageKeys(zhCN);
  const enKeys = messageKeys(enUS);

  it("has the same keys in zh-CN and en-US", () => {
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(100);
  });

  it("has no empty or whitespace-only strings in any locale", () => {
    for (const locale of LOCALES) {
      const tr = translator(locale);
      const empty = messageKeys(catalogs[locale]).filter((k) => tr(k as never).trim() === "");
      expect({ locale, empty }).toEqual({ locale, empty: [] });
    }
  });

  it("uses the same placeholders in both locales", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const zh = translator("zh-CN");
    const en = translator("en-US");
    const mismatched = zhKeys.filter((k) => names(zh(k as never)).join() !== names(en(k as never)).join());
    expect(mismatched).toEqual([]);
  });

  it("zh-CN text is Chinese (the source language)", () => {
    expect(t("shell.tabTemplate")).toBe("模板");
    expect(t("shell.tabTemplate", undefined, "en-US")).toBe("Templates");
    expect(translator("zh-CN")("shell.unboundSheet")).toBe("未绑定数据表");
  });
});

describe("pickLocale", () => {
  it.each([
    ["zh-CN", "zh-CN"],
    ["zh-cn", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    [" zh-CN ", "zh-CN"],
    ["en-US", "en-US"],
    ["en-GB", "en-US"],
    ["de-DE", "en-US"],
    ["", "en-US"],
    [null, "en-US"],
    [undefined, "en-US"],
  ])("%p → %p", (input, expected) => {
    expect(pickLocale(input as string | null | undefined)).toBe(expected);
  });
});

describe("t(key, params)", () => {
  it("fills placeholders, repeatedly and in order", () => {
    expect(t("template.progress", { done: 3, total: 10, table: "1-5-1 教职工基本信息" })).toBe(
      "正在载入 3 / 10：1-5-1 教职工基本信息",
    );
    expect(t("template.progress", { done: 1, total: 2, table: "x" }, "en-US")).toBe("Loading 1 / 2: x");
  });

  it("leaves a missing placeholder visible instead of printing 'undefined'", () => {
    expect(format("a {x} b {y}", { x: 1 })).toBe("a 1 b {y}");
    expect(t("shell.daysLeft")).toBe("剩余 {days} 天");
  });

  it("does not interpret replacement patterns in values", () => {
    expect(format("{v}", { v: "$& $1 {v}" })).toBe("$& $1 {v}");
  });

  it("shows an unknown key as itself (only reachable from untyped callers)", () => {
    expect(translator("en-US")("nope.missing" as never)).toBe("nope.missing");
  });
});
