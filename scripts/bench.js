#!/usr/bin/env node
/**
 * `npm run bench` — the performance benchmark of issue 4 point 8 (not part of `npm test`).
 *
 *   npm run bench                  human table (中文/English) with targets and pass/fail marks
 *   npm run bench -- --json        only the figures as JSON:
 *     {fullCheck: {engineMs, ajvMs, ratio}, singleEdit: {engineMs50k, engineMs500, roundTrips},
 *      paste10k: {engineMs, roundTrips, maxRequestBytes}, cli: {checkMs, readMs, ratio}}
 *   --students N (default 50000)   --rounds N (timed runs per side, default 5; the full-check
 *   comparison takes at least 15 per side after 3 warm-ups, see bench/measure.ts FULL_CHECK_ROUNDS)
 *
 * How TypeScript runs here: bench/register.js compiles src/** and bench/** on require with the
 * TypeScript API (`ts.transpileModule`, no type check). ts-node/tsx are not installed, and the
 * CLI build (tsconfig.cli.json) does not include the fake, the live controller or bench/.
 *
 * Times are medians of interleaved runs of both sides in one process after a warm-up; the
 * machine is shared, so read the RATIOS. Round trips and request bytes come from the Excel fake.
 * Exit code 0 even when a target is missed (the table says so); 3 when the benchmark crashes.
 */
"use strict";
require("../bench/register");

const { main } = require("../bench/run.ts");
const crashed = (e) => {
  process.stderr.write(`基准运行失败 / benchmark crashed: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 3;
};
main(process.argv.slice(2)).then((code) => (process.exitCode = code), crashed);
