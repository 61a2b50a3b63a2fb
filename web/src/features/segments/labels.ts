import type { TFunction } from "i18next";
import { label } from "../../i18n/label";
import type { SegmentScheme } from "./api/segments.api";

/** Where each scheme's segment names are translated (the pyramid, types and RFM names are the value page's). */
const PREFIX: Record<Exclude<SegmentScheme, "decile">, string> = {
  tier: "value.tiers",
  type: "value.types",
  rfm: "value.segments",
  rfm8: "value.rfm8.segments",
  profitGroup: "segments.profitGroups",
  loyalty: "segments.loyaltyClasses",
  ladder: "segments.ladderRungs",
};

/** A segment's name in the reader's language; a value the catalogue does not know shows as it came. */
export function segmentLabel(t: TFunction, scheme: SegmentScheme, segment: string): string {
  if (scheme === "decile") return t("segments.decile", { n: segment });
  return label(t, PREFIX[scheme], segment);
}

/** The order each scheme's segments are shown in (the server sorts them by name). */
export const SEGMENT_ORDER: Record<SegmentScheme, readonly string[]> = {
  tier: ["key", "secondary", "ordinary", "small"],
  decile: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
  type: ["transaction", "relationship"],
  profitGroup: ["top", "rising", "falling", "steady"],
  loyalty: ["loyal", "potential", "marginal", "churned"],
  ladder: ["potential", "new", "regular", "old", "loyal"],
  rfm: ["champions", "loyal", "potential_loyalists", "new", "promising", "need_attention", "about_to_sleep", "cannot_lose", "at_risk", "hibernating"],
  rfm8: [
    "important_value", "important_development", "important_retain", "important_winback", "general_value", "general_development", "general_retain", "general_winback",
  ],
};

/** Tag colours of the segments a customer is in (antd preset names). */
export const SEGMENT_COLOR: Partial<Record<SegmentScheme, Record<string, string>>> = {
  tier: { key: "gold", secondary: "orange", ordinary: "blue", small: "default" },
  loyalty: { loyal: "green", potential: "cyan", marginal: "default", churned: "red" },
  ladder: { potential: "default", new: "cyan", regular: "blue", old: "geekblue", loyal: "green" },
  profitGroup: { top: "gold", rising: "green", falling: "volcano", steady: "blue" },
  type: { transaction: "magenta", relationship: "purple" },
};
