/** Heading + intro line shared by the pane pages. */
import * as React from "react";
import { MessageBar, MessageBarBody, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "10px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function PageFrame(props: { heading: string; intro?: string; testId: string; children?: React.ReactNode }): React.ReactElement {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid={props.testId}>
      <Subtitle2 as="h2">{props.heading}</Subtitle2>
      {props.intro ? <Text className={styles.muted}>{props.intro}</Text> : null}
      {props.children}
    </div>
  );
}

export function Unavailable(props: { text: string }): React.ReactElement {
  return (
    <MessageBar intent="info" data-testid="module-unavailable">
      <MessageBarBody>{props.text}</MessageBarBody>
    </MessageBar>
  );
}
