/**
 * `npm run bench [-- --json] [-- --students N] [-- --rounds N]`: builds the large-university
 * workbook and prints the four figures of issue 4 point 8 with their targets.
 * `--json` prints only `{fullCheck, singleEdit, paste10k, cli}` (numbers), nothing else on stdout.
 */
import { getCatalog } from "../src/core/catalog";
import {
  FULL_CHECK_ROUNDS,
  FULL_CHECK_WARMUP,
  liveRig,
  measureCli,
  measureFullCheck,
  measurePasteEngine,
  measurePasteRoundTrips,
  measureSingleEditEngine,
  measureSingleEditRoundTrips,
  type BenchFigures,
} from "./measure";
import { buildWorkbook, FULL_SIZES, smallSizes, type BenchSizes } from "./workbook";

export interface BenchOptions {
  sizes: BenchSizes;
  /** Timed rounds per side (after a warm-up). */
  rounds: number;
  /** Records in the paste measurement. */
  pasteRows: number;
  /** Students of the small sheet the single edit is compared with. */
  smallStudents: number;
  /** Rows the template loader formats below each header (default: the loader's, 2,000). */
  dataRows?: number;
  log?: (line: string) => void;
}

export const TARGETS = {
  fullCheckRatio: 1.0,
  singleEditRoundTrips: 2,
  pasteRoundTrips: 6,
  pasteMaxRequestBytes: 5 * 1024 * 1024,
  cliRatio: 2.0,
} as const;

export interface BenchResult {
  figures: BenchFigures;
  /** How each figure was obtained and counts that show the checks did real work. */
  details: Record<string, string | number>;
}

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? (() => undefined);
  const catalog = getCatalog("undergraduate");
  log(`生成工作簿 / building the workbook (${o.sizes.students} 名学生 students)…`);
  const wb = buildWorkbook(catalog, o.sizes);
  const small = buildWorkbook(catalog, smallSizes(o.smallStudents));
  const details: Record<string, string | number> = { students: o.sizes.students, planted: wb.planted.length };

  log("1/4 全表校验 vs ajv / full check vs ajv…");
  const full = await measureFullCheck(wb, Math.max(o.rounds, FULL_CHECK_ROUNDS));
  details.engineFindings = full.engineFindings;
  details.ajvErrors = full.ajvErrors;
  details.fullCheckSamples = `中位数：每侧${Math.max(o.rounds, FULL_CHECK_ROUNDS)}次交替运行（先预热${FULL_CHECK_WARMUP}次）；最快一次 fastest run: 引擎 engine ${full.engineMinMs} ms / ajv ${full.ajvMinMs} ms`;
  details.rowLevelOnly = `引擎仅行内检查 engine row-level only ${full.rowLevelMs} ms / ajv ${full.rowLevelAjvMs} ms = ${(full.rowLevelMs / full.rowLevelAjvMs).toFixed(2)}`;

  log("2/4 单格编辑 / single-cell edit…");
  const edit = await measureSingleEditEngine(wb, small, 200);
  const rig = await liveRig(wb, o.dataRows, o.pasteRows);
  details.livePath = rig.via;
  let editTrips: { roundTrips: number; requestBytes: number[] }, paste: { roundTrips: number; maxRequestBytes: number };
  try {
    editTrips = await measureSingleEditRoundTrips(rig, wb);
    details.editRequestBytes = editTrips.requestBytes.join(" + ");
    log("3/4 粘贴 / paste…");
    paste = await measurePasteRoundTrips(rig, wb, o.pasteRows);
  } finally {
    await rig.stop();
  }
  const pasteMs = await measurePasteEngine(wb, o.pasteRows, Math.max(3, Math.min(o.rounds, 5)));

  log("4/4 tianbao check (.xlsx) vs ExcelJS…");
  const cli = await measureCli(wb, o.rounds, o.dataRows);
  details.cliPath = cli.via;
  details.cliFindings = cli.findings;
  details.xlsxBytes = cli.fileBytes;

  return {
    figures: {
      fullCheck: { engineMs: full.engineMs, ajvMs: full.ajvMs, ratio: full.ratio },
      singleEdit: { engineMs50k: edit.engineMs50k, engineMs500: edit.engineMs500, roundTrips: editTrips.roundTrips },
      paste10k: { engineMs: pasteMs, roundTrips: paste.roundTrips, maxRequestBytes: paste.maxRequestBytes },
      cli: { checkMs: cli.checkMs, readMs: cli.readMs, ratio: cli.ratio },
    },
    details,
  };
}

const mark = (ok: boolean) => (ok ? "✓ 达标 pass" : "✗ 未达标 miss");

/** The human table (Chinese first, English second). */
export function formatHuman(r: BenchResult): string {
  const f = r.figures;
  const rows: Array<[string, string, string, string]> = [
    ["全表校验 引擎/ajv  full check engine/ajv", `${f.fullCheck.engineMs} ms / ${f.fullCheck.ajvMs} ms = ${f.fullCheck.ratio}`, `≤ ${TARGETS.fullCheckRatio}`, mark(f.fullCheck.ratio <= TARGETS.fullCheckRatio)],
    ["单格编辑 引擎 50k行 / 500行  edit engine", `${f.singleEdit.engineMs50k} ms / ${f.singleEdit.engineMs500} ms`, "不随行数增长 flat", mark(f.singleEdit.engineMs50k <= Math.max(10 * f.singleEdit.engineMs500, 1))],
    ["单格编辑 往返次数  edit round trips", String(f.singleEdit.roundTrips), `≤ ${TARGETS.singleEditRoundTrips}`, mark(f.singleEdit.roundTrips <= TARGETS.singleEditRoundTrips)],
    ["粘贴1万行 引擎  paste 10k engine", `${f.paste10k.engineMs} ms`, "—", ""],
    ["粘贴1万行 往返次数  paste round trips", String(f.paste10k.roundTrips), `≤ ${TARGETS.pasteRoundTrips}`, mark(f.paste10k.roundTrips <= TARGETS.pasteRoundTrips)],
    ["粘贴 最大请求  paste largest request", `${(f.paste10k.maxRequestBytes / 1048576).toFixed(2)} MB`, "≤ 5 MB", mark(f.paste10k.maxRequestBytes <= TARGETS.pasteMaxRequestBytes)],
    ["tianbao check / ExcelJS 读取  read", `${f.cli.checkMs} ms / ${f.cli.readMs} ms = ${f.cli.ratio}`, `≤ ${TARGETS.cliRatio}`, mark(f.cli.ratio <= TARGETS.cliRatio)],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => width(r[i]))));
  const line = (r: [string, string, string, string]) => r.map((c, i) => (i < 3 ? c + " ".repeat(w[i] - width(c)) : c)).join("  ");
  const head = `填报助手性能基准 / Tianbao benchmark — ${r.details.students} 名学生, 预置错误 ${r.details.planted} planted errors`;
  const notes = Object.entries(r.details).map(([k, v]) => `  ${k}: ${v}`);
  return [head, "", ...rows.map(line), "", "说明 / details:", ...notes, ""].join("\n");
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

export function parseArgs(argv: string[]): { json: boolean; options: BenchOptions } {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  const students = get("--students");
  const sizes = students && students !== FULL_SIZES.students ? { ...smallSizes(students), students } : FULL_SIZES;
  return {
    json: argv.includes("--json"),
    options: { sizes, rounds: get("--rounds") ?? 5, pasteRows: Math.min(10_000, sizes.students), smallStudents: 500 },
  };
}

export async function main(argv: string[]): Promise<number> {
  const { json, options } = parseArgs(argv);
  const r = await runBench({ ...options, log: (l) => process.stderr.write(l + "\n") });
  process.stdout.write(json ? JSON.stringify(r.figures, null, 2) + "\n" : formatHuman(r));
  return 0;
}
