import { Card, Empty, Flex, Tag, Timeline, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { label } from "../../../i18n/label";
import { useFormat } from "../../../i18n/useFormat";
import type { HistoryEvent } from "../api/complaints.api";
import { useComplaintLabels } from "../labels";
import type en from "../../../i18n/locales/en.json";

type FieldKey = keyof (typeof en)["complaints"]["fields"];

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

const COLOR: Record<string, string> = {
  opened: "red", fix_rejected: "orange", promise_broken: "orange", withdrawn: "gray", rejected: "gray", paused: "gray", resumed: "blue", root_cause_set: "purple",
};

/** Who recorded what and when, oldest first, each event's fields in a few lines. */
export function EventHistory({ events }: { events: HistoryEvent[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const names = useComplaintLabels();
  return (
    <Card title={t("complaints.detail.history")} size="small" data-testid="complaint-history">
      {events.length === 0 ? (
        <Empty description={t("complaints.detail.noHistory")} />
      ) : (
        <Timeline
          items={events.map((e) => ({
            key: e.seq,
            color: COLOR[e.type] ?? "green",
            title: f.dateTime(e.at),
            content: (
              <div data-testid="complaint-event" data-type={e.type}>
                <Flex gap={6} wrap align="center">
                  <Typography.Text strong>{label(t, "complaints.events", e.type)}</Typography.Text>
                  <Typography.Text type="secondary">· {e.actorName ?? (e.actorId === null ? t("complaints.detail.system") : `#${e.actorId}`)}</Typography.Text>
                </Flex>
                <EventDetails e={e} rootCausePath={names.rootCausePath} />
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function EventDetails({ e, rootCausePath }: { e: HistoryEvent; rootCausePath: (key: string) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const v = e.event;
  const lines: ReactNode[] = [];
  const line = (key: string, text: ReactNode) => lines.push(<Typography.Paragraph key={key} style={{ margin: 0, whiteSpace: "pre-wrap" }}>{text}</Typography.Paragraph>);
  const field = (name: FieldKey, text: string | null) => text && line(name, `${t(`complaints.fields.${name}`)}: ${text}`);

  field("summary", str(v.summary));
  field("text", str(v.text));
  field("account", str(v.account));
  if (Array.isArray(v.openQuestions)) {
    const qs = v.openQuestions.filter((q): q is string => typeof q === "string");
    if (qs.length) line("q", `${t("complaints.fields.openQuestions")}: ${qs.join(" / ")}`);
  }
  if (str(v.finding)) field("finding", label(t, "complaints.findings", v.finding as string));
  if (str(v.demand)) field("demand", [label(t, "complaints.judgements", v.demand as string), str(v.demandReason)].filter(Boolean).join(" — "));
  field("fix", str(v.fix));
  if (str(v.compensation)) field("compensation", f.money(v.compensation as string));
  if (Array.isArray(v.items)) {
    line("items", (
      <Flex gap={4} wrap>
        {(v.items as Array<Record<string, unknown>>).map((it, i) => (
          <Tag key={i}>
            {label(t, "complaints.kinds", String(it.kind))} {f.money(str(it.cost))}
            {str(it.note) ? ` · ${String(it.note)}` : ""}
          </Tag>
        ))}
      </Flex>
    ));
  }
  field("promise", str(v.promise));
  if (str(v.dueAt)) field("dueAt", f.dateTime(v.dueAt as string));
  if (str(v.outcome)) field("outcome", label(t, "complaints.outcomes", v.outcome as string));
  if (str(v.ground)) field("ground", label(t, "complaints.grounds", v.ground as string));
  const cause = str(v.rootCause);
  if (cause) line("rootCause", `${t("complaints.rootCause.label")}: ${rootCausePath(cause)}`);
  field("reason", str(v.reason));
  field("note", str(v.note));
  return lines.length ? <>{lines}</> : null;
}
