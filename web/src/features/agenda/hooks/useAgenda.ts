import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  addTask, completeTask, fetchAgenda, fetchStaffOptions, fetchTeam, reassignTask, snoozeTask, type AgendaQuery, type AgendaTask, type ContactChannel, type NewTask,
} from "../api/agenda.api";

/** A staff member's agenda; the last one stays on screen while another day loads. */
export const useAgenda = (q: AgendaQuery) =>
  useQuery({ queryKey: ["agenda", q], queryFn: ({ signal }) => fetchAgenda(q, signal), placeholderData: keepPreviousData });

export const useTeamAgenda = (day: string | undefined) =>
  useQuery({ queryKey: ["agenda-team", day], queryFn: ({ signal }) => fetchTeam({ day }, signal), placeholderData: keepPreviousData });

/** Working a task changes the agenda, the team view and the customer's timeline. */
function useTaskChange<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["agenda"] });
      void qc.invalidateQueries({ queryKey: ["agenda-team"] });
      void qc.invalidateQueries({ queryKey: ["customer"] });
    },
  });
}

export const useCompleteTask = () =>
  useTaskChange((v: { task: AgendaTask; outcome: string; channel?: ContactChannel; notes?: string }) =>
    completeTask(v.task, { outcome: v.outcome, channel: v.channel, notes: v.notes }));

export const useSnoozeTask = () => useTaskChange((v: { task: AgendaTask; dueOn: string }) => snoozeTask(v.task, v.dueOn));

export const useAddTask = () => useTaskChange((v: NewTask) => addTask(v));

export const useReassignTask = () => useTaskChange((v: { task: AgendaTask; ownerId: number }) => reassignTask(v.task, v.ownerId));

/** Who can own a task: active staff who work on customers (analysts do not). */
export const useTaskOwners = () =>
  useQuery({
    queryKey: ["users", "options", "task-owners"],
    queryFn: async ({ signal }) => (await fetchStaffOptions(signal)).filter((u) => u.role !== "analyst"),
    staleTime: 5 * 60_000,
  });
