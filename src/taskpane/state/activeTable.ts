/**
 * What the header shows for the active sheet. Only facts the workbook provides are shown: the
 * table binding (custom property or TB_ defined name), and the responsibility properties the
 * template loader / 责任分解 write. Nothing is invented when a fact is missing.
 */
import * as React from "react";
import type { Catalog, TableDef } from "../../core/catalog/types";
import type { DefinedName, SheetInfo, WorkbookPort } from "../../core/workbook/port";
import {
  PROP_CATALOG_ID,
  PROP_DEADLINE,
  PROP_DEPARTMENT,
  PROP_REVIEWING,
  PROP_TABLE_ID,
  tableNameFor,
} from "../../core/template/layout";
import { useServices, useWorkbook } from "./context";

export interface ActiveTable {
  sheet: string;
  tableId: string;
  catalogId: string | null;
  /** Definition from the catalog, when the catalog knows the table. */
  table: TableDef | null;
  catalog: Catalog | null;
  department: string | null;
  reviewingDepartment: string | null;
  deadline: string | null;
  /** The workbook's 统计年度, when set. */
  statYear: number | null;
}

export type ActiveSheetState =
  | { status: "loading" }
  | { status: "noWorkbook" }
  | { status: "error"; message: string }
  | { status: "noSheet" }
  | { status: "unbound"; sheet: string }
  | { status: "bound"; info: ActiveTable };

function nonEmpty(v: string | undefined): string | null {
  return v !== undefined && v.trim() !== "" ? v.trim() : null;
}

/** Finds the table bound to `sheet`: its custom property first, else a TB_ defined name on it. */
export function describeSheet(
  sheet: SheetInfo,
  names: DefinedName[],
  catalogs: Catalog[],
): ActiveTable | null {
  const props = sheet.customProperties ?? {};
  let tableId = nonEmpty(props[PROP_TABLE_ID]);
  let catalogId = nonEmpty(props[PROP_CATALOG_ID]);
  let table: TableDef | null = null;
  let catalog: Catalog | null = null;
  if (!tableId) {
    const onSheet = new Set(names.filter((n) => n.sheet === sheet.name).map((n) => n.name.toUpperCase()));
    outer: for (const c of catalogs) {
      if (catalogId && c.id !== catalogId) continue;
      for (const tdef of c.tables) {
        if (onSheet.has(tableNameFor(tdef.id).toUpperCase())) {
          tableId = tdef.id;
          catalogId = c.id;
          break outer;
        }
      }
    }
  }
  if (!tableId) return null;
  for (const c of catalogs) {
    if (catalogId && c.id !== catalogId) continue;
    const found = c.tables.find((x) => x.id === tableId);
    if (found) {
      table = found;
      catalog = c;
      break;
    }
  }
  return {
    sheet: sheet.name,
    tableId,
    catalogId: catalog?.id ?? catalogId,
    table,
    catalog,
    department: nonEmpty(props[PROP_DEPARTMENT]),
    reviewingDepartment: nonEmpty(props[PROP_REVIEWING]),
    deadline: nonEmpty(props[PROP_DEADLINE]),
    statYear: null,
  };
}

/** The active sheet as the whole pane sees it (one subscription for the header and every page). */
export const ActiveSheetContext = React.createContext<ActiveSheetState | null>(null);

export function useActiveSheet(): ActiveSheetState {
  const shared = React.useContext(ActiveSheetContext);
  // Outside the provider (a component rendered alone) track it directly.
  const own = useTrackActiveSheet(shared === null);
  return shared ?? own;
}

export function ActiveSheetProvider(props: { children: React.ReactNode }): React.ReactElement {
  const state = useTrackActiveSheet(true);
  return React.createElement(ActiveSheetContext.Provider, { value: state }, props.children);
}

/** Tracks the active sheet (onActivated + re-read after the pane changes the workbook). */
function useTrackActiveSheet(enabled: boolean): ActiveSheetState {
  const { port, revision } = useWorkbook();
  const services = useServices();
  const [state, setState] = React.useState<ActiveSheetState>({ status: port ? "loading" : "noWorkbook" });
  const [activations, setActivations] = React.useState(0);

  React.useEffect(() => {
    if (!port || !enabled) return;
    let unsubscribe: (() => Promise<void>) | null = null;
    let cancelled = false;
    port
      .onActivated(() => setActivations((n) => n + 1))
      .then((off) => {
        if (cancelled) void off();
        else unsubscribe = off;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      if (unsubscribe) void unsubscribe();
    };
  }, [port, enabled]);

  React.useEffect(() => {
    if (!enabled) return;
    if (!port) {
      setState({ status: "noWorkbook" });
      return;
    }
    let cancelled = false;
    (async () => {
      const active = await port.getActiveSheet();
      if (!active) return { status: "noSheet" } as const;
      const [sheets, names] = await Promise.all([port.getSheets(), port.getNames()]);
      const info = sheets.find((s) => s.name === active);
      if (!info) return { status: "noSheet" } as const;
      const catalogs: Catalog[] = [];
      for (const summary of services.listCatalogs()) {
        try {
          catalogs.push(services.getCatalog(summary.id));
        } catch {
          /* a catalog that fails to load simply cannot name the table */
        }
      }
      const bound = describeSheet(info, names, catalogs);
      if (bound) bound.statYear = await services.getStatYear(port).catch(() => null);
      return bound ? ({ status: "bound", info: bound } as const) : ({ status: "unbound", sheet: active } as const);
    })().then(
      (s) => !cancelled && setState(s),
      (e: unknown) => !cancelled && setState({ status: "error", message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [port, revision, activations, services, enabled]);

  return state;
}
