import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { label } from "../../../i18n/label";
import { useFormat } from "../../../i18n/useFormat";
import { useSettings } from "../../settings/hooks/useSettings";
import type { ComplaintSummary, SlaState, SlaView } from "../api/complaints.api";

const STATUS_COLOR: Record<string, string> = {
  new: "red", acknowledged: "orange", heard: "gold", awaiting_approval: "purple", fix_agreed: "cyan",
  compensated: "blue", promised: "geekblue", promise_kept: "lime", closed: "green",
  legacy_open: "volcano", legacy_resolved: "default", legacy_closed: "default",
};

/** The recovery status as a tag; a closed case says how it closed (resolved, withdrawn, rejected). */
export function StatusTag({ c }: { c: Pick<ComplaintSummary, "status" | "closure" | "origin"> }) {
  const { t } = useTranslation();
  // A closed case says how it closed; an imported one's status already does; one from the
  // public form that nobody has taken up yet says so.
  const closure = c.status === "closed" ? c.closure : null;
  const text = closure ? `${label(t, "complaints.status", c.status)} · ${t(`complaints.closure.${closure.kind}`)}`
    : c.status === "legacy_open" && c.origin === "public_form" ? t("complaints.status.publicForm") : label(t, "complaints.status", c.status);
  const color = closure && closure.kind !== "resolved" ? "default" : (STATUS_COLOR[c.status] ?? "default");
  return (
    <Tag color={color} data-testid="complaint-status" data-status={c.status}>
      {text}
    </Tag>
  );
}

const SLA_COLOR: Record<SlaState, string> = {
  running: "processing", paused: "default", warning: "warning", breached: "error", met: "success", missed: "magenta",
};

/** "3 h 20 min", "45 min", "2 d 4 h": working time, as the SLA counts it. */
export function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const m = Math.max(0, Math.round(Math.abs(minutes)));
    if (m < 60) return t("complaints.duration.minutes", { m });
    const h = Math.floor(m / 60);
    if (h < 24) return t("complaints.duration.hours", { h, m: m % 60 });
    return t("complaints.duration.days", { d: Math.floor(h / 24), h: h % 24 });
  };
}

const shortTime = (iso: string, locale: string, timeZone: string | undefined) =>
  new Intl.DateTimeFormat(locale, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(new Date(iso));

/** One SLA clock as a coloured tag with its due time; the tooltip gives the working time used. */
export function SlaTag({ sla, kind, compact }: { sla: SlaView; kind: "firstResponse" | "resolution"; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const duration = useDuration();
  const timeZone = useSettings().data?.timezone;
  const open = sla.dueAt && sla.state !== "met" && sla.state !== "missed";
  // The tag names the due time in short (month, day, hour); the tooltip gives it in full.
  const due = open && sla.dueAt ? ` · ${compact ? shortTime(sla.dueAt, f.locale, timeZone) : t("complaints.sla.due", { date: f.dateTime(sla.dueAt) })}` : "";
  const used = t("complaints.sla.elapsed", { elapsed: duration(sla.elapsedMinutes), target: duration(sla.targetMinutes) });
  return (
    <Tooltip title={open && sla.dueAt ? `${t("complaints.sla.due", { date: f.dateTime(sla.dueAt) })}; ${used}` : used}>
      <Tag color={SLA_COLOR[sla.state]} data-testid={`complaint-sla-${kind}`} data-state={sla.state}>
        {t(`complaints.sla.states.${sla.state}`)}
        {due}
      </Tag>
    </Tooltip>
  );
}
