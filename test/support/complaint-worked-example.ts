import type { ComplaintInput, OrderLineInput } from "../../src/domain/inputs.ts";

/** A sale (amount 10) or a return (−10) of one item, numbered by customer and day. */
export const buy = (customerRef: string, orderedAt: string, isReturn = false): OrderLineInput => ({
  customerRef, orderNo: `${customerRef}-${orderedAt}${isReturn ? "-R" : ""}`, orderedAt, quantity: isReturn ? "-1" : "1", amount: isReturn ? "-10" : "10", isReturn,
});
export const complaint = (customerRef: string, openedAt: string, status: ComplaintInput["status"], resolvedAt?: string, category?: string): ComplaintInput => ({
  customerRef, openedAt, status, resolvedAt, category, channel: "phone", externalRef: `${customerRef}-${openedAt}`,
});

/**
 * The worked example of docs/complaints.md (the same complainers as
 * src/analytics/complaints/complaints.test.ts), with their orders, and customers B1…B10
 * for the no-complaint group. The business's time zone is Asia/Shanghai.
 */
export const WORKED_LINES: OrderLineInput[] = [
  buy("8", "2023-07-20"), buy("8", "2023-08-05", true), buy("8", "2023-08-31"),
  buy("7", "2023-04-20"),
  buy("1", "2024-01-09"), buy("1", "2024-01-20"),
  buy("2", "2024-01-30"), buy("2", "2024-03-15"),
  buy("3", "2024-03-01"),
  buy("4", "2024-04-20"),
  buy("5", "2024-05-01"),
  buy("6", "2024-06-20"),
  buy("B1", "2023-06-01"), buy("B1", "2024-06-30"),
  buy("B2", "2023-05-31"),
  buy("B3", "2024-05-31"),
  buy("B4", "2022-03-01"), buy("B4", "2024-06-01"),
  buy("B5", "2024-05-10"), buy("B5", "2024-06-15"),
  buy("B6", "2024-01-01"), buy("B6", "2024-06-10", true),
  buy("B7", "2024-06-10"), buy("B7", "2024-06-20"), buy("B7", "2024-06-28"),
  buy("B8", "2024-06-10"), buy("B8", "2024-06-28"),
  buy("B9", "2024-03-01"), buy("B9", "2024-06-20"),
  buy("B10", "2024-03-01"), buy("B10", "2024-06-20"),
];
export const WORKED_COMPLAINTS: ComplaintInput[] = [
  complaint("7", "2023-05-01T09:00:00", "resolved", "2023-05-02T09:00:00", "quality"),
  complaint("8", "2023-08-01T09:00:00", "resolved", undefined, "quality"),
  complaint("8", "2023-09-01T09:00:00", "open", undefined, "delivery"),
  complaint("7", "2024-01-05T09:00:00", "open"),
  complaint("1", "2024-01-10T09:00:00", "resolved", "2024-01-15T18:00:00", "quality"),
  complaint("2", "2024-02-01T09:00:00", "resolved", "2024-02-11T09:00:00", "quality"),
  complaint("3", "2024-03-01T10:00:00", "open", undefined, "delivery"),
  complaint("4", "2024-04-01T09:00:00", "closed", "2024-04-03T09:00:00", "quality"),
  complaint("5", "2024-04-10T09:00:00", "resolved", "2024-05-20T09:00:00", "delivery"),
  complaint("6", "2024-06-15T09:00:00", "resolved", "2024-06-16T09:00:00"),
  complaint("B9", "2022-01-01T09:00:00", "open"),
  // 17:00 UTC on the 25th is 01:00 on the 26th in Shanghai: after an as-of date of the 25th.
  complaint("B10", "2024-06-25T17:00:00Z", "open"),
];
