/** overview page frame; the behaviour is wired once its core module lands. */
import * as React from "react";
import { useT } from "../state/context";
import { PageFrame, Unavailable } from "../components/PageFrame";

export function OverviewPage(): React.ReactElement {
  const t = useT();
  return (
    <PageFrame heading={t("overview.heading")} intro={t("overview.intro")} testId="overview-page">
      <Unavailable text={t("overview.moduleUnavailable")} />
    </PageFrame>
  );
}
