import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { OrderLineInput } from "../../domain/inputs.ts";
import { resolveCustomers, type CustomerHint } from "../../store/customers.repository.ts";
import { writeOrderLines, type OrderWriteContext, type PreparedLine } from "../../store/orders.repository.ts";
import type { Database } from "../../store/schema.ts";
import type { FxTable } from "../../store/settings.repository.ts";
import { negate, type Sink, type SinkContext, type SinkCounts } from "./sink.ts";

const ZONED = /(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Turns validated order lines into store rows. It gives every line a stable identity:
 * (order number, line number) when the file has them; otherwise the line number is its
 * occurrence within the order in the file, and a file without order numbers makes each
 * line its own order, named by a hash of its content and its occurrence. Re-reading the
 * same file therefore yields the same identities, so a re-import changes nothing.
 */
export class OrderSink implements Sink<OrderLineInput> {
  readonly counts: SinkCounts = { landed: 0, updated: 0, unchanged: 0, customersCreated: 0 };
  readonly touched = new Set<number>();
  #buffer: Array<{ input: OrderLineInput; orderNo: string; lineNo: number; fx: string; currency: string }> = [];
  #customers = new Map<string, number>();
  /** Order number → the customer that owns it in this file and the next free line number. */
  #orders = new Map<string, { ref: string; next: number; explicit?: Set<number> }>();
  #contentSeen = new Map<string, number>();
  #products: OrderWriteContext["products"] = new Map();

  constructor(
    private readonly ctx: SinkContext,
    private readonly fx: FxTable,
  ) {}

  get pending(): number {
    return this.#buffer.length;
  }

  add(input: OrderLineInput): string | null {
    const currency = input.currency ?? this.ctx.settings.baseCurrency;
    let fx = "1";
    if (currency !== this.ctx.settings.baseCurrency) {
      const rate = this.fx.rateOn(currency, input.orderedAt.slice(0, 10));
      if (!rate) {
        return `no exchange rate for ${currency} on or before ${input.orderedAt.slice(0, 10)} (add one: retain fx set ${currency} ${input.orderedAt.slice(0, 10)} RATE)`;
      }
      fx = rate;
    }
    let orderNo: string;
    let lineNo: number;
    if (input.orderNo) {
      orderNo = input.orderNo;
      let order = this.#orders.get(orderNo);
      if (!order) {
        order = { ref: input.customerRef, next: 1 };
        this.#orders.set(orderNo, order);
      } else if (order.ref !== input.customerRef) {
        return `order ${orderNo} belongs to customer ${order.ref} earlier in this file, not ${input.customerRef}`;
      }
      if (input.lineNo !== undefined) {
        order.explicit ??= new Set();
        if (order.explicit.has(input.lineNo)) return `line ${input.lineNo} of order ${orderNo} appears twice`;
        order.explicit.add(input.lineNo);
        lineNo = input.lineNo;
      } else {
        lineNo = order.next;
      }
      order.next = Math.max(order.next, lineNo) + 1;
    } else {
      const digest = createHash("sha1")
        .update([input.customerRef, input.orderedAt, input.sku, input.description, input.quantity, input.unitPrice,
          input.amount, input.discount, currency, input.isReturn].join("\u0001"))
        .digest("base64url")
        .slice(0, 16);
      const seen = (this.#contentSeen.get(digest) ?? 0) + 1;
      this.#contentSeen.set(digest, seen);
      orderNo = `~${digest}.${seen}`;
      lineNo = 1;
    }
    this.#buffer.push({ input, orderNo, lineNo, fx, currency });
    return null;
  }

  async flush(trx: Transaction<Database>): Promise<void> {
    if (this.#buffer.length === 0) return;
    const batch = this.#buffer;
    this.#buffer = [];
    const hints = new Map<string, CustomerHint>();
    for (const { input } of batch) {
      if (!this.#customers.has(input.customerRef) && !hints.has(input.customerRef)) {
        hints.set(input.customerRef, {
          name: input.customerName,
          email: input.customerEmail,
          phone: input.customerPhone,
          kind: input.customerKind,
        });
      }
    }
    const { created } = await resolveCustomers(trx, this.ctx.source, hints, this.#customers, this.ctx.reason);
    this.counts.customersCreated += created;

    const prepared: PreparedLine[] = batch.map(({ input, orderNo, lineNo, fx, currency }) => {
      const isReturn = input.isReturn === true || input.quantity.startsWith("-");
      const quantity = isReturn && !input.quantity.startsWith("-") ? negate(input.quantity) : input.quantity;
      const amount = input.amount !== undefined && isReturn && !input.amount.startsWith("-") ? negate(input.amount) : input.amount;
      return {
        customerId: this.#customers.get(input.customerRef)!,
        orderNo,
        lineNo,
        orderedAt: input.orderedAt,
        zoned: ZONED.test(input.orderedAt),
        sku: input.sku ?? null,
        description: input.description ?? null,
        category: input.category ?? null,
        quantity,
        unitPrice: input.unitPrice ?? null,
        amount: amount ?? null,
        discount: input.discount ?? "0",
        unitCost: input.unitCost ?? null,
        currency,
        fxRate: fx,
        channel: input.channel ?? null,
        status: input.status ?? null,
        isReturn,
      };
    });
    const { landed, updated } = await writeOrderLines(trx, prepared, {
      importId: this.ctx.importId,
      timezone: this.ctx.settings.timezone,
      products: this.#products,
    });
    if (landed + updated > 0) for (const l of prepared) this.touched.add(l.customerId);
    this.counts.landed += landed;
    this.counts.updated += updated;
    this.counts.unchanged += prepared.length - landed - updated;
  }
}
