import { api } from "../../../api/client";

/** GET /api/settings: the business settings every signed-in user may read. */
export interface Settings {
  /** ISO 4217 code all money in the API is expressed in. */
  baseCurrency: string;
  timezone?: string;
  [key: string]: unknown;
}

export const fetchSettings = () => api.get<Settings>("/api/settings");
