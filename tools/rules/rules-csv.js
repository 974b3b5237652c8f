"use strict";
/** Reads es2-2019 rules.csv into {row, table, ruleClass, name} (row = 1-based data row). */
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}
function parseRulesCsv(text) {
  const [head, ...rows] = parseCsv(text);
  const ix = (n) => head.indexOf(n);
  return rows.map((r, i) => ({ row: i + 1, table: r[ix("table")], ruleClass: r[ix("rule_class")], name: r[ix("rule_name")], message: r[ix("error_message")] }));
}
module.exports = { parseRulesCsv };
