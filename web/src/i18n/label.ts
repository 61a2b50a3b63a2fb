import type { TFunction } from "i18next";
import i18n from "./index";

/**
 * The translation of a value the server sends as free text (a profile group, an event
 * name, a channel): the catalogue's word when it has one, the value itself otherwise.
 */
export function label(t: TFunction, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return i18n.exists(key) ? (t as unknown as (k: string) => string)(key) : value;
}
