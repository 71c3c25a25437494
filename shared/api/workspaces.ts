/** Bodies for organisations, workspaces (partnerships), members, invitations and boards. */
import { z } from "zod";
import { withoutBidiControls } from "../text/hygiene.js";
import { emailSchema, passwordSchema, personNameSchema } from "./auth.js";

export const ROLES = ["convener", "member", "observer"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ORGANIZATION_KINDS = ["municipality", "primary_care", "region", "civil_society", "other"] as const;

/** A name or title: bidirectional controls removed (shared/text/hygiene.ts), trimmed, within its cap. */
const title = (what: string, max: number) =>
  z
    .string()
    .transform(withoutBidiControls)
    .pipe(z.string().trim().min(1, `${what} is required.`).max(max, `${what} has at most ${max} characters.`));

export const createOrganizationBody = z.strictObject({
  name: title("A name", 200),
  kind: z.enum(ORGANIZATION_KINDS).default("other"),
});

export const createWorkspaceBody = z.strictObject({
  name: title("A name", 200),
  description: z.string().trim().max(2000, "A description has at most 2000 characters.").default(""),
  /** The creator's home organisation in the new partnership. */
  organizationId: z.uuid("Not a valid organisation id.").optional(),
});

export const patchWorkspaceBody = z
  .strictObject({
    name: title("A name", 200).optional(),
    description: z.string().trim().max(2000, "A description has at most 2000 characters.").optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Nothing to change.");

export const addMemberBody = z.strictObject({
  email: emailSchema,
  role: roleSchema,
  organizationId: z.uuid("Not a valid organisation id."),
});

export const patchMemberBody = z
  .strictObject({ role: roleSchema.optional(), organizationId: z.uuid("Not a valid organisation id.").optional() })
  .refine((body) => Object.keys(body).length > 0, "Nothing to change.");

/** A body with nothing in it: a step that needs no input (accept or decline an invitation). */
export const emptyBody = z.strictObject({});

/** Whom a person's open actions go to: a member's id, or null to leave them without an owner. */
export const handOverBody = z.strictObject({ to: z.uuid("Not a valid member id.").nullable() });

export const createInvitationBody = z.strictObject({
  email: emailSchema,
  role: roleSchema,
  organizationId: z.uuid("Not a valid organisation id."),
});

/** New accounts give a name and password; someone already signed in as the invited address sends `{}`. */
export const acceptInvitationBody = z.strictObject({
  name: personNameSchema.optional(),
  password: passwordSchema.optional(),
});

export const BOARD_KINDS = ["plan", "focus", "minutes", "followup", "roadmap"] as const;
export const boardKindSchema = z.enum(BOARD_KINDS);
export type BoardKind = z.infer<typeof boardKindSchema>;

export const createBoardBody = z
  .strictObject({
    kind: boardKindSchema,
    title: title("A title", 200),
    /** Minutes only: start from this earlier meeting's open action items and undecided agenda items. */
    carryOverFrom: z.uuid("Not a valid board id.").optional(),
  })
  .refine((body) => body.carryOverFrom === undefined || body.kind === "minutes", {
    path: ["carryOverFrom"],
    message: "Only minutes carry over from an earlier meeting.",
  });
export const patchBoardBody = z.strictObject({ title: title("A title", 200) });
