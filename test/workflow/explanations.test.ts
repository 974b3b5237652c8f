import { EXPLANATION_SHEET } from "../../src/core/template/layout";
import {
  appendExplanation,
  currentHashes,
  explanationFindings,
  readExplanations,
  recordForRow,
  unexplainedWarnings,
} from "../../src/core/workflow/explanations";
import { dataHash, rowHash } from "../../src/core/workflow/hash";
import { snapshotTables, verifyThroughPort } from "../../src/core/workflow/verify";
import { clerk } from "./fixtures";
import { SHEET, act, bound, catalog, explainRow6, workbook } from "./scenario";

describe("异常数据说明", () => {
  test("a warning needs an explanation before submit; the explanation follows the row's hash", async () => {
    const port = await workbook();
    const [snap] = await snapshotTables(port, catalog, bound);
    const td = snap.data!;
    // The validation engine warns on row 6 (李四, 41) — e.g. an unusual age.
    const findings = [{ table: "1-5-1", row: 6, rule: "U.1-5-1.age-range", severity: "warning", message: "年龄偏大" }];
    const values = (row: number | undefined) => recordForRow(td, row);
    let pending = unexplainedWarnings("1-5-1", findings, (await readExplanations(port)).items, values, snap.dataHash!);
    expect(pending).toEqual([{ rule: "U.1-5-1.age-range", row: 6, message: "年龄偏大" }]);
    expect(await act(port, "submit", clerk, undefined, { unexplainedWarnings: pending })).toMatchObject({
      ok: false,
      reason: "表 1-5-1 教职工基本信息 还有 1 个警告没有填写异常数据说明（第 6 行），说明后才能提交",
    });

    const e = await explainRow6(port);
    expect((await port.getSheets()).find((s) => s.name === EXPLANATION_SHEET)?.visibility).toBe("veryHidden");
    const logged = (await readExplanations(port)).items;
    expect(logged).toEqual([{ row: 1, explanation: e, intact: true }]);
    pending = unexplainedWarnings("1-5-1", findings, logged, values, snap.dataHash!);
    expect(pending).toEqual([]);
    expect(await act(port, "submit", clerk, undefined, { unexplainedWarnings: pending })).toMatchObject({ ok: true });

    // Rows inserted above: the warning moves to row 7, the explanation still matches by hash.
    const moved = [{ ...findings[0], row: 7 }];
    const shifted = (row: number | undefined) => (row === 7 ? values(6) : null);
    expect(unexplainedWarnings("1-5-1", moved, logged, shifted, snap.dataHash!)).toEqual([]);
  });

  test("an explanation whose row changed is stale; an edited explanation is evident", async () => {
    const port = await workbook();
    await explainRow6(port);
    const fresh = () => snapshotTables(port, catalog, bound).then(([s]) => new Map([["1-5-1", currentHashes(s.data!.rows, s.dataHash!)]]));
    expect(explanationFindings((await readExplanations(port)).items, await fresh())).toEqual([]);

    port.poke(SHEET, "C6", [[45]]);
    const stale = explanationFindings((await readExplanations(port)).items, await fresh());
    expect(stale).toEqual([
      {
        code: "explanation.stale",
        severity: "warning",
        sheet: EXPLANATION_SHEET,
        address: "G2",
        row: 1,
        column: 6,
        tableId: "1-5-1",
        message: "表 1-5-1 第 6 行的异常数据说明（规则 U.1-5-1.age-range，张三）已过期：说明之后该行数据被修改或删除，请重新说明",
      },
    ]);

    // verify carries the stale note as a warning (not a failure)…
    const staleReport = await verifyThroughPort(port, catalog, bound);
    expect(staleReport.ok).toBe(true);
    expect(staleReport.tables[0].problems).toEqual([stale[0].message]);

    port.poke(EXPLANATION_SHEET, "D2", [["随便写的"]]);
    const tampered = explanationFindings((await readExplanations(port)).items, await fresh());
    expect(tampered.map((f) => [f.code, f.message])).toEqual([["explanation.tampered", "表 1-5-1 第 6 行的异常数据说明被修改（记录指纹不符）"]]);
    // …and an edited note as a failure.
    expect((await verifyThroughPort(port, catalog, bound)).ok).toBe(false);
  });

  test("table-level warnings are explained against the table hash", () => {
    const rows = [["T001", "张三", 35]];
    const h = dataHash(rows);
    const item = { row: 1, intact: true, explanation: { tableId: "1-5-1", rowKey: "", rule: "cross.sum", text: "口径不同", person: "张三", timestamp: "t", rowHash: h, recordHash: "" } };
    expect(unexplainedWarnings("1-5-1", [{ table: "1-5-1", rule: "cross.sum", severity: "warning" }], [item], () => null, h)).toEqual([]);
    expect(unexplainedWarnings("1-5-1", [{ table: "1-5-1", rule: "cross.sum", severity: "warning" }], [item], () => null, dataHash([["T001", "张三", 36]]))).toHaveLength(1);
  });

  test("an empty explanation is refused", async () => {
    const port = await workbook();
    await expect(appendExplanation(port, { tableId: "1-5-1", rowKey: "6", rule: "r", text: "  ", person: "张三", timestamp: "t", rowHash: "h" })).rejects.toThrow("异常数据说明不能为空");
  });
});
