/** Request and response bodies for sign-in, setup and the current user. */
import { z } from "zod";
import { withoutBidiControls } from "../text/hygiene.js";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string()
  .trim()
  .max(254, "An e-mail address has at most 254 characters.")
  .pipe(z.email("Not a valid e-mail address."))
  .transform((value) => value.toLowerCase());

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `A password has at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`);

/** A person's name: bidirectional controls removed (shared/text/hygiene.ts), trimmed, 1–200 characters. */
export const personNameSchema = z
  .string()
  .transform(withoutBidiControls)
  .pipe(z.string().trim().min(1, "A name is required.").max(200, "A name has at most 200 characters."));

export const setupBody = z.strictObject({ email: emailSchema, name: personNameSchema, password: passwordSchema });

/** Sign-in accepts any password length up to a cap, so an old short password still gets the ordinary answer. */
export const loginBody = z.strictObject({
  email: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .transform((value) => value.toLowerCase()),
  password: z.string().min(1).max(PASSWORD_MAX),
});

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const userAdminSchema = userSchema.extend({ active: z.boolean(), createdAt: z.string() });
export type UserAdmin = z.infer<typeof userAdminSchema>;

export const patchUserBody = z.strictObject({ active: z.boolean() });
