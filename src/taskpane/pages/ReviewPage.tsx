/** review page frame; the behaviour is wired once its core module lands. */
import * as React from "react";
import { useT } from "../state/context";
import { PageFrame, Unavailable } from "../components/PageFrame";

export function ReviewPage(): React.ReactElement {
  const t = useT();
  return (
    <PageFrame heading={t("review.heading")} intro={t("review.intro")} testId="review-page">
      <Unavailable text={t("review.moduleUnavailable")} />
    </PageFrame>
  );
}
