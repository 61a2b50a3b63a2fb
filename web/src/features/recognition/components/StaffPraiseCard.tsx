import { LikeOutlined } from "@ant-design/icons";
import { Card, Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { label } from "../../../i18n/label";
import { useFormat } from "../../../i18n/useFormat";
import type { StaffPraise } from "../api/recognition.api";

const QUOTE = { margin: 0, paddingInlineStart: 12, borderInlineStart: "3px solid #d4a72c", whiteSpace: "pre-wrap" } as const;

/** One member of staff: how often and by how many customers they were praised, and what the customers said. */
export function StaffPraiseCard({ s, rank, name }: { s: StaffPraise; rank: number; name: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card size="small" data-testid="recognition-staff" data-staff-id={s.staffUserId} data-count={s.count}
      title={
        <Flex gap={8} align="center" wrap>
          <Tag color={rank === 1 ? "gold" : "default"}>#{rank}</Tag>
          <span data-testid="recognition-staff-name">{name}</span>
        </Flex>
      }
      extra={
        <Tag icon={<LikeOutlined />} color="gold" data-testid="recognition-staff-praise">
          {t("recognition.count", { n: f.number(s.count) })}
        </Tag>
      }
    >
      <Typography.Text type="secondary">
        {t("recognition.customers", { n: f.number(s.customers) })} · {t("recognition.latest", { date: f.date(s.latest) })}
      </Typography.Text>
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t("recognition.wordsTitle")}</Typography.Title>
      <Flex vertical gap={10}>
        {s.praise.map((p) => (
          <div key={p.id} data-testid="recognition-quote">
            <blockquote style={QUOTE}>
              {p.words ? <span data-testid="recognition-words">{p.words}</span> : <Typography.Text type="secondary" italic>{t("recognition.erased")}</Typography.Text>}
            </blockquote>
            <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 15 }}>
              {p.customerId !== null ? <Link to={`/customers/${p.customerId}`}>{p.customerName ?? `#${p.customerId}`}</Link> : t("recognition.hiddenCustomer")}
              {" · "}{label(t, "complaints.channels", p.channel)} · {f.date(p.at)}
            </Typography.Text>
          </div>
        ))}
      </Flex>
      {s.count > s.praise.length ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="recognition-more">
          {t("recognition.more", { n: f.number(s.count - s.praise.length) })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
