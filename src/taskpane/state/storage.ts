/**
 * Per-user settings storage for the pane: a tiny key/value abstraction over localStorage, so tests
 * and the preview can inject an in-memory store and a broken browser store degrades to memory.
 *
 * Values are JSON. Nothing here is secret: the profile is declared, not authenticated.
 */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** false when writes only last until the pane is closed (no browser storage). */
  readonly persistent: boolean;
}

export class MemoryStore implements KeyValueStore {
  private readonly data = new Map<string, string>();
  readonly persistent: boolean;
  constructor(persistent = true) {
    this.persistent = persistent;
  }
  get(key: string): string | null {
    return this.data.has(key) ? (this.data.get(key) as string) : null;
  }
  set(key: string, value: string): void {
    this.data.set(key, value);
  }
  remove(key: string): void {
    this.data.delete(key);
  }
}

/** The browser's localStorage, namespaced with "tianbao."; falls back to memory when blocked. */
export function browserStore(storage: Storage | undefined = globalThis.localStorage): KeyValueStore {
  try {
    if (!storage) return new MemoryStore(false);
    const probe = "tianbao.__probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
  } catch {
    return new MemoryStore(false);
  }
  const s = storage;
  return {
    persistent: true,
    get: (key) => s.getItem("tianbao." + key),
    set: (key, value) => s.setItem("tianbao." + key, value),
    remove: (key) => s.removeItem("tianbao." + key),
  };
}

export function readJson<T>(store: KeyValueStore, key: string, isValid: (v: unknown) => v is T): T | null {
  const raw = store.get(key);
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  store.set(key, JSON.stringify(value));
}
