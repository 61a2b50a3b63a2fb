import type { Role } from "./api/auth.api";

/** What each role may do, as docs/http-api.md says; the server checks again. */
export const can = {
  changeCustomers: (role: Role | undefined) => role === "admin" || role === "manager" || role === "agent",
  import: (role: Role | undefined) => role === "admin" || role === "manager",
  merge: (role: Role | undefined) => role === "admin" || role === "manager",
  personalData: (role: Role | undefined) => role === "admin" || role === "manager",
  /** Saving a basket or sequence run for the next best offers (segments:write). */
  savePatterns: (role: Role | undefined) => role === "admin" || role === "manager" || role === "analyst",
  /** Running the prediction models (segments:write). */
  runModels: (role: Role | undefined) => role === "admin" || role === "manager" || role === "analyst",
  administer: (role: Role | undefined) => role === "admin",
};
