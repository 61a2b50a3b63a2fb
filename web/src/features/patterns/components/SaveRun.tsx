import { SaveOutlined } from "@ant-design/icons";
import { Alert, Button, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../../components/errorText";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { can } from "../../auth/roles";
import type { SaveRunBody } from "../api/patterns.api";
import { useSaveRun } from "../hooks/usePatterns";

/**
 * "Save for next best offers": mines the shown analysis again on the server and saves every
 * rule (or pair) as a run; the customer 360's next best offers read the latest run of each
 * kind. Only roles that may write segments see the button (the server checks again); it is
 * off until an analysis with something to save is on screen.
 * Test ids: `<prefix>-save`, `<prefix>-saved` (the saved run's note), `form-error`.
 */
export function useSaveRunControl(prefix: string, body: SaveRunBody | null) {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useRole();
  const save = useSaveRun();

  const button = can.savePatterns(role) ? (
    <Tooltip title={body ? null : t("patterns.saveNothing")}>
      <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!body} onClick={() => body && save.mutate(body)} data-testid={`${prefix}-save`}>
        {t("patterns.save")}
      </Button>
    </Tooltip>
  ) : null;

  let note = null;
  if (save.isError) {
    const e = errorText(t, save.error);
    note = <Alert type="error" showIcon closable title={e.title} description={e.detail} style={{ marginBottom: 16 }} data-testid="form-error" />;
  } else if (save.data) {
    note = (
      <Alert
        type="success"
        showIcon
        title={t(save.data.kind === "sequences" ? "patterns.savedSequences" : "patterns.savedBaskets", { runId: save.data.runId, n: f.number(save.data.rules) })}
        description={t("patterns.savedHelp")}
        style={{ marginBottom: 16 }}
        data-testid={`${prefix}-saved`}
      />
    );
  }
  return { button, note };
}
