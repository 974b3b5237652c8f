/**
 * Lets plain Node scripts in tools/ require the TypeScript sources (ts-node is not installed):
 * compiles each .ts file on load with the project's TypeScript (transpile only, CommonJS).
 */
"use strict";
const fs = require("fs");
const ts = require("typescript");

if (!require.extensions[".ts"]) {
  require.extensions[".ts"] = function (module, filename) {
    const src = fs.readFileSync(filename, "utf8");
    const out = ts.transpileModule(src, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, isolatedModules: true },
    });
    module._compile(out.outputText, filename);
  };
}
module.exports = {};
