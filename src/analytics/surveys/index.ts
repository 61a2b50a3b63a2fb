/** Survey analytics: CSAT, NPS, the satisfaction index, Kano, loyalty (docs/surveys.md). */
export * from "./csat.ts";
export * from "./kano.ts";
export * from "./loyalty.ts";
export * from "./nps.ts";
export * from "./period.ts";
export * from "./satisfaction-index.ts";
