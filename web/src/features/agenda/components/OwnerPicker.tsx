import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useTaskOwners } from "../hooks/useAgenda";

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** Someone not to offer, e.g. the task's present owner. */
  exclude?: number;
  placeholder?: string;
  allowClear?: boolean;
  testId: string;
}

/** Picks a staff member to own a task (GET /api/users/options, analysts left out). */
export function OwnerPicker({ value, onChange, exclude, placeholder, allowClear, testId }: Props) {
  const { t } = useTranslation();
  const owners = useTaskOwners();
  const options = (owners.data ?? [])
    .filter((u) => u.id !== exclude)
    .map((u) => ({ value: u.id, label: u.team ? `${u.name} (${u.team})` : u.name }));
  return (
    <Select<number>
      value={value}
      onChange={(id) => onChange?.(id)}
      options={options}
      loading={owners.isPending}
      status={owners.isError ? "error" : undefined}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: "label" }}
      placeholder={placeholder ?? t("agenda.owner.choose")}
      notFoundContent={owners.isError ? t("agenda.owner.loadFailed") : owners.isPending ? t("agenda.owner.loading") : undefined}
      style={{ width: "100%" }}
      data-testid={testId}
      optionRender={(o) => <span data-testid="agenda-owner-option" data-user-id={o.value}>{o.label}</span>}
    />
  );
}
