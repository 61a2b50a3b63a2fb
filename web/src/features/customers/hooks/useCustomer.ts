import { App } from "antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../api/errors";
import { errorText } from "../../../components/errorText";
import { fetchCustomer, patchCustomer, type CustomerPatch } from "../api/customers.api";
import type { CustomerDetail } from "../api/types";

export const customerKey = (id: number) => ["customer", id] as const;

export const useCustomer = (id: number) =>
  useQuery({ queryKey: customerKey(id), queryFn: () => fetchCustomer(id), enabled: Number.isInteger(id) && id > 0 });

/**
 * A change to the customer and everything shown from it (the record, its timeline, the
 * list). Failures are announced here; a stale version (409) offers to reload.
 */
export function useCustomerMutation<V>(id: number, fn: (v: V) => Promise<unknown>) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // The record is read again before the change counts as done, so a form that closes on
    // success never shows the old value for a moment; the timeline and the list follow.
    onSuccess: async () => {
      void qc.invalidateQueries({ queryKey: ["timeline", id] });
      void qc.invalidateQueries({ queryKey: ["customers"] });
      await qc.invalidateQueries({ queryKey: customerKey(id) });
    },
    onError: (error) => {
      const { title, detail } = errorText(t, error);
      if (isApiError(error) && error.code === "CONFLICT") {
        modal.confirm({
          title: t("customer.conflictTitle"),
          content: detail,
          okText: t("common.reload"),
          cancelText: t("common.cancel"),
          onOk: () => qc.invalidateQueries({ queryKey: customerKey(id) }),
        });
      } else {
        void message.error(detail ? `${title}: ${detail}` : title);
      }
    },
  });
}

/** PATCH of the version on screen (If-Match: "v<version>"). */
export const usePatchCustomer = (customer: CustomerDetail) =>
  useCustomerMutation(customer.id, (patch: CustomerPatch) => patchCustomer(customer.id, customer.version, patch));
