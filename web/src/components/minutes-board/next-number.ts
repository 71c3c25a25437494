/**
 * The § number for a new agenda item: numbering runs on across the partnership's meetings within
 * a calendar year, so the server is asked for the next free number of the meeting's year; within
 * this document the number is also past every number already used here (the server reads
 * projections, which trail the live document by a moment).
 */
import { get } from "../../api/client.js";

export async function nextNumber(
  at: { workspaceId: string; boardId: string; year: number },
  usedHere: (number | null)[],
): Promise<number> {
  const afterHere = Math.max(0, ...usedHere.filter((n): n is number => n !== null)) + 1;
  try {
    const { next } = await get<{ next: unknown }>(
      `/api/workspaces/${encodeURIComponent(at.workspaceId)}/minutes/next-number?${new URLSearchParams({
        year: String(at.year),
        // This meeting's own numbers are counted here, from the live document.
        board: at.boardId,
      })}`,
    );
    if (typeof next === "number" && Number.isInteger(next) && next >= 1) return Math.max(next, afterHere);
  } catch {
    // Offline, or a server without the numbering service: this document's own numbers decide.
  }
  return afterHere;
}
