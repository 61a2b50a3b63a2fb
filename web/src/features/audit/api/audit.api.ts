import { api, apiUrl, type Page } from "../../../api/client";

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  customerId: number | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditFilters {
  userId?: number;
  entityType?: string;
  action?: string;
  customerId?: number;
  /** ISO instants; `to` is exclusive. */
  from?: string;
  to?: string;
}

export const fetchAudit = (filters: AuditFilters, cursor: string | null, limit = 50) =>
  api.get<Page<AuditEntry>>("/api/audit", { ...filters, cursor, limit });

export const auditExportUrl = (filters: AuditFilters) => apiUrl("/api/audit/export", { format: "csv", ...filters });
