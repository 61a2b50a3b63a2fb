import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useUserOptions } from "../../hooks/useLookups";

export const UNASSIGNED = "none";

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Offer "unassigned" ("none") as a choice. */
  withUnassigned?: boolean;
  placeholder?: string;
  allowClear?: boolean;
}

/** Picks a user (id as a string) from GET /api/users/options. */
export function OwnerSelect({ value, onChange, withUnassigned, placeholder, allowClear = true }: Props) {
  const { t } = useTranslation();
  const users = useUserOptions();
  const options = [
    ...(withUnassigned ? [{ value: UNASSIGNED, label: t("customers.unassigned") }] : []),
    ...(users.data ?? []).map((u) => ({ value: String(u.id), label: u.team ? `${u.name} (${u.team})` : u.name })),
  ];
  return (
    <Select
      value={value}
      onChange={onChange}
      options={options}
      loading={users.isPending}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: "label" }}
      placeholder={placeholder ?? t("customers.owner")}
      style={{ width: "100%" }}
      notFoundContent={users.isError ? t("errors.loadFailed") : undefined}
    />
  );
}
