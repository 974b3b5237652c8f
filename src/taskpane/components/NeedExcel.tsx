/** Shown when the pane is opened outside Excel (and outside the preview). */
import * as React from "react";
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme } from "@fluentui/react-components";
import { translator, type Locale } from "../../i18n";

/** `problem`: Excel is there but Tianbao cannot run in it (e.g. ExcelApi 1.14 missing), in Chinese from the adapter. */
export function NeedExcel(props: { locale: Locale; officeLoaded: boolean; previewUrl: string; problem?: string }): React.ReactElement {
  const t = translator(props.locale);
  if (props.problem) {
    return (
      <FluentProvider theme={webLightTheme} lang={props.locale} style={{ padding: 12 }}>
        <MessageBar intent="error" layout="multiline" data-testid="cannot-start">
          <MessageBarBody>{t("boot.cannotStart", { message: props.problem })}</MessageBarBody>
        </MessageBar>
      </FluentProvider>
    );
  }
  return (
    <FluentProvider theme={webLightTheme} lang={props.locale} style={{ padding: 12 }}>
      <MessageBar intent="warning" layout="multiline" data-testid="need-excel">
        <MessageBarBody>
          <MessageBarTitle>{t("boot.needExcelTitle")}</MessageBarTitle>
          {t("boot.needExcelBody", { previewUrl: props.previewUrl })}{" "}
          <a href={props.previewUrl}>{props.previewUrl}</a>
          {!props.officeLoaded ? <p>{t("boot.officeMissing")}</p> : null}
        </MessageBarBody>
      </MessageBar>
    </FluentProvider>
  );
}
