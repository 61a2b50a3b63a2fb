import { Button, Card, Form, InputNumber, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../i18n/format";
import { usePatternFormat, WithHelp } from "../../patterns/components/bits";
import { INPUTS, SHARES, type ComplaintSensitivity, type InputName } from "../api/complaint-sensitivity.api";
import { inputValue, toPercent, type Edits } from "../model";

/** The value an input shows: the user's text, else the value sent (shares as percentages). */
function shown(d: ComplaintSensitivity, edits: Edits, n: InputName): string | null {
  if (edits[n] !== undefined) return edits[n];
  const v = inputValue(d, edits, n);
  return v !== null && SHARES.has(n) ? toPercent(v) : v;
}

/** The model's nine inputs, prefilled from the data, each saying where its value comes from. */
export function InputsCard({ d, edits, failed, onChange, onReset }: {
  d: ComplaintSensitivity;
  edits: Edits;
  /** The input a refused request named. */
  failed: string | null;
  onChange: (n: InputName, v: string | null | undefined) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const edited = INPUTS.some((n) => edits[n] !== undefined);
  return (
    <Card
      title={<WithHelp title={t("complaintSensitivity.inputsTitle")} help={t("complaintSensitivity.inputsHelp")} />}
      extra={edited ? <Button size="small" onClick={onReset} data-testid="sensitivity-reset">{t("complaintSensitivity.resetAll")}</Button> : null}
    >
      <Form layout="vertical" component="div">
        {INPUTS.map((n) => {
          const addon = SHARES.has(n) ? "%" : n === "salesPerCustomer" ? d.currency : undefined;
          return (
            <Form.Item
              key={n}
              label={t(`complaintSensitivity.inputs.${n}`)}
              style={{ marginBottom: 12 }}
              validateStatus={failed === n ? "error" : d.inputs[n].value === null && edits[n] === undefined ? "warning" : undefined}
              help={failed === n ? <span data-testid={`sensitivity-invalid-${n}`}>{t("complaintSensitivity.invalid")}</span> : undefined}
              extra={
                <span data-testid={`sensitivity-source-${n}`}>
                  <Source d={d} n={n} mine={edits[n] !== undefined && edits[n] !== null} />
                  {edits[n] !== undefined ? (
                    <Button type="link" size="small" onClick={() => onChange(n, undefined)} data-testid={`sensitivity-reset-${n}`}>{t("complaintSensitivity.useData")}</Button>
                  ) : null}
                </span>
              }
            >
              <InputNumber<string>
                stringMode
                min="0"
                max={SHARES.has(n) ? "100" : undefined}
                precision={n === "customers" ? 0 : undefined}
                value={shown(d, edits, n)}
                onChange={(v) => onChange(n, v === null || v === "" ? null : String(v))}
                addonAfter={addon}
                style={{ width: "100%", maxWidth: 240 }}
                data-testid={`sensitivity-input-${n}`}
              />
            </Form.Item>
          );
        })}
      </Form>
    </Card>
  );
}

/** Where an input's value comes from, in words. */
function Source({ d, n, mine }: { d: ComplaintSensitivity; n: InputName; mine: boolean }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  if (mine) return <Typography.Text type="secondary">{t("complaintSensitivity.source.given")}</Typography.Text>;
  const m = d.measured;
  const g = Object.fromEntries(m.groups.map((x) => [x.group, x]));
  const range = (r: { from: string; to: string }) => t("complaintAnalysis.range", { from: f.date(r.from), to: f.date(r.to) });
  const share = (v: string | null) => (v === null ? "—" : `${formatNumber(toPercent(v), f.locale, { maximumFractionDigits: 2 })}%`);
  const w = d.windowDays;
  const group = (key: "resolved" | "unresolved" | "noComplaint", text: `complaintSensitivity.source.${"rNone" | "rResolved" | "rUnresolved"}`) => {
    const x = g[key];
    if (!x?.customers) return t("complaintSensitivity.source.noGroup");
    return t(text, { repurchased: f.number(x.repurchased), customers: f.number(x.customers), w, bought: range(m.noComplaintBought), again: range(m.noComplaintRepurchase) });
  };
  const complainers = (g.resolved?.customers ?? 0) + (g.unresolved?.customers ?? 0);
  const text: Record<InputName, string> = {
    customers: t("complaintSensitivity.source.customers", { period: range(d.period) }),
    problemShare: !m.customers
      ? t("complaintSensitivity.source.noCustomers")
      : t(m.problemShareCapped ? "complaintSensitivity.source.problemShareCapped" : "complaintSensitivity.source.problemShare", { complained: f.number(m.complained), customers: f.number(m.customers), q: share(m.complainedShare) }),
    complainShare: t(d.inputs.complainShare.source === "given" ? "complaintSensitivity.source.given" : "complaintSensitivity.source.complainShare"),
    resolvedShare: complainers
      ? t("complaintSensitivity.source.resolvedShare", { resolved: f.number(g.resolved?.customers ?? 0), complainers: f.number(complainers), w })
      : t("complaintSensitivity.source.noGroup"),
    rNone: group("noComplaint", "complaintSensitivity.source.rNone"),
    rSilent: t("complaintSensitivity.source.rSilent"),
    rResolved: group("resolved", "complaintSensitivity.source.rResolved"),
    rUnresolved: group("unresolved", "complaintSensitivity.source.rUnresolved"),
    salesPerCustomer: m.salesBasis === "retained"
      ? t("complaintSensitivity.source.salesRetained", { period: range(d.period), n: f.number(m.retained), previous: range(d.previousPeriod) })
      : m.salesBasis === "buyers" ? t("complaintSensitivity.source.salesBuyers", { period: range(d.period) }) : t("complaintSensitivity.source.noCustomers"),
  };
  return <Typography.Text type={d.inputs[n].value === null ? "warning" : "secondary"}>{text[n]}</Typography.Text>;
}
