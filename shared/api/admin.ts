/** Bodies and queries of instance administration: organisations, accounts and partnerships. */
import { z } from "zod";
import { withoutBidiControls } from "../text/hygiene.js";
import { emailSchema } from "./auth.js";
import { ORGANIZATION_KINDS } from "./workspaces.js";

const name = z
  .string()
  .transform(withoutBidiControls)
  .pipe(z.string().trim().min(1, "A name is required.").max(200, "A name has at most 200 characters."));

export const patchOrganizationBody = z
  .strictObject({ name: name.optional(), active: z.boolean().optional() })
  .refine((body) => body.name !== undefined || body.active !== undefined, "Nothing to change.");

/** The admin's list of accounts: an optional search in names and e-mail addresses. */
export const USER_QUERY_MAX = 100;
/** The most accounts one answer lists; a search narrows it down. */
export const USER_LIST_LIMIT = 200;
export const usersQuery = z.strictObject({
  q: z.string().trim().max(USER_QUERY_MAX, `A search has at most ${USER_QUERY_MAX} characters.`).optional(),
});

/** An organisation of a new partnership: an existing one by id, or a new one by name. */
const partnershipOrganization = z.union([
  z.strictObject({ id: z.uuid("Not a valid organisation id.") }),
  z.strictObject({ name, kind: z.enum(ORGANIZATION_KINDS).default("other") }),
]);

export const MAX_PARTNERSHIP_ORGANIZATIONS = 20;

export const createPartnershipBody = z
  .strictObject({
    name,
    description: z.string().trim().max(2000, "A description has at most 2000 characters.").default(""),
    organizations: z
      .array(partnershipOrganization)
      .min(1, "A partnership needs at least one organisation.")
      .max(MAX_PARTNERSHIP_ORGANIZATIONS, `At most ${MAX_PARTNERSHIP_ORGANIZATIONS} organisations.`),
    /** The first convener: an existing account, or an address that gets an invitation as convener. */
    convener: z.union([
      z.strictObject({ userId: z.uuid("Not a valid user id.") }),
      z.strictObject({ email: emailSchema }),
    ]),
    /** The convener's home organisation: an index into `organizations`. */
    convenerOrganization: z.number().int().min(0).default(0),
  })
  .refine((body) => body.convenerOrganization < body.organizations.length, {
    path: ["convenerOrganization"],
    message: "Choose one of the partnership's organisations.",
  });
export type CreatePartnershipBody = z.input<typeof createPartnershipBody>;
