import type { Transaction } from "kysely";
import type { OrderLineInput } from "../../domain/inputs.ts";
import { resolveCustomers, sourceIsEmpty, type CustomerHint } from "../../store/customers.repository.ts";
import { writeOrderLines, type OrderWriteContext, type PreparedLine } from "../../store/orders.repository.ts";
import type { Database } from "../../store/schema.ts";
import type { FxTable } from "../../store/settings.repository.ts";
import { decNegate } from "../../domain/decimal.ts";
import { RowIdentities } from "./row-identity.ts";
import { detach, type Sink, type SinkContext, type SinkCounts } from "./sink.ts";
import { ZONED } from "./upsert-counts.ts";

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
  /** slot: the order's slot, -1 for a line that is its own order (no order number). */
  #buffer: Array<{ input: OrderLineInput; orderNo: string; lineNo: number; fx: string; currency: string; slot: number }> = [];
  #customers = new Map<string, number>();
  /**
   * What the run knows of each order number, kept compact because a file may hold millions:
   * a slot per order, with its owner (an index into #refs), its next free line number, and
   * the explicit line numbers seen (a bitmask for 1–31, a set beyond).
   */
  #orderSlots = new Map<string, number>();
  #owner = new Int32Array(1 << 12);
  #next = new Int32Array(1 << 12);
  #seenLines = new Int32Array(1 << 12);
  #highLines = new Map<number, Set<number>>();
  /** The id (0 while unknown) and date of each order this run created, by slot: their later lines need no look-up. */
  #orderIds = new Float64Array(1 << 12);
  #orderDates: string[] = [];
  /** Customers this run created. */
  #newCustomers = new Set<number>();
  #refIndex = new Map<string, number>();
  #refs: string[] = [];
  #contentKeys = new RowIdentities();
  /** The source had no customers when this run began: every one it has is in #customers. */
  #firstOfSource: boolean | undefined;
  #products: OrderWriteContext["products"] = new Map();

  constructor(
    private readonly ctx: SinkContext,
    private readonly fx: FxTable,
  ) {}

  get pending(): number {
    return this.#buffer.length;
  }

  add(input: OrderLineInput): string | null {
    if (input.amount === undefined && input.unitPrice === undefined) return "no amount or unit price";
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
    let slot = -1;
    if (input.orderNo) {
      orderNo = input.orderNo;
      const owner = this.#refSlot(input.customerRef);
      const known = this.#orderSlots.get(orderNo);
      if (known === undefined) {
        slot = this.#newOrderSlot(owner);
        this.#orderSlots.set(detach(orderNo), slot);
      } else {
        slot = known;
      }
      if (this.#owner[slot] !== owner) {
        return `order ${orderNo} belongs to customer ${this.#refs[this.#owner[slot]!]} earlier in this file, not ${input.customerRef}`;
      }
      if (input.lineNo !== undefined) {
        if (this.#lineSeen(slot, input.lineNo)) return `line ${input.lineNo} of order ${orderNo} appears twice`;
        lineNo = input.lineNo;
      } else {
        lineNo = this.#next[slot]!;
        this.#lineSeen(slot, lineNo);
      }
      this.#next[slot] = Math.max(this.#next[slot]!, lineNo) + 1;
    } else {
      orderNo = this.#contentKeys.fromContent([input.customerRef, input.orderedAt, input.sku, input.description, input.quantity,
        input.unitPrice, input.amount, input.discount, currency, input.isReturn]);
      lineNo = 1;
    }
    this.#buffer.push({ input, orderNo, lineNo, fx, currency, slot });
    return null;
  }

  #refSlot(ref: string): number {
    let i = this.#refIndex.get(ref);
    if (i === undefined) {
      const kept = detach(ref);
      i = this.#refs.push(kept) - 1;
      this.#refIndex.set(kept, i);
    }
    return i;
  }

  #newOrderSlot(owner: number): number {
    const slot = this.#orderSlots.size;
    if (slot === this.#owner.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      this.#owner = grow(this.#owner);
      this.#next = grow(this.#next);
      this.#seenLines = grow(this.#seenLines);
      this.#orderIds = grow(this.#orderIds);
    }
    this.#owner[slot] = owner;
    this.#next[slot] = 1;
    return slot;
  }

  /** Records an explicit line number of an order; true when it was seen before. */
  #lineSeen(slot: number, lineNo: number): boolean {
    if (lineNo >= 1 && lineNo <= 31) {
      const bit = 1 << (lineNo - 1);
      if (this.#seenLines[slot]! & bit) return true;
      this.#seenLines[slot]! |= bit;
      return false;
    }
    let high = this.#highLines.get(slot);
    if (!high) this.#highLines.set(slot, (high = new Set()));
    if (high.has(lineNo)) return true;
    high.add(lineNo);
    return false;
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
    this.#firstOfSource ??= await sourceIsEmpty(trx, this.ctx.source);
    const { created, createdIds } = await resolveCustomers(trx, this.ctx.source, hints, this.#customers, this.ctx.reason, this.#firstOfSource);
    this.counts.customersCreated += created;
    for (const id of createdIds) this.#newCustomers.add(id);

    const prepared: PreparedLine[] = batch.map(({ input, orderNo, lineNo, fx, currency, slot }) => {
      const isReturn = input.isReturn === true || input.quantity.startsWith("-");
      const quantity = isReturn && !input.quantity.startsWith("-") ? decNegate(input.quantity) : input.quantity;
      const amount = input.amount !== undefined && isReturn && !input.amount.startsWith("-") ? decNegate(input.amount) : input.amount;
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
        order: slot >= 0 && this.#orderIds[slot]! > 0 ? { orderId: this.#orderIds[slot]!, orderDate: this.#orderDates[slot]!, newThisRun: true } : undefined,
      };
    });
    const { landed, updated, orders } = await writeOrderLines(trx, prepared, {
      importId: this.ctx.importId,
      timezone: this.ctx.settings.timezone,
      products: this.#products,
      newCustomers: this.#newCustomers,
    });
    batch.forEach(({ slot }, i) => {
      const order = orders[i]!;
      if (slot >= 0 && order.newThisRun && this.#orderIds[slot] === 0) {
        this.#orderIds[slot] = order.orderId;
        this.#orderDates[slot] = order.orderDate;
      }
    });
    if (landed + updated > 0) for (const l of prepared) this.touched.add(l.customerId);
    this.counts.landed += landed;
    this.counts.updated += updated;
    this.counts.unchanged += prepared.length - landed - updated;
  }
}
