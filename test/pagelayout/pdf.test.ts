/**
 * What the paper looks like: a workbook with a 审核表 (150 tables, so it runs over three pages) and
 * the 质量监控表, written by the xlsx adapter and printed to PDF by LibreOffice headless. The form's
 * pages are A4 portrait (≈ 595 × 842 pt), every page carries the column headers including the last
 * column (one page wide, title rows repeated); the overview's pages are A4 landscape.
 * Needs `soffice` and poppler's `pdfinfo`/`pdftotext` (installed here and by .ci/run); skipped with
 * a printed reason when soffice is absent.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { overviewToOps } from "../../src/core/workflow/overview";
import { signOffFormOps } from "../../src/core/workflow/signOff";
import { clock, noStates, overviewRows } from "./fixtures";

const hasSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8", timeout: 60_000 }).status === 0;
if (!hasSoffice) console.warn("test/pagelayout/pdf.test.ts skipped: LibreOffice (soffice) is not installed, so no PDF can be printed");

interface PdfPage {
  width: number;
  height: number;
  text: string;
}

function run(cmd: string, args: string[], timeout = 180_000): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Page sizes from pdfinfo, text per page from pdftotext. */
function readPdf(file: string): PdfPage[] {
  const info = run("pdfinfo", ["-f", "1", "-l", "9999", file]);
  const pages: PdfPage[] = [];
  for (const m of info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    const n = Number(m[1]);
    pages.push({ width: Number(m[2]), height: Number(m[3]), text: run("pdftotext", ["-layout", "-f", String(n), "-l", String(n), file, "-"]) });
  }
  return pages;
}

const isA4Portrait = (p: PdfPage) => Math.abs(p.width - 595.3) < 2 && Math.abs(p.height - 841.9) < 2;
const isA4Landscape = (p: PdfPage) => Math.abs(p.width - 841.9) < 2 && Math.abs(p.height - 595.3) < 2;

(hasSoffice ? test : test.skip)(
  "LibreOffice prints the 审核表 on A4 portrait (headers and every column on each page) and the 质量监控表 on A4 landscape",
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tb-pdf-"));
    try {
      const wb = XlsxWorkbook.create();
      const rows = overviewRows(150);
      await wb.apply(signOffFormOps({ department: "人事处", rows, derived: noStates, explanations: [], clock, create: true }));
      await wb.apply(overviewToOps(rows, { clock, create: true }));
      await wb.apply([{ kind: "deleteSheet", sheet: "Sheet1" }]);
      const xlsx = path.join(dir, "审核表.xlsx");
      await wb.save(xlsx);

      // a private profile, so parallel runs and other helpers' LibreOffice don't collide
      const profile = `file://${path.join(dir, "lo-profile")}`;
      run("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, xlsx]);
      const pages = readPdf(path.join(dir, "审核表.pdf"));

      expect(pages.length).toBeGreaterThanOrEqual(3);
      const first = pages[0];
      expect(first.text).toContain("监测数据填报审核表");
      expect(isA4Portrait(first)).toBe(true);

      const formPages = pages.filter((p) => isA4Portrait(p));
      const overviewPages = pages.filter((p) => isA4Landscape(p));
      expect(formPages.length + overviewPages.length).toBe(pages.length); // every page is A4
      expect(formPages.length).toBeGreaterThanOrEqual(2); // 150 tables run over more than one page
      for (const p of formPages) {
        // title rows repeated, and the last column (数据填报人签字) is on the same page as the first
        expect(p.text).toContain("表格名称");
        expect(p.text).toContain("数据填报人签字");
      }
      expect(formPages[formPages.length - 1].text).toContain("数据提交");
      expect(formPages.map((p) => /第 (\d+) 页，共 (\d+) 页/.exec(p.text)?.[1])).toEqual(formPages.map((_, i) => String(i + 1)));

      expect(overviewPages.length).toBeGreaterThanOrEqual(1);
      for (const p of overviewPages) {
        expect(p.text).toContain("截止日期");
        expect(p.text).toContain("备注"); // the last of the 12 columns fits the landscape width
      }
    } finally {
      if (process.env.TB_KEEP_PDF) console.log(dir);
      else fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  240_000,
);
