import { Alert, App, Button, Drawer, Grid, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../../components/ErrorResult";
import { FormError } from "../../../../components/FormError";
import { LoadingBlock } from "../../../../components/Loading";
import { useQuery } from "@tanstack/react-query";
import { fetchComplaintSettings, type ComplaintSettings } from "../../api/complaints.api";
import { COMPLAINT_SETTINGS_KEY, useSaveComplaintSettings } from "../../hooks/useComplaints";
import { CategoriesEditor } from "./CategoriesEditor";
import { RootCauseEditor } from "./RootCauseEditor";
import { categoryProblem, toEditCategories, toEditTree, withEdits } from "./tree";

/** Where admins edit the complaint categories and the root-cause tree (PUT /api/complaints/settings). */
export function ComplaintSettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  return (
    <Drawer open={open} onClose={onClose} size={phone ? "100%" : 880} title={t("complaints.settings.open")} destroyOnHidden>
      {open ? <Body onDone={onClose} /> : null}
    </Drawer>
  );
}

/** Read afresh on each opening: the settings are saved as a whole, and someone may have changed them meanwhile. */
function Body({ onDone }: { onDone: () => void }) {
  const settings = useQuery({ queryKey: COMPLAINT_SETTINGS_KEY, queryFn: fetchComplaintSettings, refetchOnMount: "always" });
  if (settings.isError && !settings.isFetching) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} inline />;
  if (!settings.data || !settings.isFetchedAfterMount) return <LoadingBlock rows={8} />;
  return <Editor saved={settings.data} onDone={onDone} />;
}

function Editor({ saved, onDone }: { saved: ComplaintSettings; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveComplaintSettings();
  const [rows, setRows] = useState(() => toEditCategories(saved));
  const [tree, setTree] = useState(() => toEditTree(saved.rootCauses));
  const [tab, setTab] = useState("categories");
  const problem = categoryProblem(rows);
  const submit = () => {
    if (problem) {
      setTab("categories");
      return;
    }
    save.mutate(withEdits(saved, rows, tree), {
      onSuccess: () => {
        void message.success(t("complaints.settings.saved"));
        onDone();
      },
    });
  };
  return (
    <div data-testid="complaint-settings">
      <FormError error={save.error} />
      {problem ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="category-problem"
          title={t(`complaints.settings.problem.${problem.reason}`, { row: problem.row + 1 })} />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "categories", label: <span data-testid="complaint-settings-tab-categories">{t("complaints.settings.categories")}</span>, children: <CategoriesEditor rows={rows} onChange={setRows} problem={problem} /> },
          { key: "rootCauses", label: <span data-testid="complaint-settings-tab-root-causes">{t("complaints.settings.rootCauses")}</span>, children: <RootCauseEditor tree={tree} onChange={setTree} /> },
        ]}
      />
      <Button type="primary" loading={save.isPending} disabled={problem !== null} onClick={submit} style={{ marginTop: 16 }} data-testid="complaint-settings-save">
        {t("common.save")}
      </Button>
    </div>
  );
}
