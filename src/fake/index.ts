/**
 * Behavioural in-memory fake of the Excel JavaScript API subset Tianbao uses (no DOM; node and
 * browser). Stable entry point — import from here:
 *
 *   import { createFakeWorkbookPort, FakeWorkbook, installFakeOffice } from "../../src/fake";
 *
 *  - `createFakeWorkbookPort(options?)` → `{ port, fake }`: the real ExcelWorkbook adapter over a
 *    fake workbook (options: `sheets`, `requirementSets` e.g. `{ ExcelApi: "1.18" }`, …).
 *  - `new FakeWorkbook(options?)`: the model; `fake.user.*` simulates a person (type, paste, clear,
 *    renameSheet, activate, removeProtection, setFill, unhide); `fake.snapshot()` and
 *    `fake.subscribe(listener)` feed the preview grid; `fake.stats` counts syncs and bytes
 *    (`stats.reset()`); `await fake.settle()` waits until fired events are handled.
 *  - `installFakeOffice(globalThis, fake, options?)` defines `Excel`, `Office`, `OfficeExtension`
 *    for jsdom and the browser preview; returns an uninstall function.
 *
 * Semantics kept from Excel (see api.ts): queued writes apply at sync, not-loaded properties throw,
 * missing items reject the sync with ItemNotFound, null objects, 5 MB request/response limits,
 * 5,000,000-cell reads, 500-area getRanges, protection, veryHidden rules, typed-input conversion
 * ("00123" becomes 123 unless the cell is formatted "@"), events with details only for one cell
 * and triggerSource "ThisLocalAddin" for the add-in's own writes.
 */
export { FakeWorkbook, FakeUser, type FakeSnapshot, type SnapshotSheet, type SnapshotCell, type FakeStats, type FakeWorkbookOptions } from "./model";
export { FakeExcelError, FakeUserError, FakeErrorCodes } from "./errors";
export { FakeRequestContext } from "./api";
export { createFakeOfficeGlobals, installFakeOffice, type FakeOfficeGlobals, type FakeOfficeOptions } from "./install";
export { createFakeWorkbookPort, type FakeWorkbookPort, type FakeWorkbookPortOptions } from "./port";
