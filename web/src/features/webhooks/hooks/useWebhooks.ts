import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createWebhook, deleteWebhook, fetchDeliveries, fetchWebhooks, updateWebhook } from "../api/webhooks.api";

const KEY = ["webhooks"];

export const useWebhooks = () => useQuery({ queryKey: KEY, queryFn: fetchWebhooks });

export const useDeliveries = (id: number | null) =>
  useQuery({ queryKey: [...KEY, id, "deliveries"], queryFn: () => fetchDeliveries(id!), enabled: id !== null });

export function useWebhookMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: KEY });
  return {
    create: useMutation({ mutationFn: createWebhook, onSuccess }),
    toggle: useMutation({ mutationFn: ({ id, active }: { id: number; active: boolean }) => updateWebhook(id, { active }), onSuccess }),
    remove: useMutation({ mutationFn: deleteWebhook, onSuccess }),
  };
}
