/** Request bodies and queries of the minutes approval, archive and calendar endpoints. */
import { z } from "zod";

export const nextNumberQuery = z.strictObject({
  year: z.coerce
    .number("Year must be a number.")
    .int()
    .min(2000, "Year must be 2000 or later.")
    .max(2200, "Year must be 2200 or earlier."),
  /** The meeting asking: its own numbers do not count. */
  board: z.uuid("Not a valid board id.").optional(),
});

export const registrationNumberBody = z.strictObject({
  /** Diarienummer, e.g. "KS 2026/123"; null or "" clears it. */
  registrationNumber: z
    .string()
    .trim()
    .max(100, "A registration number has at most 100 characters.")
    .nullable()
    .transform((v) => (v === "" ? null : v)),
});

/** Files up to 20 MiB, sent raw (Content-Type: application/octet-stream). */
export const VERIFY_MAX_BYTES = 20 * 1024 * 1024;

export const ARTEFACT_KINDS = ["json", "pdf", "markdown"] as const;
