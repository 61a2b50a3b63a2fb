import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordChange } from "../../audit/audit.repository.ts";
import { eraseCustomer, exportCustomerData } from "../../archive/privacy.service.ts";
import { inTransaction } from "../../store/transaction.ts";
import { actorOf } from "../auth.ts";
import { IdParams } from "../schemas.ts";

/** Personal-data requests (PIPL art. 45 and 47, GDPR art. 15 and 17): access and erasure, both audited. */
export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["personal data"];

  app.get("/customers/:id/personal-data", {
    config: { permission: "customers:privacy" },
    schema: { tags, summary: "Everything held about one customer, as one JSON document", params: IdParams },
  }, async (req, reply) => {
    const data = await exportCustomerData(db, req.params.id);
    await recordChange(db, actorOf(req), { action: "customer.personal_data_exported", entityType: "customer", entityId: req.params.id, customerId: req.params.id });
    return reply.header("content-disposition", `attachment; filename="customer-${req.params.id}-personal-data.json"`).send(data);
  });

  app.post("/customers/:id/erase", {
    config: { permission: "customers:privacy" },
    schema: {
      tags, summary: "Erase a customer's personal data; orders stay, anonymous, so totals stay right",
      params: IdParams,
      body: z.object({ confirm: z.literal("ERASE", { message: 'type ERASE to confirm: erasure cannot be undone' }) }),
    },
  }, async (req) => inTransaction(db, async (trx) => eraseCustomer(trx, req.params.id, actorOf(req))));
};
