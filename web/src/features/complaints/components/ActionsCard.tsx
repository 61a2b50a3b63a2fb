import { Alert, App, Button, Card, Flex, Form, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../api/errors";
import { FormError } from "../../../components/FormError";
import { errorText } from "../../../components/errorText";
import { testId } from "../../../lib/testId";
import { useRole } from "../../auth/hooks/useSession";
import type { ComplaintDetail, EventType } from "../api/complaints.api";
import { useComplaintSettings, useRecordEvent } from "../hooks/useComplaints";
import { isKnownAction, toEvent, type ActionValues } from "../toEvent";
import { ActionFields } from "./ActionFields";

/** Steps that end or set back the case: shown as danger buttons, after the way forward. */
const DANGER = new Set<EventType>(["fix_rejected", "promise_broken", "withdrawn", "rejected"]);
const SIDE = new Set<EventType>(["paused", "withdrawn", "rejected"]);

/** The events the server offers this user now (`nextSteps`), each behind a small form. */
export function ActionsCard({ d }: { d: ComplaintDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const role = useRole();
  const settings = useComplaintSettings();
  const [open, setOpen] = useState<EventType | null>(null);
  const [conflict, setConflict] = useState<unknown>(null);
  const [form] = Form.useForm<ActionValues>();
  const record = useRecordEvent(d);
  const steps = d.nextSteps.filter(isKnownAction);
  const main = steps.filter((s) => !SIDE.has(s));
  const side = steps.filter((s) => SIDE.has(s));
  const limits = settings.data?.authority.limits;
  const limit = limits && role ? (Object.hasOwn(limits, role) ? limits[role] : undefined) : undefined;

  const start = (type: EventType) => {
    setConflict(null);
    record.reset();
    setOpen(type);
  };
  const submit = (v: ActionValues) => {
    if (!open) return;
    record.mutate(toEvent(open, v), {
      onSuccess: () => {
        void message.success(t("complaints.detail.recorded", { step: t(`complaints.events.${open}`) }));
        setOpen(null);
      },
      onError: (e) => {
        // The case moved on under us: the form may no longer apply. Say so on the page; it reloads.
        if (isApiError(e) && e.status === 409) {
          setConflict(e);
          setOpen(null);
        }
      },
    });
  };
  const initial: ActionValues =
    open === "heard" ? { openQuestions: [""] }
      : open === "compensation_given" ? { items: [{ kind: undefined as never, cost: d.recovery?.rounds.at(-1)?.proposals.at(-1)?.compensation ?? "" }] }
        : {};

  return (
    <Card title={t("complaints.detail.actions")} size="small" data-testid="complaint-actions">
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setConflict(null) }}
          style={{ marginBottom: 12 }}
          title={t("complaints.detail.conflict")}
          description={errorText(t, conflict).detail}
          data-testid="complaint-conflict"
        />
      ) : null}
      {steps.length === 0 ? (
        <Typography.Text type="secondary" data-testid="complaint-no-actions">
          {d.closure ? t("complaints.detail.closedNoActions") : t("complaints.detail.noActions")}
        </Typography.Text>
      ) : (
        <Flex gap={8} wrap>
          {[...main, ...side].map((s, i) => (
            <Button key={s} type={i === 0 && !DANGER.has(s) ? "primary" : "default"} danger={DANGER.has(s)} onClick={() => start(s)} data-testid={`complaint-action-${s}`}>
              {t(`complaints.actions.${s}`)}
            </Button>
          ))}
        </Flex>
      )}
      <Modal
        open={open !== null}
        title={open ? t(`complaints.actions.${open}`) : null}
        okText={t("complaints.detail.record")}
        cancelText={t("common.cancel")}
        confirmLoading={record.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(null)}
        okButtonProps={{ ...testId("complaint-action-submit"), danger: open ? DANGER.has(open) : false }}
        destroyOnHidden
        width={620}
      >
        {open ? (
          <>
            <FormError error={record.error} />
            <Form form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={submit} data-testid={`complaint-form-${open}`}>
              <ActionFields type={open} d={d} limit={limit} />
            </Form>
          </>
        ) : null}
      </Modal>
    </Card>
  );
}
