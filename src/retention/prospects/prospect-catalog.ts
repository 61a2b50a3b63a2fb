/**
 * The closed lists a prospect is described with (DOMAIN §8, seed 002): where the lead came
 * from, the buying signals that show a prospect is close to being persuaded, and the customer
 * types a rep adapts the persuasion to. Keys are stored; labels and guidance live in the
 * web app's locale files.
 */

/** 寻找客户的方法: door-to-door, meetings, clubs, introductions, directories, phone, letters and SMS, the web, competitors' customers. */
export const LEAD_SOURCES = ["referral", "event", "club", "directory", "door_to_door", "phone", "mail", "web", "competitor", "other"] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

/** 表示客户就要被说服的信号, signals 1–6 of the seed, in its order. */
export const BUYING_SIGNALS = [
  /** Listens closely to the terms and compares them with a competitor's. */
  "compares_terms",
  /** Complains about a competing brand they use. */
  "complains_about_other_brand",
  /** Asks for a lower price, on one ground or another. */
  "asks_for_discount",
  /** Asks for the details: content, precautions, after-sale service. */
  "asks_for_details",
  /** Introduces the rep to a department head or the general manager. */
  "introduces_to_manager",
  /** Receives the rep noticeably more warmly, and at a higher level. */
  "warmer_reception",
] as const;
export type BuyingSignal = (typeof BUYING_SIGNALS)[number];

/** 不同客户类型: the ten customer types of the seed, each with its own persuasion strategy. */
export const PERSUASION_TYPES = [
  "rational", "impulsive", "stubborn", "combative", "indecisive", "self_admiring", "domineering", "suspicious", "taciturn", "haggler",
] as const;
export type PersuasionType = (typeof PERSUASION_TYPES)[number];

/** The states of a prospect (潜在客户, 目标客户). */
export const PROSPECT_STATES = ["potential", "target"] as const;
export type ProspectState = (typeof PROSPECT_STATES)[number];

/** Readiness: the share of the seed's buying signals seen, 0..1. */
export const readinessOf = (signals: readonly string[]): number => new Set(signals).size / BUYING_SIGNALS.length;
