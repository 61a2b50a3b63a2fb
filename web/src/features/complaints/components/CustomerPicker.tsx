import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDebounced } from "../../../lib/useDebounced";
import { searchCustomers } from "../../customers/api/customers.api";

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
}

/**
 * Picks a customer by the app's search (name, phone, e-mail, external id, pinyin initials,
 * GET /api/search); a whole number typed in is also offered as a customer id, last.
 */
export function CustomerPicker({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 250);
  const search = useQuery({
    queryKey: ["search", q],
    queryFn: ({ signal }) => searchCustomers(q, signal),
    enabled: q.length > 0,
    staleTime: 10_000,
  });
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const found = (search.data ?? []).map((c) => ({
    value: c.id,
    label: [c.name ?? t("common.unnamed"), c.externalId, c.phone].filter(Boolean).join(" · "),
  }));
  // The typed id is offered once the search for that text has answered, after what it found:
  // offered earlier, the list would reshuffle under the user's arrow keys as the results land.
  const settled = q.length > 0 && !search.isPending;
  const asId = settled && /^\d+$/.test(q) && !found.some((o) => String(o.value) === q) ? [{ value: Number(q), label: t("complaints.form.customerById", { id: q }) }] : [];
  const options = [...found, ...asId];
  // Keep the chosen customer's label once the search text moves on.
  if (picked && value === picked.value && !options.some((o) => o.value === value)) options.unshift(picked);

  return (
    <Select<number>
      value={value}
      onChange={(id) => {
        setPicked(options.find((o) => o.value === id) ?? null);
        onChange?.(id);
      }}
      options={options}
      showSearch={{ onSearch: setText, filterOption: false }}
      loading={search.isFetching}
      placeholder={t("complaints.form.customerSearch")}
      notFoundContent={q ? (search.isError ? t("shell.searchFailed") : search.isFetching ? null : t("shell.searchNothing")) : null}
      style={{ width: "100%" }}
      data-testid="complaint-form-customer"
      optionRender={(o) => <span data-testid="complaint-form-customer-option">{o.label}</span>}
    />
  );
}
