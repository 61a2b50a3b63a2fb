/**
 * The page registry: the router and the side navigation are both generated from it. A new
 * page is one entry here and one folder under features/. `navKey` is the i18n key of its
 * name; `roles` limits who sees and opens it (the server checks again); `hidden` keeps it
 * out of the side navigation (detail pages, pages reached from the user menu).
 *
 * Browser-test hooks (data-testid) are listed in web/TESTIDS.md.
 */
import {
  AimOutlined,
  ApiOutlined,
  AuditOutlined,
  BulbOutlined,
  CarryOutOutlined,
  CalculatorOutlined,
  CloudUploadOutlined,
  ExperimentOutlined,
  FormOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  CrownOutlined,
  FundOutlined,
  FundProjectionScreenOutlined,
  GiftOutlined,
  HeatMapOutlined,
  KeyOutlined,
  LineChartOutlined,
  MailOutlined,
  NodeIndexOutlined,
  PieChartOutlined,
  RetweetOutlined,
  RocketOutlined,
  ScheduleOutlined,
  ShoppingCartOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { Role } from "../features/auth/api/auth.api";
import type en from "../i18n/locales/en.json";

export type NavKey = `nav.${keyof (typeof en)["nav"]}`;

export interface PageDef {
  path: string;
  navKey: NavKey;
  icon: ComponentType;
  roles?: Role[];
  hidden?: boolean;
  element: LazyExoticComponent<ComponentType>;
}

export const pages: PageDef[] = [
  {
    path: "/agenda",
    navKey: "nav.agenda",
    icon: CarryOutOutlined,
    element: lazy(() => import("../features/agenda/components/AgendaPage")),
  },
  {
    path: "/agenda/team",
    navKey: "nav.agendaTeam",
    icon: SolutionOutlined,
    roles: ["admin", "manager"],
    element: lazy(() => import("../features/agenda/components/TeamPage")),
  },
  {
    path: "/customers",
    navKey: "nav.customers",
    icon: TeamOutlined,
    element: lazy(() => import("../features/customers/components/list/CustomersPage")),
  },
  {
    path: "/customers/:id",
    navKey: "nav.customer",
    icon: TeamOutlined,
    hidden: true,
    element: lazy(() => import("../features/customers/components/detail/CustomerPage")),
  },
  {
    path: "/complaints",
    navKey: "nav.complaints",
    icon: CustomerServiceOutlined,
    element: lazy(() => import("../features/complaints/components/ComplaintsPage")),
  },
  {
    path: "/complaints/:customerId/:complaintId",
    navKey: "nav.complaint",
    icon: CustomerServiceOutlined,
    hidden: true,
    element: lazy(() => import("../features/complaints/components/ComplaintPage")),
  },
  {
    path: "/value",
    navKey: "nav.value",
    icon: FundOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/value/components/ValuePage")),
  },
  {
    path: "/value/cohorts",
    navKey: "nav.cohorts",
    icon: HeatMapOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/cohorts/components/CohortsPage")),
  },
  {
    path: "/value/churn-cost",
    navKey: "nav.churnCost",
    icon: CalculatorOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/churn-cost/components/ChurnCostPage")),
  },
  {
    path: "/value/segments",
    navKey: "nav.segments",
    icon: ClusterOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/segments/components/SegmentsPage")),
  },
  {
    path: "/patterns/baskets",
    navKey: "nav.baskets",
    icon: ShoppingCartOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/patterns/components/BasketsPage")),
  },
  {
    path: "/patterns/sequences",
    navKey: "nav.sequences",
    icon: NodeIndexOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/patterns/components/SequencesPage")),
  },
  {
    path: "/patterns/forecast",
    navKey: "nav.forecast",
    icon: LineChartOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/patterns/components/ForecastPage")),
  },
  {
    path: "/predictions",
    navKey: "nav.predictions",
    icon: ExperimentOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/predictions/components/PredictionsPage")),
  },
  {
    path: "/membership",
    navKey: "nav.membership",
    icon: CrownOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/membership/components/MembershipPage")),
  },
  {
    path: "/complaints/analysis",
    navKey: "nav.complaintAnalysis",
    icon: PieChartOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/complaint-analysis/components/ComplaintAnalysisPage")),
  },
  {
    path: "/complaints/recognition",
    navKey: "nav.recognition",
    icon: TrophyOutlined,
    roles: ["admin", "manager", "agent", "analyst"],
    element: lazy(() => import("../features/recognition/components/RecognitionPage")),
  },
  {
    path: "/complaints/sensitivity",
    navKey: "nav.complaintSensitivity",
    icon: FundProjectionScreenOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/complaint-sensitivity/components/ComplaintSensitivityPage")),
  },
  {
    path: "/plans",
    navKey: "nav.plans",
    icon: ScheduleOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/plans/components/PlansPage")),
  },
  {
    path: "/plans/:id",
    navKey: "nav.plans",
    icon: ScheduleOutlined,
    roles: ["admin", "manager", "analyst"],
    hidden: true,
    element: lazy(() => import("../features/plans/components/PlanPage")),
  },
  {
    path: "/campaigns",
    navKey: "nav.campaigns",
    icon: RocketOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/campaigns/components/CampaignsPage")),
  },
  {
    path: "/campaigns/:id",
    navKey: "nav.campaigns",
    icon: RocketOutlined,
    roles: ["admin", "manager", "analyst"],
    hidden: true,
    element: lazy(() => import("../features/campaigns/components/CampaignPage")),
  },
  {
    path: "/journeys",
    navKey: "nav.journeys",
    icon: RetweetOutlined,
    roles: ["admin", "manager"],
    element: lazy(() => import("../features/journeys/components/JourneysPage")),
  },
  {
    path: "/reminders",
    navKey: "nav.reminders",
    icon: GiftOutlined,
    element: lazy(() => import("../features/reminders/components/RemindersPage")),
  },
  {
    path: "/prospects",
    navKey: "nav.prospects",
    icon: AimOutlined,
    element: lazy(() => import("../features/prospects/components/ProspectsPage")),
  },
  {
    path: "/community",
    navKey: "nav.community",
    icon: BulbOutlined,
    element: lazy(() => import("../features/community/components/CommunityPage")),
  },
  {
    path: "/surveys",
    navKey: "nav.surveys",
    icon: FormOutlined,
    roles: ["admin", "manager", "analyst"],
    element: lazy(() => import("../features/surveys/components/SurveysPage")),
  },
  {
    path: "/surveys/:id",
    navKey: "nav.surveys",
    icon: FormOutlined,
    roles: ["admin", "manager", "analyst"],
    hidden: true,
    element: lazy(() => import("../features/surveys/components/SurveyResultsPage")),
  },
  {
    path: "/imports",
    navKey: "nav.imports",
    icon: CloudUploadOutlined,
    roles: ["admin", "manager"],
    element: lazy(() => import("../features/imports/components/ImportsPage")),
  },
  {
    path: "/admin/audit",
    navKey: "nav.audit",
    icon: AuditOutlined,
    roles: ["admin"],
    element: lazy(() => import("../features/audit/components/AuditPage")),
  },
  {
    path: "/admin/users",
    navKey: "nav.users",
    icon: UserOutlined,
    roles: ["admin"],
    element: lazy(() => import("../features/users/components/UsersPage")),
  },
  {
    path: "/admin/webhooks",
    navKey: "nav.webhooks",
    icon: ApiOutlined,
    roles: ["admin"],
    element: lazy(() => import("../features/webhooks/components/WebhooksPage")),
  },
  {
    path: "/admin/messaging",
    navKey: "nav.messaging",
    icon: MailOutlined,
    roles: ["admin"],
    element: lazy(() => import("../features/messaging/components/MessagingSettingsPage")),
  },
  {
    path: "/account/tokens",
    navKey: "nav.tokens",
    icon: KeyOutlined,
    hidden: true,
    element: lazy(() => import("../features/auth/components/TokensPage")),
  },
];

/** The registry entry a location belongs to: the longest matching path, `:params` included. */
export function pageFor(pathname: string, among: readonly PageDef[] = pages): PageDef | undefined {
  const matches = (path: string) => {
    const re = new RegExp(`^${path.replace(/:[^/]+/g, "[^/]+")}(/|$)`);
    return re.test(pathname);
  };
  return [...among].sort((a, b) => b.path.length - a.path.length).find((p) => matches(p.path));
}
