import { api, apiRequest, itemsOf } from "../../../api/client";

export type Role = "admin" | "manager" | "agent" | "analyst";
export const ROLES: readonly Role[] = ["admin", "manager", "agent", "analyst"];

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  team: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** The answer to creating a token: the secret itself, shown once. */
export interface CreatedToken extends Partial<ApiToken> {
  token: string;
}

export const login = (email: string, password: string) =>
  apiRequest<Session>("/api/auth/login", { method: "POST", body: { email, password }, redirectOn401: false });

export const fetchSession = () => apiRequest<Session>("/api/auth/me", { redirectOn401: false });

export const logout = () => api.post<void>("/api/auth/logout");

export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<void>("/api/auth/password", { currentPassword, newPassword });

export const fetchTokens = async () => itemsOf(await api.get<ApiToken[] | { items: ApiToken[] }>("/api/auth/tokens"));

export const createToken = (input: { name: string; expiresInDays?: number }) => api.post<CreatedToken>("/api/auth/tokens", input);

export const revokeToken = (id: number) => api.delete(`/api/auth/tokens/${id}`);
