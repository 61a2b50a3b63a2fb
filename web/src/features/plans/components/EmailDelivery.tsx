import { Card, Input, Space, Switch, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { emailProblems } from "../../journeys/components/template-problems";
import { EMAIL_CONTACT_TYPES, MERGE_FIELDS, type ContactType, type EmailContactType, type EmailTemplate, type PlanInput } from "../api/plans.api";
import { Help } from "./Help";

type Emails = PlanInput["emails"];

/**
 * How each kind of message in the plan reaches the customer: a task for the owner (the
 * default) or an e-mail from the template written here. Only message types can be e-mailed;
 * gifts, services, visits, calls, rebates and private previews are made in person. Problems
 * are shown while typing; the server checks the templates again on save.
 */
export function EmailDelivery({ emails, used, onChange }: { emails: Emails; used: readonly ContactType[]; onChange: (emails: Emails) => void }) {
  const { t } = useTranslation();
  // The types some tier uses, and any with a template still (a tier may have dropped it).
  const types = EMAIL_CONTACT_TYPES.filter((c) => used.includes(c) || emails[c]);
  const set = (type: EmailContactType, tpl: EmailTemplate | null) => {
    const next = { ...emails };
    if (tpl) next[type] = tpl;
    else delete next[type];
    onChange(next);
  };
  const starter = (type: EmailContactType): EmailTemplate => {
    const kind = t(`plans.contactType.${type}`);
    return {
      subject: t("plans.email.starterSubject", { kind, name: "{{name}}" }),
      body: t("plans.email.starterBody", { kind, name: "{{name}}", product: "{{lastPurchase.product}}", unsubscribe: "{{unsubscribeUrl}}" }),
    };
  };

  return (
    <div data-testid="plan-emails">
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        <Help title={t("plans.email.title")} help={t("plans.help.emails")} testId="plan-help-emails" />
      </Typography.Title>
      {types.length === 0 ? <Typography.Paragraph type="secondary" data-testid="plan-emails-none">{t("plans.email.none")}</Typography.Paragraph> : (
        <>
          <Typography.Paragraph type="secondary" data-testid="plan-email-fields">
            {t("plans.email.mergeFields", { fields: MERGE_FIELDS.map((f) => `{{${f}}}`).join(" ") })}
          </Typography.Paragraph>
          <Space direction="vertical" style={{ width: "100%" }} size={8}>
            {types.map((type) => {
              const tpl = emails[type];
              const problems = tpl ? emailProblems(tpl, MERGE_FIELDS) : [];
              return (
                <Card
                  size="small" key={type} data-testid={`plan-email-${type}`} title={t(`plans.contactType.${type}`)}
                  extra={
                    <Space>
                      <Switch checked={Boolean(tpl)} onChange={(on) => set(type, on ? starter(type) : null)} data-testid={`plan-email-${type}-switch`} />
                      {t("plans.email.sendAsEmail")}
                    </Space>
                  }
                >
                  {tpl ? (
                    <>
                      <Input value={tpl.subject} onChange={(e) => set(type, { ...tpl, subject: e.target.value })} placeholder={t("plans.email.subject")}
                        aria-label={t("plans.email.subject")} style={{ marginBottom: 8 }} data-testid={`plan-email-${type}-subject`} />
                      <Input.TextArea value={tpl.body} onChange={(e) => set(type, { ...tpl, body: e.target.value })} aria-label={t("plans.email.body")}
                        autoSize={{ minRows: 3, maxRows: 10 }} data-testid={`plan-email-${type}-body`} />
                      {problems.length || !tpl.subject.trim() ? (
                        <Space wrap style={{ marginTop: 8 }} data-testid={`plan-email-${type}-problems`}>
                          {!tpl.subject.trim() ? <Tag color="red">{t("plans.email.problems.noSubject")}</Tag> : null}
                          {problems.map((p, i) => <Tag key={i} color="red">{t(`plans.email.problems.${p.code}`, p)}</Tag>)}
                        </Space>
                      ) : null}
                    </>
                  ) : <Typography.Text type="secondary">{t("plans.email.asTask")}</Typography.Text>}
                </Card>
              );
            })}
          </Space>
        </>
      )}
    </div>
  );
}
