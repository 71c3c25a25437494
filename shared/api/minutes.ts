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

export const MINUTES_STATES = ["draft", "closed", "approved", "sealed"] as const;
export type MinutesState = (typeof MINUTES_STATES)[number];
/** From closed on, nobody changes the minutes. */
export const isLockedState = (state: MinutesState) => state !== "draft";

export type ArtefactKind = (typeof ARTEFACT_KINDS)[number];

/** `GET /api/boards/:id/minutes` (and every approval step): where the minutes are, and what the caller may do. */
export interface MinutesApproval {
  state: MinutesState;
  closedAt: string | null;
  closedBy: { id: string; name: string } | null;
  /** Who must approve: as named when the meeting was closed, or as named in the draft now. */
  approverIds: string[];
  approvals: { userId: string; name: string; approvedAt: string }[];
  /** When the meeting starts, as the minutes say: close, approve and seal wait until it has been held (409 meeting_not_held). */
  meetingStartsAt: string | null;
  /** False while the meeting has not started yet. */
  meetingHeld: boolean;
  canClose: boolean;
  canReopen: boolean;
  canApprove: boolean;
  canSeal: boolean;
  sealed: {
    sequence: number;
    sealedAt: string;
    registrationNumber: string | null;
    sha256: Record<ArtefactKind, string>;
    previousSha256: string | null;
  } | null;
  /** These minutes correct earlier sealed ones (an addendum). */
  addendumTo: { boardId: string; title: string } | null;
  /** Addenda written to these sealed minutes. */
  addenda: { boardId: string; title: string }[];
  canWriteAddendum: boolean;
}

/** `POST /api/workspaces/:id/minutes/verify`: is the file one of the partnership's sealed documents? */
export interface Verification {
  match: boolean;
  artefact?: ArtefactKind;
  boardId?: string;
  title?: string;
  sequence?: number;
  sealedAt?: string;
  /** The stored record still hashes to what was sealed, and its link to the previous one holds. */
  recordIntact?: boolean;
}
