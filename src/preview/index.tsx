/**
 * Browser preview (preview.html): Tianbao without Excel. Boot order matters:
 *  1. office.js (served by us) resolves Office.onReady with host null outside Office;
 *  2. the behavioural Excel fake is installed as the `Excel`/`Office` globals, BEFORE any pane code
 *     touches them, and `__TIANBAO_PREVIEW__` marks the page as the preview;
 *  3. the real task pane (the same App as in Excel) runs through the real Excel adapter against the
 *     fake, beside a grid that shows the fake workbook and lets you type into cells.
 * `?lang=en-US` plays an English Office; the default is zh-CN (Tianbao's first language).
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { officeReady } from "../adapters/excel/officeHost";
import { ExcelWorkbook } from "../adapters/excel/ExcelWorkbook";
import { FakeWorkbook, installFakeOffice } from "../fake";
import { pickLocale, translator } from "../i18n";
import { App } from "../taskpane/App";
import { defaultServices } from "../taskpane/services";
import { browserStore } from "../taskpane/state/storage";
import { PreviewPage } from "./PreviewPage";

export interface PreviewFlag {
  ready: boolean;
  /** Whether the real office.js loaded, and the host its onReady reported (null outside Office). */
  officeLoaded: boolean;
  officeHost: string | null;
  fake: FakeWorkbook;
}

declare global {
  interface Window {
    __TIANBAO_PREVIEW__?: PreviewFlag;
  }
}

async function boot(): Promise<void> {
  const container = document.getElementById("preview-root");
  if (!container) return;
  const root = createRoot(container);
  const lang = new URLSearchParams(window.location.search).get("lang") || "zh-CN";
  const t = translator(pickLocale(lang));
  try {
    const office = await officeReady(10_000);
    // office.js runs its own DOMContentLoaded handler with the real `Office`; install the fake after it.
    await afterDomContentLoaded();
    const fake = new FakeWorkbook({ sheets: ["Sheet1"] });
    installFakeOffice(globalThis, fake, { displayLanguage: lang });
    const flag: PreviewFlag = { ready: false, officeLoaded: office.officeLoaded, officeHost: office.host, fake };
    window.__TIANBAO_PREVIEW__ = flag;
    const port = new ExcelWorkbook();
    const pane = <App port={port} store={browserStore()} services={defaultServices()} officeLanguage={lang} />;
    root.render(<PreviewPage fake={fake} t={t} pane={pane} onReady={() => (flag.ready = true)} />);
  } catch (e) {
    root.render(
      <p className="tb-boot-error" role="alert">
        {t("preview.fakeUnavailable")} {e instanceof Error ? e.message : String(e)}
      </p>,
    );
  }
}

function afterDomContentLoaded(): Promise<void> {
  return new Promise((resolve) => {
    const later = () => setTimeout(resolve, 0);
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later, { once: true });
    else later();
  });
}

void boot();
