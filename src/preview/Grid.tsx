/**
 * A minimal Excel-like view of the fake workbook: sheet tabs (hidden sheets marked, very hidden
 * sheets not shown — as in Excel), cell values with fills (conditional fills included), and a cell
 * editor that types through the fake's user API so change events fire like real typing.
 */
import * as React from "react";
import type { FakeSnapshot, FakeWorkbook, SnapshotCell, SnapshotSheet } from "../fake/model";
import { cellAddress, columnLetter, parseCell } from "../core/workbook/address";
import type { Translate } from "../i18n";
import { GRID_MAX_COLUMNS, GRID_MAX_ROWS } from "./useFakeSnapshot";

export interface GridProps {
  wb: FakeWorkbook;
  snapshot: FakeSnapshot;
  t: Translate;
}

export function Grid({ wb, snapshot, t }: GridProps): React.ReactElement {
  const tabs = snapshot.sheets.filter((s) => s.visibility !== "VeryHidden");
  const active = snapshot.sheets.find((s) => s.name === snapshot.activeSheet) ?? tabs[0] ?? null;
  const [selected, setSelected] = React.useState("A1");
  const [error, setError] = React.useState<string | null>(null);

  const run = (action: Promise<void>) =>
    action.then(
      () => setError(null),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );

  return (
    <div className="tb-grid" data-testid="preview-grid">
      {active ? (
        <CellEditor
          key={`${active.name}!${selected}`}
          sheet={active}
          address={selected}
          t={t}
          onEnter={(text) => run(wb.user.type(active.name, selected, text))}
        />
      ) : null}
      {error ? (
        <div className="tb-grid-error" role="alert" data-testid="preview-error">
          {error}
        </div>
      ) : null}
      <div className="tb-grid-scroll">
        {active ? (
          <SheetTable sheet={active} selected={selected} onSelect={setSelected} t={t} />
        ) : (
          <p>{t("preview.noSheets")}</p>
        )}
      </div>
      <nav className="tb-tabs" aria-label={t("preview.gridLabel")} data-testid="sheet-tabs">
        {tabs.map((s) => (
          <button
            type="button"
            key={s.id}
            className={"tb-tab" + (s.name === active?.name ? " tb-tab-active" : "") + (s.visibility === "Hidden" ? " tb-tab-hidden" : "")}
            data-testid="sheet-tab"
            data-sheet={s.name}
            data-visibility={s.visibility}
            aria-pressed={s.name === active?.name}
            onClick={() => {
              setSelected("A1");
              void run(wb.user.activate(s.name));
            }}
          >
            {s.name}
            {s.visibility === "Hidden" ? ` ${t("preview.hiddenSheet")}` : ""}
            {s.protected ? " 🔒" : ""}
          </button>
        ))}
      </nav>
    </div>
  );
}

function CellEditor(props: { sheet: SnapshotSheet; address: string; t: Translate; onEnter(text: string): Promise<void> }) {
  const { sheet, address, t } = props;
  const cell = findCell(sheet, address);
  const [text, setText] = React.useState(cell ? (cell.formula ?? cell.text) : "");
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void props.onEnter(text);
  };
  return (
    <form className="tb-editor" onSubmit={submit} data-testid="cell-editor">
      <label htmlFor="tb-cell-input" className="tb-editor-address" data-testid="cell-editor-address">
        {address}
      </label>
      <input
        id="tb-cell-input"
        data-testid="cell-editor-input"
        aria-label={t("preview.cellEditorLabel", { cell: address })}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" data-testid="cell-editor-apply">
        {t("preview.apply")}
      </button>
      {cell?.prompt ? <span className="tb-editor-prompt">{cell.prompt}</span> : null}
    </form>
  );
}

function findCell(sheet: SnapshotSheet, address: string): SnapshotCell | undefined {
  try {
    const { row, column } = parseCell(address);
    return sheet.rows[row]?.[column];
  } catch {
    return undefined;
  }
}

function SheetTable(props: { sheet: SnapshotSheet; selected: string; onSelect(a: string): void; t: Translate }) {
  const { sheet, t } = props;
  const rowCount = Math.max(sheet.rows.length, 20);
  const columnCount = Math.max(...sheet.rows.map((r) => r.length), 8);
  /** Column widths in points, as Excel's `format.columnWidth`. */
  const widths = sheet.columnWidths ?? {};
  const truncated = sheet.rows.length >= GRID_MAX_ROWS || columnCount >= GRID_MAX_COLUMNS;
  return (
    <>
      {sheet.rows.length === 0 ? <p className="tb-grid-note">{t("preview.emptySheet")}</p> : null}
      {truncated ? <p className="tb-grid-note">{t("preview.rowsTruncated", { rows: GRID_MAX_ROWS, columns: GRID_MAX_COLUMNS })}</p> : null}
      <table className="tb-sheet" data-testid="sheet-table" data-sheet={sheet.name}>
        <thead>
          <tr>
            <th className="tb-corner" />
            {Array.from({ length: columnCount }, (_, c) => (
              <th key={c} style={widths[c] ? { minWidth: Math.min(360, Math.max(30, Math.round((widths[c] * 4) / 3))) } : undefined}>
                {columnLetter(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rowCount }, (_, r) => (
            <tr key={r}>
              <th>{r + 1}</th>
              {Array.from({ length: columnCount }, (_, c) => {
                const address = cellAddress(r, c);
                const cell = sheet.rows[r]?.[c];
                const fill = cell?.displayFill ?? null;
                return (
                  <td
                    key={c}
                    data-testid={`cell-${address}`}
                    data-fill={fill ?? undefined}
                    className={props.selected === address ? "tb-cell-selected" : undefined}
                    style={{
                      backgroundColor: fill ?? undefined,
                      color: cell?.fontColor && cell.fontColor !== "#000000" ? cell.fontColor : undefined,
                      fontWeight: cell?.bold ? 600 : undefined,
                    }}
                    title={cell?.note}
                    onClick={() => props.onSelect(address)}
                  >
                    {cell?.text ?? ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
