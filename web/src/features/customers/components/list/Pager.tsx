import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../../i18n/useFormat";

interface Props {
  page: number;
  total?: number;
  totalExact?: boolean;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
}

/** Cursor paging: previous / next and the total (counts stop at 10,000 and say so). */
export function Pager({ page, total, totalExact, hasPrev, hasNext, onPrev, onNext }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const totalText = total === undefined ? null : totalExact === false ? t("customers.totalAtLeast", { total: f.number(total) }) : t("customers.total", { total: f.number(total) });
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" data-testid="customer-total">
        {totalText}
      </Typography.Text>
      <Flex gap={8} align="center">
        <Button icon={<LeftOutlined />} disabled={!hasPrev} onClick={onPrev} data-testid="page-prev">
          {t("common.prev")}
        </Button>
        <Typography.Text>{t("customers.page", { page })}</Typography.Text>
        <Button disabled={!hasNext} onClick={onNext} data-testid="page-next">
          {t("common.next")} <RightOutlined />
        </Button>
      </Flex>
    </Flex>
  );
}
