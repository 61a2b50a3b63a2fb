/**
 * ISO 4217 currency codes, for validating the currency of an order line.
 */

/** Active ISO 4217 codes (list of 2025), funds and precious-metal codes included; XXX and XTS are not currencies. */
export const ISO_4217 = [
  "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD",
  "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE",
  "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP",
  "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
  "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
  "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
  "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV",
  "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR",
  "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP",
  "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
  "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND",
  "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD",
  "XPF", "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG",
] as const;

/**
 * Codes withdrawn in recent years but still found on the orders of those years (Croatia's
 * kuna until 2023, the old leone, guilder, Zimbabwe dollar…): an order history import
 * must accept them.
 */
const RECENTLY_WITHDRAWN = ["HRK", "SLL", "ANG", "ZWL", "CUC", "VEF", "MRO", "STD", "LTL", "LVL", "EEK", "BYR"] as const;

const KNOWN = new Set<string>([...ISO_4217, ...RECENTLY_WITHDRAWN]);

/** Names written in place of codes, mostly by Chinese systems. */
const ALIASES: Record<string, string> = {
  RMB: "CNY",
  人民币: "CNY",
  元: "CNY",
  美元: "USD",
  港币: "HKD",
  港元: "HKD",
  欧元: "EUR",
  日元: "JPY",
  英镑: "GBP",
  新台币: "TWD",
  澳门元: "MOP",
  韩元: "KRW",
};

/** The ISO code for a code or known alias, any case; undefined when unknown. */
export function currencyCode(raw: string): string | undefined {
  const t = raw.trim();
  const alias = ALIASES[t.toUpperCase()] ?? ALIASES[t];
  if (alias) return alias;
  const code = t.toUpperCase();
  return KNOWN.has(code) ? code : undefined;
}

export const unknownCurrency = (raw: string): string =>
  `unknown currency '${raw.trim()}' (use an ISO 4217 code such as CNY, USD)`;
