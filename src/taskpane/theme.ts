/** Office theme → Fluent theme: a dark task-pane body background selects webDarkTheme. */

/** "#RRGGBB"/"#RGB" with relative luminance below 0.4 counts as dark; anything unparsable is light. */
export function isDarkColor(color: string | null | undefined): boolean {
  if (!color) return false;
  let hex = color.trim().replace(/^#/, "");
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = hex.replace(/./g, (c) => c + c);
  if (!/^[0-9a-f]{6}$/i.test(hex)) return false;
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return luminance < 0.4;
}
