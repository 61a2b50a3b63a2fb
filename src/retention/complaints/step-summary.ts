import { liveProposal, type ComplaintCase, type RecoveryEvent } from "../../domain/complaints/recovery.ts";
import { sumMoney } from "../../domain/complaints/money.ts";

/**
 * A short English line for a recovery event, as the customer timeline shows it ("step 3: fix
 * proposed (150.00, awaiting approval)"), read off the event and the case it produced.
 */
export function stepSummary(e: RecoveryEvent, after: ComplaintCase): string {
  switch (e.type) {
    case "opened": return `opened (${e.channel})`;
    case "apologised": return "step 1: apologised and acknowledged";
    case "heard": return `step 2: heard the customer (${e.openQuestions.length} open question${e.openQuestions.length === 1 ? "" : "s"})`;
    case "fix_proposed": return `step 3: fix proposed (${e.compensation}, ${after.status === "awaiting_approval" ? "awaiting approval" : "agreed"})`;
    case "fix_approved": return `step 3: fix approved (${liveProposal(after)?.compensation ?? "?"})`;
    case "fix_rejected": return "step 3: fix rejected by the approver";
    case "compensation_given": return `step 4: compensation given (${sumMoney(e.items.map((i) => i.cost))})`;
    case "promise_made": return `step 5: promise made (due ${e.dueAt})`;
    case "promise_kept": return "step 5: promise kept";
    case "promise_broken": return "step 5: promise broken (reopened)";
    case "followed_up": {
      const outcome = { satisfied: "satisfied, resolved", not_satisfied: "not satisfied, reopened", unreachable: "customer unreachable" }[e.outcome];
      return `step 6: followed up (${outcome})`;
    }
    case "withdrawn": return "closed: withdrawn by the customer";
    case "rejected": return `closed: rejected (${e.ground})`;
    case "paused": return "paused: waiting for the customer";
    case "resumed": return "resumed: the customer came back";
    case "root_cause_set": return `root cause: ${e.rootCause}`;
  }
}
