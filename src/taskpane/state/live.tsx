/**
 * Live validation for the whole pane: once the workbook has a catalog and a 统计年度 (after the
 * first template load), one LiveValidator checks every table sheet, listens to changes and marks
 * cells — whichever page is open. Pages read its state from this context.
 */
import * as React from "react";
import type { Catalog } from "../../core/catalog";
import type { LiveState, LiveValidator } from "../../core/live";
import { useServices, useWorkbook } from "./context";

export interface LiveContextValue {
  /** null until the workbook has tables (no catalog or year yet), or while starting. */
  validator: LiveValidator | null;
  state: LiveState | null;
  catalog: Catalog | null;
  statYear: number | null;
  /** Why live checking could not start (Chinese message from the core), if it failed. */
  error: string | null;
}

const EMPTY: LiveContextValue = { validator: null, state: null, catalog: null, statYear: null, error: null };

export const LiveContext = React.createContext<LiveContextValue>(EMPTY);

export function useLive(): LiveContextValue {
  return React.useContext(LiveContext);
}

export function LiveProvider(props: { children: React.ReactNode }): React.ReactElement {
  const { port, revision } = useWorkbook();
  const services = useServices();
  const [value, setValue] = React.useState<LiveContextValue>(EMPTY);
  const current = React.useRef<{ key: string; validator: LiveValidator; off: () => void } | null>(null);

  // (Re)start when the workbook's catalog/year become known or change; after other pane changes
  // (templates added) a full re-check picks up the new sheets.
  React.useEffect(() => {
    if (!port) return;
    let cancelled = false;
    (async () => {
      const [catalogId, statYear] = await Promise.all([services.getWorkbookCatalogId(port), services.getStatYear(port)]);
      if (cancelled) return;
      if (!catalogId || statYear === null) return;
      const key = `${catalogId}@${statYear}`;
      if (current.current?.key === key) {
        await current.current.validator.revalidateAll();
        return;
      }
      await stopCurrent(current);
      const catalog = services.getCatalog(catalogId);
      const validator = services.createLiveValidator(port, catalog, statYear);
      const off = validator.subscribe((state) => setValue((v) => (v.validator === validator ? { ...v, state } : v)));
      current.current = { key, validator, off };
      setValue({ validator, state: validator.state(), catalog, statYear, error: null });
      await validator.start();
    })().catch((e: unknown) => {
      if (!cancelled) setValue((v) => ({ ...v, error: e instanceof Error ? e.message : String(e) }));
    });
    return () => {
      cancelled = true;
    };
  }, [port, revision, services]);

  React.useEffect(
    () => () => {
      void stopCurrent(current);
    },
    [port],
  );

  return <LiveContext.Provider value={value}>{props.children}</LiveContext.Provider>;
}

async function stopCurrent(ref: React.RefObject<{ validator: LiveValidator; off: () => void } | null>): Promise<void> {
  const c = ref.current;
  if (!c) return;
  (ref as React.MutableRefObject<unknown>).current = null;
  c.off();
  await c.validator.stop();
}
