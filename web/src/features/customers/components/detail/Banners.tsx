import { Alert } from "antd";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useFormat } from "../../../../i18n/useFormat";
import type { CustomerDetail } from "../../api/types";

/** Says when the record is a tombstone: merged into another customer, or erased. */
export function Banners({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      {customer.mergedInto ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="banner-merged"
          title={t("customer.merged.title")}
          description={
            <Trans i18nKey="customer.merged.body" values={{ id: customer.mergedInto }} components={{ survivor: <Link to={`/customers/${customer.mergedInto}`} /> }} />
          }
        />
      ) : null}
      {customer.erasedAt ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="banner-erased"
          title={t("customer.erased.title")}
          description={t("customer.erased.body", { date: f.dateTime(customer.erasedAt) })}
        />
      ) : null}
    </>
  );
}
