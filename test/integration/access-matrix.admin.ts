/** The access matrix's rows for instance administration (organisations, accounts, partnerships); spread into CASES. */
import { randomUUID } from "node:crypto";
import { uniqueEmail } from "../helpers/factories.js";
import type { Case } from "./access-matrix.cases.js";

/** Instance administration that others must not learn exists: 404, as for a partnership one is not in. */
const adminHidden = (status: number) => ({
  admin: status,
  convener: 404,
  member: 404,
  observer: 404,
  outsider: 404,
  anonymous: 401,
});

export function adminCases(): Record<string, Case> {
  return {
    "PATCH /api/organizations/:organizationId": {
      params: async (ctx) => ({ organizationId: ctx.orgId }),
      body: () => ({ name: `Org ${randomUUID()}`, active: true }),
      invalid: { name: "" },
      expect: adminHidden(200),
    },
    "GET /api/admin/organizations": { expect: adminHidden(200) },
    "GET /api/admin/partnerships": { expect: adminHidden(200) },
    "POST /api/admin/partnerships": {
      body: () => ({
        name: "Ny samverkan",
        organizations: [{ name: `Org ${randomUUID()}` }],
        convener: { email: uniqueEmail("sammankallande") },
      }),
      invalid: { name: "", organizations: [], convener: {} },
      expect: adminHidden(201),
    },
    "GET /api/users": {
      query: "?q=a",
      invalidQueries: [`?q=${"x".repeat(101)}`, "?other=1"],
      expect: adminHidden(200),
    },
    "PATCH /api/users/:userId": {
      params: async (ctx) => ({ userId: (await ctx.spare()).userId }),
      body: () => ({ active: true }),
      invalid: { active: "yes" },
      expect: adminHidden(200),
    },
  };
}
