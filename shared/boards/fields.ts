/** Value schemas shared by the board kinds: ids, dates, ranks, enums, capped text. */
import { z } from "zod";

/** Ids of items inside a board are made by the client (crypto.randomUUID or nanoid). */
export const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const itemIdSchema = z.string().regex(ITEM_ID, "Not a valid item id.");

export const text = (max: number) => z.string().max(max, `At most ${max} characters.`);
export const requiredText = (max: number) =>
  z.string().trim().min(1, "Required.").max(max, `At most ${max} characters.`);

/** A fractional index (fractional-indexing's base-62 keys): the item's place in its list. */
export const rankSchema = z.string().regex(/^[0-9A-Za-z]{1,256}$/, "Not a valid rank.");

/** A calendar date, YYYY-MM-DD, that exists. */
export const dateSchema = z.iso.date("Not a valid date (YYYY-MM-DD).");
/** A point in time with its offset, e.g. 2026-03-12T13:00:00+01:00. */
export const dateTimeSchema = z.iso.datetime({ offset: true, message: "Not a valid date and time." });

export const userIdSchema = z.uuid("Not a valid user id.");
export const organizationIdSchema = z.uuid("Not a valid organisation id.");
export const boardIdSchema = z.uuid("Not a valid board id.");

import { PERSPECTIVES, type Perspective } from "./vocabulary.js";

export { PERSPECTIVES, type Perspective };
export const perspectivesSchema = z
  .array(z.enum(PERSPECTIVES))
  .max(PERSPECTIVES.length)
  .refine((list) => new Set(list).size === list.length, "A perspective is listed twice.");

export const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
