/**
 * Node globals the core relies on that jest's jsdom environment does not expose. Import FIRST in
 * jsdom tests (before anything that loads the core).
 */
import { TextDecoder, TextEncoder } from "util";
import * as v8 from "v8";

const g = globalThis as Record<string, unknown>;
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;
g.structuredClone ??= <T>(value: T): T => v8.deserialize(v8.serialize(value)) as T;
export {};
