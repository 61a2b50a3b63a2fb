import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCursorPages } from "../../../lib/useCursorPages";
import { isApiError } from "../../../api/errors";
import {
  fetchComplaint, fetchComplaints, fetchComplaintSettings, openComplaint, recordEvent, saveComplaintSettings,
  type ComplaintDetail, type ComplaintSettings, type EventInput, type ListParams, type NewComplaint,
} from "../api/complaints.api";

const KEY = ["complaints"] as const;
export const PAGE_SIZE = 50;

/** One page of complaints for the filters (see useCursorPages). */
export function useComplaintList(params: ListParams) {
  return useCursorPages([...KEY, "list"], params, (p, cursor, signal) => fetchComplaints(p, PAGE_SIZE, cursor, signal));
}

const detailKey = (customerId: number, complaintId: number) => [...KEY, "detail", customerId, complaintId] as const;

export const useComplaint = (customerId: number, complaintId: number) =>
  useQuery({ queryKey: detailKey(customerId, complaintId), queryFn: () => fetchComplaint(customerId, complaintId) });

export const COMPLAINT_SETTINGS_KEY = [...KEY, "settings"] as const;

export const useComplaintSettings = () =>
  useQuery({ queryKey: COMPLAINT_SETTINGS_KEY, queryFn: fetchComplaintSettings, staleTime: 5 * 60_000 });

/** Replaces the complaint settings; every page naming categories and root causes reads the new ones. */
export function useSaveComplaintSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: ComplaintSettings) => saveComplaintSettings(s),
    onSuccess: (s) => {
      qc.setQueryData(COMPLAINT_SETTINGS_KEY, s);
    },
  });
}

/** Opens a complaint; the lists and the customer's timeline are read again. */
export function useOpenComplaint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewComplaint) => openComplaint(input),
    onSuccess: (d) => {
      qc.setQueryData(detailKey(d.customerId, d.complaintId), d);
      void qc.invalidateQueries({ queryKey: [...KEY, "list"] });
      void qc.invalidateQueries({ queryKey: ["timeline", d.customerId] });
    },
  });
}

/**
 * Records a recovery event on the version shown. A 409 (someone else moved the case, or the
 * step is no longer allowed) reloads the case so the page shows what is true now; the
 * server's message stays on the form.
 */
export function useRecordEvent(d: Pick<ComplaintDetail, "customerId" | "complaintId" | "version">) {
  const qc = useQueryClient();
  const key = detailKey(d.customerId, d.complaintId);
  return useMutation({
    mutationFn: (event: EventInput) => recordEvent(d.customerId, d.complaintId, d.version, event),
    onSuccess: (next) => {
      qc.setQueryData(key, next);
      void qc.invalidateQueries({ queryKey: [...KEY, "list"] });
      void qc.invalidateQueries({ queryKey: ["timeline", d.customerId] });
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 409) void qc.invalidateQueries({ queryKey: key });
    },
  });
}
