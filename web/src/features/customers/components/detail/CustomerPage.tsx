import { Col, Result, Row, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ErrorResult } from "../../../../components/ErrorResult";
import { LoadingBlock } from "../../../../components/Loading";
import { useRole } from "../../../auth/hooks/useSession";
import { can } from "../../../auth/roles";
import { MembershipCard } from "../../../membership/components/MembershipCard";
import { ConsentPanel } from "../../../messaging/components/ConsentPanel";
import { useCustomer } from "../../hooks/useCustomer";
import { Banners } from "./Banners";
import { Contacts } from "./Contacts";
import { CoreFields } from "./CoreFields";
import { Duplicates } from "./Duplicates";
import { HeaderCard } from "./HeaderCard";
import { KeyDates } from "./KeyDates";
import { KeyFigures } from "./KeyFigures";
import { NextOffers } from "./NextOffers";
import { OrdersChart } from "./OrdersChart";
import { PersonalData } from "./PersonalData";
import { Predictions } from "./Predictions";
import { ProfileGroups } from "./ProfileGroups";
import { StatePanel } from "./StatePanel";
import { Timeline } from "./Timeline";
import { ValueSegments } from "./ValueSegments";

/** The customer 360: who they are, what they bought, every contact, and what can be done. */
export default function CustomerPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const role = useRole();
  const customer = useCustomer(id);

  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title={t("errors.NOT_FOUND")} />;
  if (customer.isPending) return <LoadingBlock rows={10} />;
  if (customer.isError) return <ErrorResult error={customer.error} onRetry={() => void customer.refetch()} />;
  const c = customer.data;
  // A merged or erased record is history: it is shown, not changed.
  const editable = can.changeCustomers(role) && !c.mergedInto && !c.erasedAt;

  const tabs = [
    { key: "timeline", label: t("customer.tabs.timeline"), children: <Timeline customerId={c.id} editable={editable} /> },
    {
      key: "profile",
      label: t("customer.tabs.profile"),
      children: (
        <>
          <CoreFields customer={c} editable={editable} />
          <ProfileGroups customer={c} editable={editable} />
        </>
      ),
    },
    { key: "state", label: t("customer.tabs.state"), children: <StatePanel customer={c} editable={editable} /> },
    { key: "keyDates", label: t("customer.tabs.keyDates"), children: <KeyDates customer={c} editable={editable} /> },
    { key: "consents", label: t("messaging.consent.tab"), children: <ConsentPanel customerId={c.id} editable={editable} /> },
    ...(c.kind === "enterprise" ? [{ key: "contacts", label: t("customer.tabs.contacts"), children: <Contacts customer={c} editable={editable} /> }] : []),
    { key: "duplicates", label: t("customer.tabs.duplicates"), children: <Duplicates customer={c} canMerge={can.merge(role) && editable} /> },
    ...(can.personalData(role) ? [{ key: "personal", label: t("customer.tabs.personalData"), children: <PersonalData customer={c} /> }] : []),
  ];

  return (
    <div data-testid="customer-360">
      <Banners customer={c} />
      <HeaderCard customer={c} editable={editable} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <KeyFigures customer={c} />
        </Col>
        <Col xs={24} xl={12}>
          <OrdersChart customer={c} />
        </Col>
      </Row>
      <ValueSegments customerId={c.id} />
      <Predictions customerId={c.id} />
      <NextOffers customerId={c.id} />
      <MembershipCard customerId={c.id} editable={editable} />
      <Tabs items={tabs} defaultActiveKey="timeline" />
    </div>
  );
}
