import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { completeTask, fetchAgenda, fetchTeam, snoozeTask, type AgendaQuery, type AgendaTask, type ContactChannel } from "../api/agenda.api";

/** A staff member's agenda; the last one stays on screen while another day loads. */
export const useAgenda = (q: AgendaQuery) =>
  useQuery({ queryKey: ["agenda", q], queryFn: ({ signal }) => fetchAgenda(q, signal), placeholderData: keepPreviousData });

export const useTeamAgenda = (day: string | undefined) =>
  useQuery({ queryKey: ["agenda-team", day], queryFn: ({ signal }) => fetchTeam({ day }, signal), placeholderData: keepPreviousData });

/** Working a task changes the agenda, the team view and the customer's timeline. */
function useTaskChange<V>(fn: (v: V) => Promise<unknown>) {
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
