/** Human text for a period window; the dates themselves come from the core (one place). */
import type { PeriodKind } from "../../core/catalog/types";
import type { Translate } from "../../i18n";
import type { PaneServices } from "./services";

export function periodText(t: Translate, services: Pick<PaneServices, "periodWindow">, kind: PeriodKind, year: number): string {
  const w = services.periodWindow(kind, year);
  switch (kind) {
    case "point":
      return t("settings.periodPoint", { date: w.to });
    case "academicYear":
      return t("settings.periodAcademicYear", { from: w.from, to: w.to });
    case "calendarYear":
      return t("settings.periodCalendarYear", { from: w.from, to: w.to });
  }
}
