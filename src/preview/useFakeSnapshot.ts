/** Subscribes to the fake workbook and returns a fresh snapshot after every change (one per frame). */
import * as React from "react";
import type { FakeSnapshot, FakeWorkbook } from "../fake/model";

export const GRID_MAX_ROWS = 120;
export const GRID_MAX_COLUMNS = 30;

export function useFakeSnapshot(wb: FakeWorkbook): FakeSnapshot {
  const [snapshot, setSnapshot] = React.useState<FakeSnapshot>(() => take(wb));
  React.useEffect(() => {
    let scheduled = false;
    const refresh = () => {
      if (scheduled) return;
      scheduled = true;
      // Coalesce bursts (a template load notifies many times) into one render.
      setTimeout(() => {
        scheduled = false;
        setSnapshot(take(wb));
      }, 30);
    };
    const off = wb.subscribe(refresh);
    refresh();
    return () => {
      off();
    };
  }, [wb]);
  return snapshot;
}

function take(wb: FakeWorkbook): FakeSnapshot {
  return wb.snapshot({ maxRows: GRID_MAX_ROWS, maxColumns: GRID_MAX_COLUMNS });
}
