/** Renders the real App against the real Excel adapter over the behavioural fake. */
import * as React from "react";
import { configure, render } from "@testing-library/react";
import { createFakeWorkbookPort, type FakeWorkbookPort } from "../../src/fake";
import { App } from "../../src/taskpane/App";
import { defaultServices } from "../../src/taskpane/services";
import { MemoryStore, type KeyValueStore } from "../../src/taskpane/state/storage";
import type { PaneServices } from "../../src/taskpane/state/services";
import { fixedClock } from "../../src/core/workflow/clock";
import type { PageId } from "../../src/taskpane/components/Shell";

// The fake answers asynchronously like Excel; on a loaded 2-core machine 1 s is too tight.
configure({ asyncUtilTimeout: 8000 });

export interface RenderOptions {
  store?: KeyValueStore;
  services?: Partial<PaneServices>;
  officeLanguage?: string;
  initialPage?: PageId;
  dark?: boolean;
  sheets?: string[];
  /** A fake workbook prepared before the pane opens (default: a new one with Sheet1). */
  workbook?: FakeWorkbookPort;
}

jest.setTimeout(30_000);

export function renderPane(options: RenderOptions = {}) {
  const { port, fake } = options.workbook ?? createFakeWorkbookPort({ sheets: options.sheets ?? ["Sheet1"] });
  const store = options.store ?? new MemoryStore();
  const services: PaneServices = { ...defaultServices(fixedClock("2026-11-23T04:00:00Z")), ...options.services };
  const utils = render(
    <App port={port} store={store} services={services} officeLanguage={options.officeLanguage ?? "zh-CN"} initialPage={options.initialPage} dark={options.dark} />,
  );
  return { ...utils, port, fake, store, services };
}
