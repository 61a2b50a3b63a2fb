import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";

interface Props {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
}

/** Cursor paging: previous / next and the page number. */
export function Pager({ page, hasPrev, hasNext, onPrev, onNext }: Props) {
  const { t } = useTranslation();
  if (!hasPrev && !hasNext) return null;
  return (
    <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 12 }}>
      <Button icon={<LeftOutlined />} disabled={!hasPrev} onClick={onPrev} data-testid="complaints-prev">
        {t("common.prev")}
      </Button>
      <Typography.Text>{t("complaints.page", { page })}</Typography.Text>
      <Button disabled={!hasNext} onClick={onNext} data-testid="complaints-next">
        {t("common.next")} <RightOutlined />
      </Button>
    </Flex>
  );
}
