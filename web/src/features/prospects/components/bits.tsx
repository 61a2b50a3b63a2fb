import { Progress, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { BUYING_SIGNALS, type Prospect } from "../api/prospects.api";

/** Readiness as the share of the seed's buying signals seen: a bar and "n of 6". */
export function Readiness({ p }: { p: Pick<Prospect, "readiness" | "signals"> }) {
  const { t } = useTranslation();
  return (
    <div data-testid="prospect-readiness" data-value={p.readiness}>
      <Progress percent={Math.round(p.readiness * 100)} size="small" showInfo={false} strokeColor={p.readiness >= 0.5 ? "#389e0d" : undefined} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("prospects.signalsSeen", { n: p.signals.length, of: BUYING_SIGNALS.length })}</Typography.Text>
    </div>
  );
}

/** The latest run's look-alike score, or "not scored": a score is never made up. */
export function LookAlike({ p }: { p: Pick<Prospect, "lookAlike"> }) {
  const { t } = useTranslation();
  if (!p.lookAlike) return <Typography.Text type="secondary" data-testid="prospect-lookalike">{t("prospects.notScored")}</Typography.Text>;
  return <span data-testid="prospect-lookalike" title={t("prospects.scoredOn", { date: p.lookAlike.asOf })}>{p.lookAlike.score.toFixed(2)}</span>;
}
