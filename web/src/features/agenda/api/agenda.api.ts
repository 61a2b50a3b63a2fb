import { api } from "../../../api/client";

/** Mirrors src/http/routes/tasks.routes.ts (docs/agenda.md). */
export type ValueBasis = "risk" | "sales12m";
export const CONTACT_CHANNELS = ["phone", "visit", "email", "wechat", "sms", "other"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export interface ValueDefinition {
  /** The model run whose values at risk are used; null when none was saved. */
  runAsOf: string | null;
  salesFrom: string;
  salesTo: string;
}

export interface AgendaTask {
  customerId: number;
  taskId: number;
  kind: string;
  title: string;
  notes: string | null;
  dueOn: string;
  daysOverdue: number;
  overdue: boolean;
  sourceType: string;
  sourceId: number | null;
  customer: { name: string | null; phone: string | null; tier: string | null };
  /** Decimal in the base currency. */
  valueAtStake: string;
  valueBasis: ValueBasis;
}

export interface Agenda {
  day: string;
  owner: { id: number; name: string };
  definition: ValueDefinition;
  due: AgendaTask[];
  upcoming: AgendaTask[];
  truncated: boolean;
}

interface Load {
  open: number;
  dueToday: number;
  overdue: number;
  oldestOverdue: string | null;
  done7: number;
  done30: number;
  valueAtStake: string;
}

export interface StaffLoad extends Load {
  /** Null: tasks nobody owns. */
  userId: number | null;
  name: string | null;
  email: string | null;
  team: string | null;
}

export interface TeamLoad extends Load {
  team: string | null;
  members: number;
}

export interface TeamView {
  day: string;
  definition: ValueDefinition;
  staff: StaffLoad[];
  teams: TeamLoad[];
}

export interface AgendaQuery {
  day?: string;
  owner?: number;
}

export const fetchAgenda = (q: AgendaQuery, signal?: AbortSignal) => api.get<Agenda>("/api/tasks/agenda", { ...q }, signal);
export const fetchTeam = (q: { day?: string }, signal?: AbortSignal) => api.get<TeamView>("/api/tasks/team", { ...q }, signal);

const taskUrl = (t: Pick<AgendaTask, "customerId" | "taskId">, action: string) => `/api/tasks/${t.customerId}/${t.taskId}/${action}`;

export const completeTask = (t: Pick<AgendaTask, "customerId" | "taskId">, body: { outcome: string; channel?: ContactChannel; notes?: string }) =>
  api.post<{ interactionId: number | null }>(taskUrl(t, "complete"), body);
export const snoozeTask = (t: Pick<AgendaTask, "customerId" | "taskId">, dueOn: string) => api.post(taskUrl(t, "snooze"), { dueOn });

/** The kinds of task a person adds by hand (labels: agenda.kinds.*). */
export const MANUAL_KINDS = ["call", "visit", "email", "wechat", "sms"] as const;
export type ManualKind = (typeof MANUAL_KINDS)[number];

/** POST /api/tasks: without an owner, the customer's owner (or the one adding it) gets it. */
export interface NewTask {
  customerId: number;
  kind: ManualKind;
  title: string;
  dueOn: string;
  notes?: string;
  ownerId?: number;
}

/** A task as the server returns it after a change. */
export interface TaskRecord {
  customerId: number;
  taskId: number;
  kind: string;
  title: string;
  dueOn: string;
  ownerId: number | null;
  ownerName: string | null;
  status: "open" | "done" | "cancelled";
}

/** An active staff member who can own a task (GET /api/users/options). */
export interface StaffOption {
  id: number;
  name: string;
  team: string | null;
  role: "admin" | "manager" | "agent" | "analyst";
}

export const addTask = (b: NewTask) => api.post<TaskRecord>("/api/tasks", b);
export const reassignTask = (t: Pick<AgendaTask, "customerId" | "taskId">, ownerId: number) => api.post<TaskRecord>(taskUrl(t, "reassign"), { ownerId });
export const fetchStaffOptions = async (signal?: AbortSignal) => (await api.get<{ items: StaffOption[] }>("/api/users/options", undefined, signal)).items;
