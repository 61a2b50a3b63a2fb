import { LoadingOutlined, SearchOutlined } from "@ant-design/icons";
import { AutoComplete, Flex, Input, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { searchCustomers } from "../../features/customers/api/customers.api";
import { useDebounced } from "../../lib/useDebounced";

/** Finds a customer by name, phone, e-mail, external id or pinyin initials, and opens them. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 250);
  const { data, isFetching, isError } = useQuery({
    queryKey: ["search", q],
    queryFn: ({ signal }) => searchCustomers(q, signal),
    enabled: q.length > 0,
    staleTime: 10_000,
  });

  const options = (data ?? []).map((c) => ({
    value: String(c.id),
    label: (
      <Flex vertical data-testid="global-search-option">
        <Typography.Text strong ellipsis>
          {c.name ?? t("common.unnamed")}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {[c.externalId, c.phone].filter(Boolean).join(" · ")}
        </Typography.Text>
      </Flex>
    ),
  }));

  const notFound = q && !isFetching ? (isError ? t("shell.searchFailed") : t("shell.searchNothing")) : null;

  return (
    <AutoComplete
      value={text}
      options={options}
      showSearch={{ onSearch: setText }}
      onSelect={(id: string) => {
        setText("");
        void navigate(`/customers/${id}`);
      }}
      notFoundContent={notFound}
      style={{ width: "100%" }}
      popupMatchSelectWidth={320}
    >
      <Input
        prefix={isFetching ? <LoadingOutlined /> : <SearchOutlined />}
        placeholder={t("shell.searchPlaceholder")}
        allowClear
        data-testid="global-search"
        aria-label={t("shell.search")}
      />
    </AutoComplete>
  );
}
