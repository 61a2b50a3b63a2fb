import { Button, Card, Divider, Form, Input, InputNumber, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { WithHelp } from "../../patterns/components/bits";
import type { Inputs } from "../api/complaint-sensitivity.api";
import { defaultProgrammes, PROGRAMME_FIELDS, toPercent, type ProgrammeEdits } from "../model";

/**
 * Programmes A and B of seed 000, each as the shares it sets and what it costs: prefilled from
 * the inputs (A: a tenth fewer problems; B: the same, twice the complaints heard, half the
 * unresolved ones solved), open to change.
 */
export function ProgrammesCard({ inputs, edits, currency, failed, onChange }: {
  /** The inputs sent; null while one is missing (the programmes then show blank). */
  inputs: Inputs | null;
  edits: ProgrammeEdits[];
  currency: string;
  /** "1.cost": the programme field a refused request named. */
  failed: string | null;
  onChange: (k: number, e: ProgrammeEdits) => void;
}) {
  const { t } = useTranslation();
  const defaults = inputs ? defaultProgrammes(inputs) : null;
  return (
    <Card title={<WithHelp title={t("complaintSensitivity.programmesTitle")} help={t("complaintSensitivity.programmesHelp")} />} data-testid="sensitivity-programmes">
      <Typography.Paragraph type="secondary">{t("complaintSensitivity.programmesText")}</Typography.Paragraph>
      <Space direction="vertical" size={8} style={{ width: "100%" }}>
        {[0, 1].map((k) => {
          const e = edits[k] ?? {};
          const g = defaults?.[k];
          const set = (patch: ProgrammeEdits) => onChange(k, { ...e, ...patch });
          const edited = Object.values(e).some((v) => v !== undefined);
          return (
            <Form key={k} layout="vertical" component="div" data-testid={`sensitivity-programme-${k}`}>
              {k ? <Divider style={{ margin: "4px 0 12px" }} /> : null}
              <Space wrap align="start" size={12}>
                <Form.Item label={t("complaintSensitivity.programme.name")} style={{ marginBottom: 8 }}>
                  <Input value={e.name ?? g?.name ?? (k === 0 ? "A" : "B")} maxLength={60} style={{ width: 140 }}
                    onChange={(x) => set({ name: x.target.value })} data-testid={`sensitivity-programme-${k}-name`} />
                </Form.Item>
                {PROGRAMME_FIELDS.map((field) => (
                  <Form.Item key={field} label={t(`complaintSensitivity.programme.${field}`)} style={{ marginBottom: 8 }}
                    validateStatus={failed === `${k}.${field}` ? "error" : undefined}>
                    <InputNumber<string> stringMode min="0" max="100" addonAfter="%" style={{ width: 130 }}
                      value={e[field] !== undefined ? e[field] : g ? toPercent(g[field]) : null}
                      onChange={(v) => set({ [field]: v === null || v === "" ? null : String(v) })}
                      data-testid={`sensitivity-programme-${k}-${field}`} />
                  </Form.Item>
                ))}
                <Form.Item label={t("complaintSensitivity.programme.cost")} style={{ marginBottom: 8 }}
                  validateStatus={failed === `${k}.cost` ? "error" : undefined}>
                  <InputNumber<string> stringMode min="0" addonAfter={currency} style={{ width: 170 }} placeholder={t("complaintSensitivity.programme.noCost")}
                    value={e.cost ?? null} onChange={(v) => set({ cost: v === null || v === "" ? null : String(v) })}
                    data-testid={`sensitivity-programme-${k}-cost`} />
                </Form.Item>
                {edited ? (
                  <Form.Item label=" " style={{ marginBottom: 8 }}>
                    <Button type="link" onClick={() => onChange(k, {})} data-testid={`sensitivity-programme-${k}-reset`}>{t("complaintSensitivity.programme.reset")}</Button>
                  </Form.Item>
                ) : null}
              </Space>
            </Form>
          );
        })}
      </Space>
    </Card>
  );
}
