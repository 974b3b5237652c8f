/** Header + TabList navigation + the selected page. */
import * as React from "react";
import { Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { useT } from "../state/context";
import type { MessageKey } from "../../i18n";
import { TableHeader } from "./TableHeader";
import { TemplatePage } from "../pages/TemplatePage";
import { CheckPage } from "../pages/CheckPage";
import { OverviewPage } from "../pages/OverviewPage";
import { ReviewPage } from "../pages/ReviewPage";
import { SettingsPage } from "../pages/SettingsPage";

export type PageId = "template" | "check" | "overview" | "review" | "settings";

export const PAGES: ReadonlyArray<{ id: PageId; label: MessageKey; Component: React.ComponentType }> = [
  { id: "template", label: "shell.tabTemplate", Component: TemplatePage },
  { id: "check", label: "shell.tabCheck", Component: CheckPage },
  { id: "overview", label: "shell.tabOverview", Component: OverviewPage },
  { id: "review", label: "shell.tabReview", Component: ReviewPage },
  { id: "settings", label: "shell.tabSettings", Component: SettingsPage },
];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100%", backgroundColor: tokens.colorNeutralBackground1 },
  nav: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowX: "auto" },
  page: { padding: "12px", display: "flex", flexDirection: "column", rowGap: "12px" },
});

export function Shell(props: { initialPage?: PageId }): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const [page, setPage] = React.useState<PageId>(props.initialPage ?? "template");
  const current = PAGES.find((p) => p.id === page) ?? PAGES[0];
  const Page = current.Component;
  return (
    <div className={styles.root}>
      <TableHeader />
      <TabList
        className={styles.nav}
        selectedValue={page}
        onTabSelect={(_, data) => setPage(data.value as PageId)}
        aria-label={t("shell.navLabel")}
        size="small"
        data-testid="pane-nav"
      >
        {PAGES.map((p) => (
          <Tab key={p.id} value={p.id} data-testid={`tab-${p.id}`}>
            {t(p.label)}
          </Tab>
        ))}
      </TabList>
      <main className={styles.page} data-testid={`page-${page}`} aria-label={t(current.label)}>
        <Page />
      </main>
    </div>
  );
}
