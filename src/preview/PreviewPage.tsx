/** The preview layout: the fake workbook's grid on the left, the real task pane on the right. */
import * as React from "react";
import type { FakeWorkbook } from "../fake";
import type { Translate } from "../i18n";
import { Grid } from "./Grid";
import { useFakeSnapshot } from "./useFakeSnapshot";

export function PreviewPage(props: { fake: FakeWorkbook; t: Translate; pane: React.ReactNode; onReady?: () => void }): React.ReactElement {
  const { fake, t, onReady } = props;
  const snapshot = useFakeSnapshot(fake);
  React.useEffect(() => {
    onReady?.();
  }, [onReady]);
  return (
    <div className="tb-preview">
      <div className="tb-preview-top">
        <h1>{t("preview.title")}</h1>
        <span style={{ flex: 1 }}>{t("preview.intro")}</span>
        {/* The fake lives in memory only: a reload starts from an empty workbook again. */}
        <button type="button" data-testid="preview-reset" onClick={() => window.location.reload()}>
          {t("preview.reset")}
        </button>
      </div>
      <div className="tb-preview-body">
        <section className="tb-grid-wrap" aria-label={t("preview.gridLabel")} style={{ flex: 1, display: "flex", minWidth: 0 }}>
          <Grid wb={fake} snapshot={snapshot} t={t} />
        </section>
        <aside className="tb-pane" aria-label={t("preview.paneLabel")} data-testid="preview-pane">
          {props.pane}
        </aside>
      </div>
    </div>
  );
}
