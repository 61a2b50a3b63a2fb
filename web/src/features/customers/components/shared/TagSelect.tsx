import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useTags } from "../../hooks/useLookups";

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Let the user type new tags, not only pick existing ones. */
  allowNew?: boolean;
  placeholder?: string;
}

/** Picks tags from GET /api/tags (with how many customers carry each). */
export function TagSelect({ value, onChange, allowNew, placeholder }: Props) {
  const { t } = useTranslation();
  const tags = useTags();
  return (
    <Select
      mode={allowNew ? "tags" : "multiple"}
      value={value}
      onChange={onChange}
      loading={tags.isPending}
      options={(tags.data ?? []).map((tg) => ({ value: tg.tag, label: `${tg.tag} (${tg.customers})` }))}
      placeholder={placeholder ?? t("customers.tags")}
      allowClear
      style={{ width: "100%" }}
      tokenSeparators={allowNew ? [","] : undefined}
    />
  );
}
