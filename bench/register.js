/**
 * Lets node `require` the TypeScript sources directly (src/**, bench/**) for `npm run bench`.
 *
 * Why this and not the CLI build: ts-node/tsx are not installed (and we install nothing), and the
 * benchmark needs modules tsconfig.cli.json does not build (src/fake, src/core/live, bench/).
 * Each .ts file is compiled on first require with the TypeScript API's `transpileModule` (per-file,
 * no type check — `npm run typecheck` does that), to CommonJS/ES2022 like jest's ts-jest setup.
 * Only files inside this repository are compiled; node_modules is left alone.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
let ts;
try {
  ts = require(require.resolve("typescript", { paths: [root] }));
} catch {
  process.stderr.write("无法运行基准：找不到 TypeScript，请先在项目目录运行 npm install。\nCannot run the benchmark: TypeScript is not installed (npm install).\n");
  process.exit(3);
}
if (typeof ts.transpileModule !== "function") {
  process.stderr.write(`无法运行基准：TypeScript ${ts.version} 没有编译 API（需要 6.x）。\nTypeScript ${ts.version} has no compiler API (6.x needed).\n`);
  process.exit(3);
}

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  jsx: ts.JsxEmit.ReactJSX,
  sourceMap: false,
  inlineSourceMap: true,
};

function compile(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const out = ts.transpileModule(source, { fileName: filename, compilerOptions: options });
  module._compile(out.outputText, filename);
}

for (const ext of [".ts", ".tsx"]) {
  const previous = require.extensions[ext];
  require.extensions[ext] = (module, filename) => {
    if (filename.startsWith(root + path.sep) && !filename.includes(`${path.sep}node_modules${path.sep}`)) return compile(module, filename);
    if (previous) return previous(module, filename);
    throw new Error(`bench: cannot load ${filename}`);
  };
}
