/** Reads and validates a JSON body against a shared zod schema: malformed JSON, wrong shape or extra fields → 400. */
import type { Context } from "hono";
import type { z } from "zod";
import { badRequest } from "../errors.js";

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw badRequest("invalid_json", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) fields[[...issue.path, key].join(".")] = "Unknown field.";
      } else {
        fields[issue.path.join(".") || "(body)"] ??= issue.message;
      }
    }
    const first = Object.entries(fields)[0];
    const summary = first ? `${first[0]}: ${first[1]}` : "The request body is invalid.";
    throw badRequest("validation_failed", `Invalid request: ${summary}`, { fields });
  }
  return parsed.data;
}
