import { createHash } from "node:crypto";
import { detach } from "../../domain/strings.ts";

/**
 * Stable identities for the rows of one run, so that importing a file again changes
 * nothing. A row with its own reference keeps it (a second row with the same one is
 * refused); a row without is named by a hash of its content and its occurrence, so two
 * identical rows stay two rows, once each.
 */
export class RowIdentities {
  #seen = new Map<string, number>();

  /** The key of a row without its own reference: `~hash.occurrence`. */
  fromContent(parts: ReadonlyArray<string | boolean | undefined | null>): string {
    const digest = createHash("sha1").update(parts.join("\u0001")).digest("base64url").slice(0, 16);
    const n = (this.#seen.get(digest) ?? 0) + 1;
    this.#seen.set(digest, n);
    return `~${digest}.${n}`;
  }

  /** Claims a row's own reference; false when an earlier row of the run claimed it. */
  claim(ref: string): boolean {
    if (this.#seen.has(ref)) return false;
    this.#seen.set(detach(ref), 1);
    return true;
  }
}
