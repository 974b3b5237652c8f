// Where office-addin-debugging's CLI lives, or null when the optional dependency is not installed
// (it needs keytar, which only builds where libsecret is present). Shared by start.js and stop.js.
const fs = require("fs");
const path = require("path");

function officeDebuggingCli(root) {
  try {
    const pkgFile = require.resolve("office-addin-debugging/package.json", { paths: [root] });
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && (pkg.bin["office-addin-debugging"] || Object.values(pkg.bin)[0]);
    return bin ? path.join(path.dirname(pkgFile), bin) : null;
  } catch {
    return null;
  }
}

module.exports = { officeDebuggingCli };
