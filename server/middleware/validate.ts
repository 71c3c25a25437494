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
    const issues: FieldIssue[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const field = [...issue.path, key].join(".");
          fields[field] = `Unknown ${what === "query" ? "parameter" : "field"}.`;
          issues.push({ field, code: "unrecognized_key" });
        }
      } else {
        const field = issue.path.join(".") || "(body)";
        if (field in fields) continue;
        fields[field] = issue.message;
        issues.push(fieldIssue(field, issue));
      }
    }
    const first = Object.entries(fields)[0];
    const summary = first ? `${first[0]}: ${first[1]}` : `The ${what} is invalid.`;
    throw badRequest("validation_failed", `Invalid request: ${summary}`, { fields, issues });
  }
  return parsed.data;
}

/**
 * One field's problem in words a client can put in its own language: the field, zod's issue code
 * and the limit that was crossed (clients show "Lösenord: minst 8 tecken." rather than our English).
 */
export interface FieldIssue {
  field: string;
  code: string;
  minimum?: number;
  maximum?: number;
  /** What was measured: "string" (characters), "number", "array" (items), "date"… */
  origin?: string;
  /** For a malformed value: "email", "regex", "datetime", "date", "uuid"… */
  format?: string;
}

function fieldIssue(field: string, issue: z.core.$ZodIssue): FieldIssue {
  const out: FieldIssue = { field, code: issue.code };
  if (issue.code === "too_small" || issue.code === "too_big") {
    const limit = issue.code === "too_small" ? issue.minimum : issue.maximum;
    if (typeof limit === "number") out[issue.code === "too_small" ? "minimum" : "maximum"] = limit;
    out.origin = issue.origin;
  }
  if (issue.code === "invalid_format") out.format = issue.format;
  return out;
}
