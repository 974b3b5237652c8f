/**
 * Task pane entry (taskpane.html). Waits for Office.onReady, then:
 *  - inside Excel: the real Excel adapter behind the WorkbookPort, the App with theme and language
 *    from Office;
 *  - anywhere else: a clear message that Tianbao runs inside Excel, with a link to the preview.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { officeReady, onOfficeThemeChanged } from "../adapters/excel/officeHost";
import { pickLocale } from "../i18n";
import { App } from "./App";
import { NeedExcel } from "./components/NeedExcel";
import { ExcelWorkbook } from "../adapters/excel/ExcelWorkbook";
import { defaultServices } from "./services";
import { browserStore } from "./state/storage";
import { isDarkColor } from "./theme";

async function boot(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) return;
  const root = createRoot(container);
  const info = await officeReady();
  if (!info.hasExcel) {
    const previewUrl = new URL("preview.html", window.location.href).href;
    const locale = pickLocale(info.displayLanguage || navigator.language);
    root.render(<NeedExcel locale={locale} officeLoaded={info.officeLoaded} previewUrl={previewUrl} />);
    return;
  }
  let port: ExcelWorkbook;
  try {
    port = new ExcelWorkbook(); // checks ExcelApi 1.14 and says in Chinese what is missing
  } catch (e) {
    const problem = e instanceof Error ? e.message : String(e);
    const previewUrl = new URL("preview.html", window.location.href).href;
    root.render(<NeedExcel locale={pickLocale(info.displayLanguage)} officeLoaded={true} previewUrl={previewUrl} problem={problem} />);
    return;
  }
  const store = browserStore();
  const services = defaultServices();
  const render = (bodyBackground: string | null) =>
    root.render(
      <App port={port} store={store} services={services} officeLanguage={info.displayLanguage} dark={isDarkColor(bodyBackground)} />,
    );
  render(info.bodyBackgroundColor);
  onOfficeThemeChanged((color) => render(color));
}

void boot();
