/** check page frame; the behaviour is wired once its core module lands. */
import * as React from "react";
import { useT } from "../state/context";
import { PageFrame, Unavailable } from "../components/PageFrame";

export function CheckPage(): React.ReactElement {
  const t = useT();
  return (
    <PageFrame heading={t("check.heading")} intro={t("check.intro")} testId="check-page">
      <Unavailable text={t("check.engineUnavailable")} />
    </PageFrame>
  );
}
