import type { FastifyPluginAsync } from "fastify";
import { adminRoutes } from "./admin.routes.ts";
import { authRoutes } from "./auth.routes.ts";
import { customerExportRoutes } from "./customer-export.routes.ts";
import { customerRecordRoutes } from "./customer-records.routes.ts";
import { customerRoutes } from "./customers.routes.ts";
import { importRoutes } from "./imports.routes.ts";
import { membershipRoutes } from "./membership.routes.ts";
import { modelRoutes } from "./models.routes.ts";
import { patternRoutes } from "./patterns.routes.ts";
import { privacyRoutes } from "./privacy.routes.ts";
import { reportRoutes } from "./reports.routes.ts";
import { rfm8Routes } from "./rfm8.routes.ts";
import { retentionReportRoutes } from "./retention-reports.routes.ts";
import { segmentRoutes } from "./segments.routes.ts";
import { userRoutes } from "./users.routes.ts";
import { viewRoutes } from "./views.routes.ts";
import { webhookRoutes } from "./webhooks.routes.ts";

/** Every API route, under /api. A new feature adds its plugin here. */
export const registerRoutes: FastifyPluginAsync<{ secureCookies: boolean }> = async (app, opts) => {
  await app.register(authRoutes, { secureCookies: opts.secureCookies });
  await app.register(userRoutes);
  await app.register(customerRoutes);
  await app.register(customerExportRoutes);
  await app.register(customerRecordRoutes);
  await app.register(viewRoutes);
  await app.register(importRoutes);
  await app.register(privacyRoutes);
  await app.register(webhookRoutes);
  await app.register(adminRoutes);
  await app.register(reportRoutes);
  await app.register(rfm8Routes);
  await app.register(retentionReportRoutes);
  await app.register(segmentRoutes);
  await app.register(patternRoutes);
  await app.register(modelRoutes);
  await app.register(membershipRoutes);
};
