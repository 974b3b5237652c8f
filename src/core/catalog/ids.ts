/** Table ids as people type them. Pure core. */

/** "表 １－５－１" → "1-5-1"; "sf-1" → "SF-1"; "表6.1" → "6.1". */
export function normalizeTableId(text: string): string {
  return String(text ?? "")
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, "")
    .replace(/^表/, "")
    .replace(/[‐‑‒–—―−]/g, "-")
    .replace(/[。．]/g, ".")
    .replace(/[：:]$/, "")
    .replace(/^(sf|gk)-/i, (m) => m.toUpperCase());
}
