import { useMutation, useQueries } from "@tanstack/react-query";
import { Alert, Button, Empty, Form, Input, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { CustomerPicker } from "../../complaints/components/CustomerPicker";
import { fetchCustomer } from "../../customers/api/customers.api";
import { customerKey } from "../../customers/hooks/useCustomer";
import { MAX_REFS, parseRefs, resolveRefs, type PickedCustomer } from "../refs";

/** How many chosen customers are shown by name; the rest are counted. */
const SHOWN = 50;

interface Props {
  ids: number[];
  onChange: (ids: number[]) => void;
}

/**
 * The customers of a hand-picked audience: picked one by one through the search, or pasted
 * as external ids or customer ids (one per line, or separated by commas); the references
 * that name no customer are listed.
 */
export function AudienceCustomers({ ids, onChange }: Props) {
  const { t } = useTranslation();
  const [known, setKnown] = useState<Map<number, PickedCustomer>>(() => new Map());
  const [text, setText] = useState("");
  const [missing, setMissing] = useState<string[]>([]);
  const remember = (list: PickedCustomer[]) => setKnown((m) => new Map([...m, ...list.map((c) => [c.id, c] as const)]));
  const add = (list: number[]) => onChange([...new Set([...ids, ...list])]);

  const refs = parseRefs(text);
  const paste = useMutation({
    mutationFn: () => resolveRefs(refs.slice(0, MAX_REFS)),
    onSuccess: (r) => {
      remember(r.found);
      add(r.found.map((c) => c.id));
      setMissing(r.missing);
      setText(r.missing.join("\n"));
    },
  });

  // a saved draft knows only the ids: the names of the shown ones are read once
  const shown = ids.slice(0, SHOWN);
  const unknown = shown.filter((id) => !known.has(id));
  const details = useQueries({
    queries: unknown.map((id) => ({ queryKey: customerKey(id), queryFn: () => fetchCustomer(id), staleTime: 60_000, retry: false })),
  });
  const label = (id: number) => {
    const c = known.get(id) ?? details.find((q) => q.data?.id === id)?.data;
    return c ? [c.name ?? t("common.unnamed"), c.externalId].filter(Boolean).join(" · ") : t("campaigns.pick.customerId", { id });
  };

  return (
    <div data-testid="campaign-customers">
      <Form.Item label={t("campaigns.pick.search")} extra={t("campaigns.pick.searchHelp")}>
        <div data-testid="campaign-customer-picker">
          <CustomerPicker
            value={undefined}
            onChange={(id) => {
              if (id !== undefined) add([id]);
            }}
          />
        </div>
      </Form.Item>
      <Form.Item label={t("campaigns.pick.paste")} extra={t("campaigns.pick.pasteHelp", { max: MAX_REFS })}>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Input.TextArea value={text} rows={3} onChange={(e) => setText(e.target.value)} placeholder={t("campaigns.pick.pastePlaceholder")} data-testid="campaign-customers-paste" />
          <Space wrap>
            <Button onClick={() => paste.mutate()} loading={paste.isPending} disabled={refs.length === 0} data-testid="campaign-customers-add">
              {t("campaigns.pick.add", { n: Math.min(refs.length, MAX_REFS) })}
            </Button>
            {refs.length > MAX_REFS ? <Typography.Text type="warning">{t("campaigns.pick.tooMany", { max: MAX_REFS })}</Typography.Text> : null}
          </Space>
          {paste.isError ? <ErrorResult error={paste.error} inline /> : null}
          {missing.length ? (
            <Alert type="warning" showIcon closable onClose={() => setMissing([])} message={t("campaigns.pick.missing", { n: missing.length })}
              description={<span data-testid="campaign-customers-missing">{missing.join(", ")}</span>} />
          ) : null}
        </Space>
      </Form.Item>
      <Form.Item label={t("campaigns.chosenCustomers", { n: ids.length })}>
        {ids.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaigns.pick.empty")} data-testid="campaign-customers-empty" />
        ) : (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Space size={[4, 4]} wrap data-testid="campaign-customers-list" data-count={ids.length}>
              {shown.map((id) => (
                <Tag key={id} closable onClose={() => onChange(ids.filter((x) => x !== id))} data-testid={`campaign-customer-${id}`}>
                  {label(id)}
                </Tag>
              ))}
            </Space>
            <Space wrap>
              {ids.length > SHOWN ? <Typography.Text type="secondary">{t("campaigns.pick.more", { n: ids.length - SHOWN })}</Typography.Text> : null}
              <Button size="small" onClick={() => onChange([])} data-testid="campaign-customers-clear">{t("campaigns.pick.clear")}</Button>
            </Space>
          </Space>
        )}
      </Form.Item>
    </div>
  );
}
