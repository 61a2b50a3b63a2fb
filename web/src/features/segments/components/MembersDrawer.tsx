import { DownloadOutlined } from "@ant-design/icons";
import { Button, Drawer, Empty, Flex, Grid, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { label } from "../../../i18n/label";
import { useFormat } from "../../../i18n/useFormat";
import { segmentExportUrl, type SegmentMember, type SegmentScheme } from "../api/segments.api";
import { useSegmentMembers } from "../hooks/useSegments";
import { SEGMENT_COLOR, segmentLabel } from "../labels";

export interface SegmentTarget {
  scheme: SegmentScheme;
  segment: string;
  /** The segment's size on the snapshot, for "n of m shown". */
  customers: number;
}

/** One segment's customers on a snapshot's date, a page at a time, each linked to their 360 view; and the whole list as CSV. */
export function MembersDrawer({ asOf, target, onClose }: { asOf: string; target: SegmentTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const phone = Grid.useBreakpoint().md === false;
  const q = target ? { asOf, scheme: target.scheme, segment: target.segment } : null;
  const members = useSegmentMembers(q);
  const rows = members.data?.pages.flatMap((p) => p.items) ?? [];
  const tag = (scheme: SegmentScheme, v: string | null) => (v === null ? "—" : <Tag color={SEGMENT_COLOR[scheme]?.[v]}>{segmentLabel(t, scheme, v)}</Tag>);

  const columns = [
    {
      key: "name",
      title: t("common.name"),
      render: (_: unknown, m: SegmentMember) => (
        <Link to={`/customers/${m.id}`} data-testid="segment-member-name">{m.name ?? t("common.unnamed")}</Link>
      ),
    },
    { key: "externalId", title: t("segments.externalId"), render: (_: unknown, m: SegmentMember) => m.externalId ?? "—" },
    { key: "state", title: t("segments.state"), render: (_: unknown, m: SegmentMember) => label(t, "states", m.state) },
    { key: "netSales", title: t("segments.netSales"), align: "right" as const, render: (_: unknown, m: SegmentMember) => f.money(m.segments.netSales) },
    { key: "margin", title: t("segments.margin"), align: "right" as const, render: (_: unknown, m: SegmentMember) => f.money(m.segments.margin) },
    { key: "tier", title: t("customerValue.tier"), render: (_: unknown, m: SegmentMember) => tag("tier", m.segments.tier) },
    {
      key: "rfm",
      title: t("segments.rfm"),
      render: (_: unknown, m: SegmentMember) => (m.segments.rfm ? `${m.segments.rfm.r}-${m.segments.rfm.f}-${m.segments.rfm.m} ${segmentLabel(t, "rfm", m.segments.rfm.segment)}` : "—"),
    },
    { key: "loyalty", title: t("customerValue.loyalty"), render: (_: unknown, m: SegmentMember) => tag("loyalty", m.segments.loyalty) },
    { key: "ladder", title: t("customerValue.ladder"), render: (_: unknown, m: SegmentMember) => tag("ladder", m.segments.ladder) },
    { key: "profitGroup", title: t("customerValue.profitGroup"), render: (_: unknown, m: SegmentMember) => tag("profitGroup", m.segments.profitGroup) },
  ];

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={phone ? "100%" : 1000}
      title={target ? t("segments.drawerTitle", { scheme: t(`segments.schemes.${target.scheme}`), segment: segmentLabel(t, target.scheme, target.segment) }) : null}
      extra={
        target ? (
          <Button icon={<DownloadOutlined />} href={segmentExportUrl({ asOf, scheme: target.scheme, segment: target.segment })} download data-testid="segment-export">
            {t("segments.exportCsv")}
          </Button>
        ) : null
      }
    >
      {target ? (
        <div data-testid="segment-drawer">
          <Typography.Paragraph type="secondary">{t("segments.drawerText", { customers: f.number(target.customers), date: f.date(asOf) })}</Typography.Paragraph>
          {members.isError ? (
            <ErrorResult error={members.error} onRetry={() => void members.refetch()} inline />
          ) : (
            <Table<SegmentMember>
              rowKey="id"
              size="small"
              loading={members.isPending}
              dataSource={rows}
              columns={columns}
              pagination={false}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: <Empty description={t("segments.noMembers")} /> }}
              data-testid="segment-members"
            />
          )}
          <Flex justify="space-between" align="center" style={{ marginTop: 12 }} wrap gap={8}>
            <Typography.Text type="secondary" data-testid="segment-members-shown">{t("segments.shown", { shown: f.number(rows.length), total: f.number(target.customers) })}</Typography.Text>
            {members.hasNextPage ? (
              <Button onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage} data-testid="segment-members-more">
                {t("common.loadMore")}
              </Button>
            ) : null}
          </Flex>
        </div>
      ) : null}
    </Drawer>
  );
}
