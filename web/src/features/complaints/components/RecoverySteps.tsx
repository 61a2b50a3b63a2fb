import { Steps } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import type { ComplaintDetail, RecoveryCase } from "../api/complaints.api";

export const STEP_KEYS = ["apology", "hearing", "fix", "compensation", "promise", "followUp"] as const;

/** The step the case works on now (0–5), or 6 when all six are done. */
const STEP_OF_STATUS: Record<string, number> = {
  new: 0, acknowledged: 1, heard: 2, awaiting_approval: 2, fix_agreed: 3, compensated: 4, promised: 4, promise_kept: 5,
};

/** Where a case closed early (withdrawn, rejected) had got to, read off what it recorded. */
function reached(r: RecoveryCase): number {
  if (!r.acknowledgement) return 0;
  if (!r.hearing) return 1;
  const round = r.rounds.at(-1);
  if (!round?.proposals.at(-1)?.authorisedBy) return 2;
  if (!round.compensation) return 3;
  if (!round.promise?.kept) return 4;
  return 5;
}

export function currentStep(d: Pick<ComplaintDetail, "recovery" | "closure">): { current: number; status: "process" | "finish" | "error" | "wait" } {
  const r = d.recovery;
  if (!r) return { current: 0, status: "wait" };
  if (r.status === "closed") return d.closure?.kind === "rejected" || d.closure?.kind === "withdrawn" ? { current: reached(r), status: "error" } : { current: 6, status: "finish" };
  return { current: STEP_OF_STATUS[r.status] ?? 0, status: "process" };
}

/** The six recovery steps (DOMAIN §6) and where the case stands among them. */
export function RecoverySteps({ d }: { d: ComplaintDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { current, status } = currentStep(d);
  const r = d.recovery;
  const round = r?.rounds.at(-1);
  const note: Partial<Record<(typeof STEP_KEYS)[number], string>> = {};
  if (r?.acknowledgement) note.apology = f.dateTime(r.acknowledgement.at);
  if (r?.hearing) note.hearing = f.dateTime(r.hearing.at);
  if (r?.status === "awaiting_approval") note.fix = t("complaints.status.awaiting_approval");
  else if (round?.proposals.at(-1)?.authorisedBy) note.fix = f.money(round.proposals.at(-1)!.compensation);
  if (round?.compensation) note.compensation = f.money(round.compensation.total);
  if (round?.promise) note.promise = round.promise.kept ? t("complaints.status.promise_kept") : t("complaints.steps.promiseDue", { date: f.dateTime(round.promise.dueAt) });
  if (d.closure?.kind === "resolved") note.followUp = t("complaints.closure.resolved");

  return (
    <div data-testid="complaint-steps" data-current={current} data-status={status}>
      <Steps
        current={Math.min(current, 5)}
        status={current >= 6 ? "finish" : status}
        size="small"
        titlePlacement="vertical"
        responsive
        items={STEP_KEYS.map((k, i) => ({
          key: k,
          title: t(`complaints.steps.${k}`),
          content: note[k],
          status: i < current || current >= 6 ? "finish" : i === current ? (status === "wait" ? "wait" : status) : "wait",
        }))}
      />
    </div>
  );
}
