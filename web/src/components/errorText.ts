import type { TFunction } from "i18next";
import { isApiError } from "../api/errors";

/** A short title for an error (translated by its code) and the server's own explanation. */
export function errorText(t: TFunction, error: unknown): { title: string; detail: string } {
  if (isApiError(error)) {
    const detail = [error.message, error.hint].filter(Boolean).join(" ");
    return { title: t(`errors.${error.code}`), detail };
  }
  return { title: t("errors.INTERNAL"), detail: error instanceof Error ? error.message : String(error) };
}
