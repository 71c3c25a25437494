/** What a client may put in its awareness state; the server strips everything else and sets `user` itself. */
import { z } from "zod";

export const presenceUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  organization: z.string().nullable(),
  /** A display colour for cursors, chosen by the client. */
  color: z.string(),
});
export type PresenceUser = z.infer<typeof presenceUserSchema>;

/** Fields a client controls. `cursor` is y-prosemirror's relative-position pair; others are small UI hints. */
export const clientPresenceSchema = z.object({
  user: z
    .object({
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .optional(),
    })
    .optional(),
  cursor: z.object({ anchor: z.unknown(), head: z.unknown() }).nullable().optional(),
  /** The card or section the person has open, e.g. for "Eva is editing this card". */
  focus: z.string().max(200).nullable().optional(),
});
