import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { CustomerState } from "../../api/types";

const COLOR: Record<CustomerState, string> = {
  potential: "default",
  target: "blue",
  current: "green",
  churned: "red",
  non_customer: "default",
};

/** A customer state (潜在, 目标, 现实, 流失, 非客户) as a coloured tag. */
export function StateTag({ state }: { state: CustomerState }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[state]} data-testid="customer-state">
      {t(`states.${state}`)}
    </Tag>
  );
}
