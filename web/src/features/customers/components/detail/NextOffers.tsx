import { Card, Empty, Flex, Progress, Tag, Tooltip, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../../components/ErrorResult";
import { LoadingBlock } from "../../../../components/Loading";
import type { NextOffer, NextOffers as Offers } from "../../../patterns/api/next-offers.api";
import { itemsText, usePatternFormat } from "../../../patterns/components/bits";
import { useNextOffers } from "../../../patterns/hooks/usePatterns";

type Format = ReturnType<typeof usePatternFormat>;

/** An offer's reason in the reader's language, from its figures (the server's English `text` is not shown). */
function reasonText(t: TFunction, o: NextOffer, p: Format): string {
  const r = o.reason;
  if (r.kind === "basket") {
    const args = { items: itemsText(r.because, p.locale), item: o.item.label, confidence: p.pct(r.confidence), baskets: p.number(r.baskets), lift: p.ratio(r.lift, 1) };
    return r.lift === null ? t("nextOffers.basketReasonNoLift", args) : t("nextOffers.basketReason", args);
  }
  const args = { a: r.because.label, date: p.date(r.boughtOn), item: o.item.label, share: p.pct(r.share), buyers: p.number(r.buyers), days: p.number(r.withinDays), mean: p.days(r.meanDays) };
  return r.meanDays === null ? t("nextOffers.sequenceReasonNoMean", args) : t("nextOffers.sequenceReason", args);
}

/**
 * The next best offers: what this customer is most likely to buy next, from the latest
 * saved basket and sequence runs, each with the rule behind it in figures.
 */
export function NextOffers({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const p = usePatternFormat();
  const offers = useNextOffers(customerId);
  const d = offers.data;

  let body: ReactNode;
  if (offers.isPending) body = <LoadingBlock rows={3} />;
  else if (offers.isError) body = <ErrorResult error={offers.error} onRetry={() => void offers.refetch()} inline />;
  else if (!d!.runs.baskets && !d!.runs.sequences) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("nextOffers.noRun")} data-testid="next-offers-no-run" />;
  else if (d!.offers.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("nextOffers.none")} data-testid="next-offers-none" />;
  else {
    body = (
      <Flex vertical gap={12} data-testid="next-offers-list">
        {d!.offers.map((o) => (
          <Flex key={o.item.key} gap={16} align="center" wrap data-testid="next-offer" data-kind={o.reason.kind}>
            <Tooltip title={t("nextOffers.scoreHelp")}>
              <Flex vertical align="center" style={{ width: 72 }}>
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="next-offer-score">{p.pct(o.score)}</Typography.Text>
                <Progress percent={Math.round(o.score * 100)} showInfo={false} size="small" style={{ width: 64, margin: 0 }} />
              </Flex>
            </Tooltip>
            <Flex vertical gap={2} style={{ flex: 1, minWidth: 240 }}>
              <span>
                <Typography.Text strong data-testid="next-offer-item">{o.item.label}</Typography.Text>{" "}
                <Tag color={o.reason.kind === "basket" ? "geekblue" : "purple"}>{t(o.reason.kind === "basket" ? "nextOffers.kindBasket" : "nextOffers.kindSequence")}</Tag>
              </span>
              <Typography.Text type="secondary" data-testid="next-offer-reason">{reasonText(t, o, p)}</Typography.Text>
            </Flex>
          </Flex>
        ))}
      </Flex>
    );
  }

  return (
    <Card title={t("nextOffers.title")} extra={d ? <RunsText runs={d.runs} /> : null} style={{ marginBottom: 16 }} data-testid="next-offers">
      {body}
    </Card>
  );
}

/** Which saved runs the offers come from. */
function RunsText({ runs }: { runs: Offers["runs"] }) {
  const { t } = useTranslation();
  const p = usePatternFormat();
  const parts = [
    runs.baskets ? t("nextOffers.basketRun", { runId: runs.baskets.runId, date: p.date(runs.baskets.createdAt) }) : null,
    runs.sequences ? t("nextOffers.sequenceRun", { runId: runs.sequences.runId, date: p.date(runs.sequences.createdAt) }) : null,
  ].filter(Boolean);
  if (!parts.length) return null;
  return <Typography.Text type="secondary" data-testid="next-offers-runs">{t("nextOffers.from", { runs: parts.join(t("patterns.scopeJoin")) })}</Typography.Text>;
}
