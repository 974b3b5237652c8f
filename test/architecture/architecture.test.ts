import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkArchitecture, formatViolations } from "./checkArchitecture";

const SRC = path.resolve(__dirname, "../../src");

describe("architecture", () => {
  it("the pure core has no UI/Office/DOM imports, and only the Excel adapter and the fake touch Office globals", () => {
    const violations = checkArchitecture(SRC);
    // Printed in full so a failure says which file and line broke which rule.
    expect(formatViolations(violations)).toBe("");
  });

  describe("catches planted violations in a temporary copy of src/", () => {
    let tmp: string;
    beforeAll(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tianbao-arch-"));
      fs.cpSync(SRC, path.join(tmp, "src"), { recursive: true });
    });
    afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const plant = (rel: string, code: string) => {
      const file = path.join(tmp, "src", rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, code);
      return rel.replace(/\//g, path.sep);
    };
    const check = () => checkArchitecture(path.join(tmp, "src"), (rel) => rel.includes("planted"));

    it.each([
      ["core/planted/react.ts", 'import * as React from "react";\nexport const x = React;\n', "core-import"],
      ["core/planted/fluent.ts", 'import { Button } from "@fluentui/react-components";\nexport const b = Button;\n', "core-import"],
      ["core/planted/adapter.ts", 'import { X } from "../../adapters/excel/whatever";\nexport const y = X;\n', "core-import"],
      ["core/planted/taskpane.ts", 'export { App } from "../../taskpane/App";\n', "core-import"],
      ["core/planted/fake.ts", 'const f = require("../../fake/model");\nexport default f;\n', "core-import"],
      ["core/planted/dynamic.ts", 'export const load = () => import("../../preview/Grid");\n', "core-import"],
      ["core/planted/excel.ts", "export async function f() { await Excel.run(async () => undefined); }\n", "office-global"],
      ["core/planted/officeType.ts", "export type T = Office.EventType;\n", "office-global"],
      ["core/planted/window.ts", "export const w = () => window.innerWidth;\n", "core-global"],
      ["core/planted/document.ts", 'export const d = () => document.getElementById("x");\n', "core-global"],
      ["core/planted/sneaky.ts", 'export const e = (globalThis as any)["Excel"];\n', "office-global"],
      ["taskpane/planted.tsx", "export const ready = () => Office.onReady();\n", "office-global"],
      ["preview/planted.ts", "export const e = typeof Excel;\n", "office-global"],
      ["adapters/xlsx/planted.ts", "export const e = globalThis.Office;\n", "office-global"],
    ])("%s → %s", (rel, code, rule) => {
      const relPath = plant(rel, code);
      try {
        const found = check().filter((v) => v.file === relPath);
        expect(found.map((v) => v.rule)).toContain(rule);
      } finally {
        fs.rmSync(path.join(tmp, "src", rel));
      }
    });

    it("does not flag comments, strings, property names, own declarations or the allowed folders", () => {
      const rels = [
        plant("core/planted/ok.ts", [
          '// Excel.run and window.document are mentioned in a comment only',
          'export const s = "Office.onReady document window";',
          "export const o = { window: 1, document: 2, Excel: 3 };",
          "export const p = (o: { Excel: number }) => o.Excel;",
          "export function f(document: string[]) { return document.length; }",
        ].join("\n")),
        plant("adapters/excel/planted.ts", "export const run = () => Excel.run(async (c) => c.sync());\n"),
        plant("fake/planted.ts", "export const o = () => typeof Office;\n"),
      ];
      try {
        const found = check().filter((v) => rels.includes(v.file));
        expect(formatViolations(found)).toBe("");
      } finally {
        for (const r of rels) fs.rmSync(path.join(tmp, "src", r));
      }
    });
  });
});
