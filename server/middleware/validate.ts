/**
 * Reads and validates a JSON body or the query string against a shared zod schema: malformed
 * JSON, wrong shape, extra fields, text that cannot be stored (NUL, lone surrogates) or a
 * personal identity number → 400 naming the field.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { findUnstorableText } from "../../shared/text/hygiene.js";
import { findIdentityNumberIn } from "../../shared/text/identity-numbers.js";
import { AppError, badRequest, IdentityNumberRefused } from "../errors.js";

/** Fields that are never stored as text (a password is hashed): an identity number in one is not stored. */
const NEVER_STORED = new Set(["password"]);

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const contentType = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== undefined && contentType !== "application/json")
    throw new AppError(
      415,
      "unsupported_media_type",
      "Send the request body as JSON (Content-Type: application/json).",
    );
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw badRequest("invalid_json", "The request body is not valid JSON.");
  }
  return validated(schema, raw, "request body");
}

/** The query string, validated; a parameter given twice counts as its last value. */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return validated(schema, c.req.query(), "query");
}

function validated<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  // Before the schema, for every field alike: text that could never be stored (shared/text/hygiene.ts).
  const unstorable = findUnstorableText(raw);
  if (unstorable) {
    throw badRequest("validation_failed", `Invalid request: ${unstorable.path}: ${unstorable.reason}`, {
      fields: { [unstorable.path]: unstorable.reason },
    });
  }
  // Patient identities never reach storage, logs or search (shared/text/identity-numbers.ts).
  const identity = findIdentityNumberIn(raw, NEVER_STORED);
  if (identity) throw new IdentityNumberRefused(identity.path, identity.kind);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys)
          fields[[...issue.path, key].join(".")] = `Unknown ${what === "query" ? "parameter" : "field"}.`;
      } else {
        fields[issue.path.join(".") || "(body)"] ??= issue.message;
      }
    }
    const first = Object.entries(fields)[0];
    const summary = first ? `${first[0]}: ${first[1]}` : `The ${what} is invalid.`;
    throw badRequest("validation_failed", `Invalid request: ${summary}`, { fields });
  }
  return parsed.data;
}
