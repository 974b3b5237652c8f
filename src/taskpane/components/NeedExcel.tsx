/** Shown when the pane is opened outside Excel (and outside the preview). */
import * as React from "react";
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme } from "@fluentui/react-components";
import { translator, type Locale } from "../../i18n";

export function NeedExcel(props: { locale: Locale; officeLoaded: boolean; previewUrl: string }): React.ReactElement {
  const t = translator(props.locale);
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
