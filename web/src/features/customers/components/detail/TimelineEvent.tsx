import {
  CheckSquareOutlined,
  CommentOutlined,
  CrownOutlined,
  CustomerServiceOutlined,
  EnvironmentOutlined,
  FormOutlined,
  MailOutlined,
  MergeCellsOutlined,
  MessageOutlined,
  SendOutlined,
  PhoneOutlined,
  RollbackOutlined,
  ShoppingCartOutlined,
  StarOutlined,
  SwapOutlined,
  WarningOutlined,
  WechatOutlined,
} from "@ant-design/icons";
import { Flex, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import i18n from "../../../../i18n";
import { label } from "../../../../i18n/label";
import { kindLabel } from "../../../../lib/task-kinds";
import { useFormat } from "../../../../i18n/useFormat";
import type { TimelineEvent } from "../../api/types";
import { StateTag } from "../shared/StateTag";

const CHANNEL_ICON: Record<string, ReactNode> = {
  phone: <PhoneOutlined />,
  email: <MailOutlined />,
  wechat: <WechatOutlined />,
  sms: <MessageOutlined />,
  visit: <EnvironmentOutlined />,
};

/** The icon and colour of an event on the timeline. */
export function eventIcon(e: TimelineEvent): { icon: ReactNode; color: string } {
  switch (e.kind) {
    case "order":
      return e.data.isReturn ? { icon: <RollbackOutlined />, color: "orange" } : { icon: <ShoppingCartOutlined />, color: "green" };
    case "interaction":
      return { icon: CHANNEL_ICON[e.data.channel] ?? <CommentOutlined />, color: "blue" };
    case "state_change":
      return { icon: <SwapOutlined />, color: "gray" };
    case "complaint":
      return { icon: <WarningOutlined />, color: "red" };
    case "complaint_step":
      return { icon: <CustomerServiceOutlined />, color: "red" };
    case "survey":
      return { icon: <FormOutlined />, color: e.data.answeredAt ? "green" : "gray" };
    case "merge":
      return { icon: <MergeCellsOutlined />, color: "purple" };
    case "points":
      return { icon: <StarOutlined />, color: e.data.points >= 0 ? "gold" : "gray" };
    case "level":
      return { icon: <CrownOutlined />, color: e.data.kind === "downgrade" ? "orange" : "gold" };
    case "message":
      return { icon: CHANNEL_ICON[e.data.channel] ?? <SendOutlined />, color: e.data.status === "sent" ? "blue" : e.data.status === "failed" ? "red" : "gray" };
    case "task":
      return { icon: <CheckSquareOutlined />, color: e.data.status === "done" ? "green" : "gray" };
  }
}

const Line = ({ children }: { children: ReactNode }) => <Typography.Paragraph style={{ margin: 0 }}>{children}</Typography.Paragraph>;

/** What happened, in a few lines; every value from the server is rendered as text. */
export function EventBody({ event: e, userName }: { event: TimelineEvent; userName: (id: number | null) => string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const by = (id: number | null) => {
    const name = userName(id);
    return name ? <Typography.Text type="secondary"> · {t("timeline.by", { name })}</Typography.Text> : null;
  };
  switch (e.kind) {
    case "order": {
      const d = e.data;
      const foreign = d.currency && d.currency !== f.currency;
      return (
        <>
          <Typography.Text strong>{t(d.isReturn ? "timeline.return" : "timeline.order", { orderNo: d.orderNo })}</Typography.Text>
          <Line>
            {f.money(d.baseAmount)}
            {foreign ? ` (${f.money(d.amount, d.currency)})` : null} · {t("timeline.lines", { count: d.lines })}
            {d.channel ? ` · ${d.channel}` : null}
          </Line>
        </>
      );
    }
    case "interaction": {
      const d = e.data;
      return (
        <>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{label(t, "channels", d.channel)}</Typography.Text>
            {d.direction ? <Tag>{t(`directions.${d.direction}`)}</Tag> : null}
            {by(d.userId)}
          </Flex>
          {d.purpose ? <Line>{t("timeline.purpose", { text: i18n.exists(`agenda.kinds.${d.purpose}`) || d.purpose.includes(".") ? kindLabel(t, d.purpose) : d.purpose })}</Line> : null}
          {d.outcome ? <Line>{t("timeline.outcome", { text: d.outcome })}</Line> : null}
          {d.notes ? <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: "pre-wrap" }}>{d.notes}</Typography.Paragraph> : null}
        </>
      );
    }
    case "state_change": {
      const d = e.data;
      return (
        <>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{t("timeline.stateChange")}</Typography.Text>
            {d.from ? <StateTag state={d.from} /> : null}→<StateTag state={d.to} />
            {by(d.userId)}
          </Flex>
          {d.reason ? <Line>{d.reason}</Line> : null}
        </>
      );
    }
    case "complaint": {
      const d = e.data;
      return (
        <>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{t("timeline.complaint")}</Typography.Text>
            {d.category ? <Tag>{d.category}</Tag> : null}
            {d.severity ? <Tag color="red">{label(t, "severities", d.severity)}</Tag> : null}
            <Tag>{label(t, "complaintStatuses", d.status)}</Tag>
          </Flex>
          {d.description ? <Line>{d.description}</Line> : null}
          {d.resolvedAt ? <Line>{t("timeline.resolvedAt", { date: f.dateTime(d.resolvedAt) })}</Line> : null}
        </>
      );
    }
    case "complaint_step":
      return (
        <>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{label(t, "complaints.events", e.data.type)}</Typography.Text>
            {by(e.data.actorId)}
          </Flex>
          {e.data.summary ? <Line>{e.data.summary}</Line> : null}
        </>
      );
    case "survey": {
      const d = e.data;
      return (
        <>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{t("timeline.survey", { name: d.name })}</Typography.Text>
            <Tag color={d.answeredAt ? "green" : undefined}>{d.answeredAt ? t("timeline.surveyAnswered") : t("timeline.surveySent")}</Tag>
          </Flex>
          {d.complaintId ? <Line>{t("timeline.surveyAfterComplaint", { id: d.complaintId })}</Line> : null}
          {d.answeredAt ? <Line>{t("timeline.surveyAnsweredAt", { date: f.dateTime(d.answeredAt) })}</Line> : null}
        </>
      );
    }
    case "merge":
      return (
        <Flex gap={6} wrap align="center">
          <Typography.Text strong>{t("timeline.merge")}</Typography.Text>
          <Link to={`/customers/${e.data.mergedCustomerId}`}>#{e.data.mergedCustomerId}</Link>
          {by(e.data.userId)}
        </Flex>
      );
    case "points": {
      const d = e.data;
      return (
        <>
          <Typography.Text strong>
            {t("membership.timelinePoints", { kind: t(`membership.kinds.${d.kind}`), points: d.points > 0 ? `+${f.number(d.points)}` : f.number(d.points), balance: f.number(d.balance) })}
          </Typography.Text>
          {d.reason ? <Line>{d.reason}</Line> : null}
        </>
      );
    }
    case "level":
      return <Typography.Text strong>{t(`membership.timelineLevel.${e.data.kind}`, { from: e.data.fromName ?? e.data.from ?? "", to: e.data.toName ?? e.data.to })}</Typography.Text>;
    case "message": {
      const d = e.data;
      return (
        <>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{t("messaging.timeline.message", { channel: label(t, "channels", d.channel) })}</Typography.Text>
            <Tag color={d.status === "sent" ? "blue" : d.status === "failed" ? "red" : undefined}>{t(`messaging.timeline.status.${d.status}`)}</Tag>
          </Flex>
          {d.subject ? <Line>{d.subject}</Line> : null}
          <Typography.Text type="secondary">{t("messaging.timeline.sendKey", { key: d.sendKey })}</Typography.Text>
        </>
      );
    }
    case "task": {
      const d = e.data;
      return (
        <>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{kindLabel(t, d.kind)}</Typography.Text>
            {d.title && d.title !== d.kind ? <Typography.Text>{d.title}</Typography.Text> : null}
            <Tag color={d.status === "done" ? "green" : undefined}>{t(`messaging.timeline.task.${d.status}`)}</Tag>
            {by(d.doneBy)}
          </Flex>
          {d.outcome ? <Line>{t("timeline.outcome", { text: d.outcome })}</Line> : null}
        </>
      );
    }
  }
}
