import { api } from "../../../api/client";
import type { Role } from "../../auth/api/auth.api";

export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
  team: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  team?: string;
  password: string;
}

export interface AccountPatch {
  name?: string;
  role?: Role;
  team?: string | null;
  disabled?: boolean;
  password?: string;
}

export const fetchUsers = async () => (await api.get<{ items: Account[] }>("/api/users")).items;
export const createUser = (input: NewAccount) => api.post<Account>("/api/users", input);
export const updateUser = (id: number, patch: AccountPatch) => api.patch<Account>(`/api/users/${id}`, patch);
