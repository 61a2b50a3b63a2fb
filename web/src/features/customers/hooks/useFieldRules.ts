import type { FormRule } from "antd";
import { useTranslation } from "react-i18next";

export const NAME_MAX = 200;
/** Digits, "+", "-" and spaces: what a phone number is written with. */
export const PHONE = /^[\d+\-\s]*$/;

/** Validation of the customer's core fields, with messages in the user's language. */
export function useFieldRules(): Record<"name" | "email" | "phone", FormRule[]> {
  const { t } = useTranslation();
  return {
    name: [{ max: NAME_MAX, message: t("validation.maxLength", { max: NAME_MAX }) }],
    email: [{ type: "email", message: t("validation.email") }],
    phone: [{ pattern: PHONE, message: t("validation.phone") }],
  };
}
