import { Card, Descriptions, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import type { ComplaintDetail, SlaView } from "../api/complaints.api";
import { SlaTag, useDuration } from "./ComplaintTags";

/** The two service-standard clocks: first response (the apology) and resolution, in working time. */
export function SlaPanel({ d }: { d: ComplaintDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t("complaints.detail.sla")} size="small" data-testid="complaint-sla">
      <Flex vertical gap={16}>
        <Clock title={t("complaints.sla.firstResponse")} sla={d.sla.firstResponse} kind="firstResponse" />
        <Clock title={t("complaints.sla.resolution")} sla={d.sla.resolution} kind="resolution" />
        {d.paused ? <Typography.Text type="secondary">{t("complaints.sla.pausedNote")}</Typography.Text> : null}
        {d.missingHolidayYears.length ? (
          <Typography.Text type="warning" data-testid="complaints-missing-holidays">
            {t("complaints.sla.missingHolidays", { years: d.missingHolidayYears.join(", ") })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}

function Clock({ title, sla, kind }: { title: string; sla: SlaView; kind: "firstResponse" | "resolution" }) {
  const { t } = useTranslation();
  const f = useFormat();
  const duration = useDuration();
  const over = sla.remainingMinutes < 0 || sla.state === "breached" || sla.state === "missed";
  return (
    <div>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <SlaTag sla={sla} kind={kind} />
      </Flex>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t("complaints.sla.target")}>{duration(sla.targetMinutes)}</Descriptions.Item>
        <Descriptions.Item label={t("complaints.sla.used")}>{duration(sla.elapsedMinutes)}</Descriptions.Item>
        {sla.state !== "met" ? (
          <Descriptions.Item label={over ? t("complaints.sla.over") : t("complaints.sla.remaining")}>{duration(over ? Math.max(0, sla.elapsedMinutes - sla.targetMinutes) : sla.remainingMinutes)}</Descriptions.Item>
        ) : null}
        {sla.warnAt ? <Descriptions.Item label={t("complaints.sla.warnAt")}>{f.dateTime(sla.warnAt)}</Descriptions.Item> : null}
        {sla.dueAt ? <Descriptions.Item label={t("complaints.sla.dueAt")}>{f.dateTime(sla.dueAt)}</Descriptions.Item> : null}
      </Descriptions>
    </div>
  );
}
