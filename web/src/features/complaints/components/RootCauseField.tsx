import { App, Flex, TreeSelect, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../../components/errorText";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import type { ComplaintDetail } from "../api/complaints.api";
import { useRecordEvent } from "../hooks/useComplaints";
import { useComplaintLabels, type RootCauseOption } from "../labels";

interface PickNode {
  value: string;
  title: ReactNode;
  /** Shown once chosen: the whole path ("Logistics › Late delivery"). */
  path: string;
  /** What a search matches: the node's own name. */
  search: string;
  children?: PickNode[];
}

const pickNodes = (nodes: readonly RootCauseOption[], up: string[] = []): PickNode[] =>
  nodes.map((n) => ({
    value: n.value,
    title: <span data-testid="complaint-root-cause-option" data-key={n.value}>{n.title}</span>,
    path: [...up, n.title].join(" › "),
    search: n.title,
    ...(n.children ? { children: pickNodes(n.children, [...up, n.title]) } : {}),
  }));

/**
 * The case's root cause by name. Whoever may handle complaints picks it from the settings'
 * tree at any step, after the case has closed, and on an imported complaint settled before it
 * came (a broad cause will do until the finer one is known); each choice is recorded as an
 * event.
 */
export function RootCauseField({ d }: { d: ComplaintDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const role = useRole();
  const names = useComplaintLabels();
  const record = useRecordEvent(d);
  const current = d.recovery?.rootCause ?? null;
  const limits = names.settings.data?.authority.limits;
  // Any complaint takes its root cause, open or closed, imported or not.
  const may = role !== undefined && limits !== undefined && Object.hasOwn(limits, role);
  const setter = d.events.findLast((e) => e.type === "root_cause_set");

  // An imported complaint may carry the root cause its source system recorded.
  const key = current?.key ?? d.rootCause;
  const shown = key ? names.rootCausePath(key) : t("complaints.rootCause.none");
  return (
    <Flex vertical gap={2} data-testid="complaint-root-cause" data-key={key ?? ""} style={{ minWidth: 0 }}>
      {may ? (
        <TreeSelect<string>
          value={key ?? undefined}
          treeData={pickNodes(names.treeData)}
          treeNodeLabelProp="path"
          treeNodeFilterProp="search"
          treeDefaultExpandAll
          showSearch
          placeholder={t("complaints.rootCause.placeholder")}
          loading={record.isPending || names.settings.isPending}
          disabled={record.isPending}
          popupMatchSelectWidth={false}
          style={{ width: "100%", maxWidth: 360 }}
          onChange={(picked) => {
            if (!picked || picked === key) return;
            record.mutate({ type: "root_cause_set", rootCause: picked }, {
              onSuccess: () => void message.success(t("complaints.rootCause.saved")),
              onError: (e) => void message.error(errorText(t, e).detail),
            });
          }}
          data-testid="complaint-root-cause-select"
        />
      ) : (
        <span data-testid="complaint-root-cause-text">{shown}</span>
      )}
      {setter ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="complaint-root-cause-by">
          {t("complaints.rootCause.by", { name: setter.actorName ?? `#${setter.actorId ?? "?"}`, date: f.dateTime(setter.at) })}
          {typeof setter.event.note === "string" && setter.event.note.trim() ? ` · ${setter.event.note.trim()}` : ""}
        </Typography.Text>
      ) : key ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="complaint-root-cause-imported">{t("complaints.rootCause.imported")}</Typography.Text>
      ) : may ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("complaints.rootCause.help")}</Typography.Text>
      ) : null}
    </Flex>
  );
}
