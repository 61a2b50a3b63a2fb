import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Timeline as AntTimeline } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../../components/ErrorResult";
import { LoadingBlock } from "../../../../components/Loading";
import { useFormat } from "../../../../i18n/useFormat";
import { useUserOptions } from "../../hooks/useLookups";
import { useTimeline } from "../../hooks/useTimeline";
import { EventBody, eventIcon } from "./TimelineEvent";
import { LogInteractionModal } from "./LogInteractionModal";

/** Orders, contacts, state changes, complaints and merges on one line, newest first. */
export function Timeline({ customerId, editable }: { customerId: number; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const timeline = useTimeline(customerId);
  const users = useUserOptions();
  const [logging, setLogging] = useState(false);
  const userName = (id: number | null) => (id === null ? null : (users.data?.find((u) => u.id === id)?.name ?? null));
  const events = timeline.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card
      title={t("customer.tabs.timeline")}
      extra={
        editable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setLogging(true)} data-testid="interaction-log">
            {t("interaction.log")}
          </Button>
        ) : null
      }
    >
      <div data-testid="timeline">
        {timeline.isPending ? (
          <LoadingBlock rows={6} />
        ) : timeline.isError && events.length === 0 ? (
          <ErrorResult error={timeline.error} onRetry={() => void timeline.refetch()} inline />
        ) : events.length === 0 ? (
          <Empty description={editable ? t("timeline.emptyEditable") : t("timeline.empty")} />
        ) : (
          <>
            <AntTimeline
              items={events.map((e) => {
                const { icon, color } = eventIcon(e);
                return {
                  key: `${e.kind}-${e.ref}`,
                  icon,
                  color,
                  title: f.dateTime(e.at),
                  content: (
                    <div data-testid="timeline-event" data-kind={e.kind}>
                      <EventBody event={e} userName={userName} />
                    </div>
                  ),
                };
              })}
            />
            {timeline.isFetchNextPageError ? <ErrorResult error={timeline.error} onRetry={() => void timeline.fetchNextPage()} inline /> : null}
            {timeline.hasNextPage ? (
              <Button block onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} data-testid="timeline-more">
                {t("common.loadMore")}
              </Button>
            ) : null}
          </>
        )}
      </div>
      <LogInteractionModal customerId={customerId} open={logging} onClose={() => setLogging(false)} />
    </Card>
  );
}
