/**
 * `tianbao verify` on a reviewed workbook (template loader + xlsx adapter + workflow core) and on
 * tampered copies: an edited approved cell, a deleted record, a changed record hash, reordered
 * records, the removed very hidden log sheet → exit 1 with the Chinese message; consistent → 0.
 */
import * as fs from "fs";
import * as path from "path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { APPROVAL_SHEET } from "../../src/core/template/layout";
import type { CellValue } from "../../src/core/workbook/port";
import { SCHOOL_REVIEWER, act, reviewedWorkbook, run, sheetOf, tmpDir } from "./statusFixtures";

jest.setTimeout(120_000);
const tmp = tmpDir("tb-verify-");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = path.join(tmp, "reviewed.xlsx");
beforeAll(() => reviewedWorkbook(file));

/** A copy of the reviewed workbook changed by `edit`. */
async function tampered(name: string, edit: (wb: XlsxWorkbook) => Promise<void>): Promise<string> {
  const wb = await XlsxWorkbook.open(file);
  await edit(wb);
  const out = path.join(tmp, name);
  await wb.save(out);
  return out;
}

async function logRows(wb: XlsxWorkbook): Promise<CellValue[][]> {
  const [d] = await wb.read([{ sheet: APPROVAL_SHEET }]);
  return d.values;
}

describe("tianbao verify", () => {
  test("a consistent workbook: states, hashes against the last approval, intact chain → exit 0", async () => {
    const r = await run(["verify", file]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("共 2 条审核记录");
    expect(r.out).toContain("✓ 审核记录链完整");
    expect(r.out).toMatch(/✓ 表1-3 学校教学科研单位（工作表“[^”]+”）：部门已审，数据指纹 [0-9a-f]{12}，与审核记录一致/);
    expect(r.out).toMatch(/表1-5-1 教职工基本信息（工作表“[^”]+”）：填报中，数据指纹 [0-9a-f]{12}，尚未提交/);
    expect(r.out).toContain("结论：全部一致");

    const j = JSON.parse((await run(["verify", file, "--json"])).out);
    expect(j.ok).toBe(true);
    expect(j.chain).toEqual({ ok: true, records: 2, problems: [] });
    const units = j.tables.find((x: { id: string }) => x.id === "1-3");
    expect(units).toMatchObject({ state: "departmentApproved", hashStatus: "match", lastRecord: { sequence: 2, action: "approve", person: "李明" } });
    expect(units.dataHash).toBe(units.recordedHash);
  });

  test("an approved cell edited after unprotecting the sheet → 审核后被修改, exit 1", async () => {
    const f = await tampered("edited-cell.xlsx", async (wb) => {
      const sheet = await sheetOf(wb, "1-3");
      await wb.apply([{ kind: "unprotectSheet", sheet }, { kind: "setValues", sheet, address: "B5", values: [["D02"]] }]);
    });
    const r = await run(["verify", f]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ 表1-3 学校教学科研单位.*审核后被修改/);
    expect(r.out).toContain("审核后被修改：表 1-3 学校教学科研单位 的数据与 李明");
    expect(r.out).toContain("结论：发现不一致");
    const j = JSON.parse((await run(["verify", f, "--json"])).out);
    expect(j.ok).toBe(false);
    expect(j.tables.find((x: { id: string }) => x.id === "1-3").hashStatus).toBe("modifiedAfterApproval");
  });

  test("a deleted record → 审核记录被篡改, exit 1", async () => {
    const f = await tampered("deleted-record.xlsx", async (wb) => {
      const rows = await logRows(wb);
      const r = rows.findIndex((line) => String(line[0]) === "1");
      await wb.apply([{ kind: "setValues", sheet: APPROVAL_SHEET, address: `A${r + 1}`, values: [rows[r].map(() => "")] }]);
    });
    const r = await run(["verify", f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ 审核记录被篡改");
    expect(r.out).toContain("缺少序号为 1 的审核记录（记录被删除）");
  });

  test("a changed record hash → 审核记录被篡改, exit 1", async () => {
    const f = await tampered("changed-hash.xlsx", async (wb) => {
      const rows = await logRows(wb);
      const r = rows.findIndex((line) => String(line[0]) === "2");
      await wb.apply([{ kind: "setValues", sheet: APPROVAL_SHEET, address: `N${r + 1}`, values: [["f".repeat(64)]] }]);
    });
    const r = await run(["verify", f]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/审核记录被篡改：「_tb_approvals」第 \d+ 行（表 1-3，通过）的内容与记录指纹不符/);
    expect(JSON.parse((await run(["verify", f, "--json"])).out).chain.ok).toBe(false);
  });

  test("reordered records → 审核记录被篡改, exit 1", async () => {
    const f = await tampered("reordered.xlsx", async (wb) => {
      const rows = await logRows(wb);
      const a = rows.findIndex((line) => String(line[0]) === "1");
      const b = rows.findIndex((line) => String(line[0]) === "2");
      await wb.apply([
        { kind: "setValues", sheet: APPROVAL_SHEET, address: `A${a + 1}`, values: [rows[b]] },
        { kind: "setValues", sheet: APPROVAL_SHEET, address: `A${b + 1}`, values: [rows[a]] },
      ]);
    });
    const r = await run(["verify", f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("记录顺序被调换");
  });

  test("the very hidden log sheet removed → 审核记录被篡改, exit 1", async () => {
    const f = await tampered("no-log.xlsx", async (wb) => {
      await wb.apply([{ kind: "deleteSheet", sheet: APPROVAL_SHEET }]);
    });
    const r = await run(["verify", f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("审核记录被篡改：隐藏的审核记录工作表「_tb_approvals」已被删除");
  });

  test("after a 退回 the table may be edited again and verify is back to 0", async () => {
    const f = await tampered("returned.xlsx", async (wb) => {
      const sheet = await sheetOf(wb, "1-3");
      const back = await act(wb, "1-3", "return", SCHOOL_REVIEWER, "单位号写错");
      expect(back).toMatchObject({ ok: true, state: "draft" });
      await wb.apply([{ kind: "setValues", sheet, address: "B5", values: [["D02"]] }]);
    });
    const r = await run(["verify", f]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/表1-3 学校教学科研单位.*：填报中/);
  });

  test("an unreadable file → exit 2", async () => {
    const r = await run(["verify", path.join(tmp, "missing.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("missing.xlsx");
  });
});
