/**
 * Request-size arithmetic for Excel on the web's 5 MB per request/response limit: the adapter
 * estimates what it queues, the fake measures what it receives, with the same JSON-bytes rule.
 */

/** Excel on the web rejects a request or response larger than this (bytes). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** UTF-8 byte length of a string (no TextEncoder needed, so it runs in jsdom and browsers alike). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of `x` serialised as JSON (what travels in a request or response). */
export function jsonBytes(x: unknown): number {
  return utf8Length(JSON.stringify(x) ?? "");
}
