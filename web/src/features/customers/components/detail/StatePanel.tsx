import { ArrowRightOutlined } from "@ant-design/icons";
import { Card, Empty, Flex, Timeline as AntTimeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../../i18n/useFormat";
import type { CustomerDetail } from "../../api/types";
import { StateTag } from "../shared/StateTag";
import { ChangeStateButton } from "./ChangeStateButton";

/** The customer's state and every move between states, newest first. */
export function StatePanel({ customer: c, editable }: { customer: CustomerDetail; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const history = [...c.stateHistory].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {t("customer.state.current")} <StateTag state={c.state} />
        </Flex>
      }
      extra={editable ? <ChangeStateButton customer={c} /> : null}
    >
      {history.length === 0 ? (
        <Empty description={t("customer.state.noHistory")} />
      ) : (
        <AntTimeline
          data-testid="state-history"
          items={history.map((h) => ({
            key: h.id,
            title: f.dateTime(h.at),
            content: (
              <>
                <Flex gap={6} align="center" wrap>
                  {h.from ? <StateTag state={h.from} /> : <Typography.Text type="secondary">{t("customer.state.none")}</Typography.Text>}
                  <ArrowRightOutlined />
                  <StateTag state={h.to} />
                </Flex>
                {h.reason ? <Typography.Paragraph style={{ margin: "4px 0 0" }}>{h.reason}</Typography.Paragraph> : null}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
