/**
 * A board's content outside the service: as plain JSON (rich text as blocks, no Yjs) and as
 * Markdown in Swedish, for the partnership's data export. Pure: the caller reads the document
 * (services.projections.copyOf) and the names of the people, organisations and boards it names.
 */
import * as Y from "yjs";
import { readFocus } from "../../shared/boards/focus.js";
import { readFollowup } from "../../shared/boards/followup.js";
import { readMinutes } from "../../shared/boards/minutes.js";
import { readPlan } from "../../shared/boards/plan.js";
import { readRoadmap } from "../../shared/boards/roadmap.js";
import type { NoteBlock } from "../../shared/minutes/record.js";
import { buildRecord, noteBlocks } from "../minutes/build-record.js";
import { escapeMarkdown, formatInstant, renderMarkdown } from "../minutes/render-markdown.js";
import { actionComments, commentPeople, commentsJson, goalComments } from "./comments-text.js";
import { roadmapBoardIds, roadmapBody } from "./roadmap-text.js";

export type BoardKind = "plan" | "focus" | "minutes" | "followup" | "roadmap";

export interface BoardInfo {
  id: string;
  kind: BoardKind;
  title: string;
  createdAt: Date;
  archivedAt: Date | null;
}

export interface Names {
  people: ReadonlyMap<string, string>;
  organizations: ReadonlyMap<string, string>;
  boards: ReadonlyMap<string, string>;
  partnership: { id: string; name: string };
}

/** What minutes carry beyond their document: where they are in approval, and who approved. */
export interface MinutesState {
  state: string;
  approvals: { userId: string; approvedAt: Date }[];
  sealedSequence: number | null;
}

const KIND: Record<BoardKind, string> = {
  plan: "Plan",
  focus: "Fokusområde",
  minutes: "Protokoll",
  followup: "Uppföljning",
  roadmap: "Färdplan",
};
const STATE: Record<string, string> = {
  draft: "utkast",
  closed: "stängt för justering",
  approved: "justerat",
  sealed: "förseglat",
};
const STATUS: Record<string, string> = {
  idea: "Idé",
  planned: "Planerad",
  in_progress: "Pågår",
  follow_up: "Uppföljning",
  done: "Klar",
};
const GOAL_STATUS: Record<string, string> = {
  not_started: "Ej påbörjat",
  achieved: "Uppnått",
  partly_achieved: "Delvis uppnått",
  not_achieved: "Ej uppnått",
};
const GOAL_LEVEL: Record<string, string> = { effect: "Effektmål", project: "Projektmål" };
const PERSPECTIVE: Record<string, string> = { citizen: "Invånare", collaboration: "Samverkan", staff: "Medarbetare" };
/** PGSA, as Swedish care writes the improvement cycle (PDSA): planera, göra, studera, agera. */
const PDSA: Record<string, string> = { plan: "Planera", do: "Göra", study: "Studera", act: "Agera" };

/** The reader's content with rich text as blocks: plain data that reads the same without Yjs. */
function plain(value: unknown): unknown {
  if (value instanceof Y.XmlFragment) return noteBlocks(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, v === undefined ? [] : plain(v)]));
  return value;
}

export function readContent(kind: BoardKind, doc: Y.Doc): unknown {
  if (kind === "followup") return plain(readFollowup(doc));
  if (kind === "roadmap") return plain(readRoadmap(doc));
  if (kind === "minutes") return plain(readMinutes(doc));
  // Focus areas and plans carry the comment threads on their actions and goals.
  return { ...(plain(kind === "plan" ? readPlan(doc) : readFocus(doc)) as object), comments: commentsJson(doc) };
}

/** Every user, organisation and board id a document names, so names can be fetched in one query each. */
export function idsIn(kind: BoardKind, doc: Y.Doc): { people: string[]; organizations: string[]; boards: string[] } {
  const people = new Set<string>();
  const organizations = new Set<string>();
  const boards = new Set<string>();
  if (kind === "plan" || kind === "focus") for (const id of commentPeople(doc)) people.add(id);
  if (kind === "plan") {
    for (const c of readPlan(doc).contacts) if (c.organizationId) organizations.add(c.organizationId);
  } else if (kind === "followup") {
    const f = readFollowup(doc);
    for (const u of f.units) if (u.organizationId) organizations.add(u.organizationId);
    for (const i of f.indicators) for (const v of i.values) if (v.by) people.add(v.by);
  } else if (kind === "focus") {
    for (const a of readFocus(doc).actions) {
      if (a.ownerId) people.add(a.ownerId);
      if (a.organizationId) organizations.add(a.organizationId);
      if (a.source) boards.add(a.source.boardId);
    }
  } else if (kind === "roadmap") {
    for (const id of roadmapBoardIds(doc)) boards.add(id);
  } else {
    const m = readMinutes(doc);
    if (m.meeting.convenerId) people.add(m.meeting.convenerId);
    for (const id of m.meeting.approverIds) people.add(id);
    for (const item of m.items)
      for (const a of item.actionItems) {
        if (a.ownerId) people.add(a.ownerId);
        if (a.focusBoardId) boards.add(a.focusBoardId);
      }
  }
  return { people: [...people], organizations: [...organizations], boards: [...boards] };
}

export function boardJson(board: BoardInfo, doc: Y.Doc, names: Names, minutes: MinutesState | null): string {
  const ids = idsIn(board.kind, doc);
  const pick = (list: string[], map: ReadonlyMap<string, string>) =>
    Object.fromEntries(list.map((id) => [id, map.get(id) ?? null]));
  return `${JSON.stringify(
    {
      format: "samverkan-board/1",
      board: {
        id: board.id,
        kind: board.kind,
        title: board.title,
        createdAt: board.createdAt.toISOString(),
        archivedAt: board.archivedAt?.toISOString() ?? null,
      },
      ...(minutes
        ? {
            minutes: {
              state: minutes.state,
              sealedSequence: minutes.sealedSequence,
              approvals: minutes.approvals.map((a) => ({ userId: a.userId, approvedAt: a.approvedAt.toISOString() })),
            },
          }
        : {}),
      names: {
        people: pick(ids.people, names.people),
        organizations: pick(ids.organizations, names.organizations),
        boards: pick(ids.boards, names.boards),
      },
      content: readContent(board.kind, doc),
    },
    null,
    2,
  )}\n`;
}

export function boardMarkdown(board: BoardInfo, doc: Y.Doc, names: Names, minutes: MinutesState | null): string {
  if (board.kind === "minutes") return minutesMarkdown(board, doc, names, minutes);
  const out: string[] = [`# ${md(board.title)}`, ""];
  out.push(`- **Typ:** ${KIND[board.kind]}`, `- **Samverkansyta:** ${md(names.partnership.name)}`);
  if (board.archivedAt) out.push(`- **Arkiverad:** ${formatInstant(board.archivedAt.toISOString(), "sv")}`);
  if (board.kind === "plan") planBody(doc, names, out);
  else if (board.kind === "followup") followupBody(doc, out);
  else if (board.kind === "roadmap") roadmapBody(doc, names.boards, out, md);
  else focusBody(doc, names, out);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}

function planBody(doc: Y.Doc, names: Names, out: string[]) {
  const plan = readPlan(doc);
  if (plan.period) out.push(`- **Period:** ${md(plan.period)}`);
  if (plan.meetingCadence) out.push(`- **Mötesrytm:** ${md(plan.meetingCadence)}`);
  out.push("", "## Syfte", "", ...blocks(noteBlocks(plan.purpose)));
  for (const section of plan.sections) {
    out.push("", `## ${md(section.heading || "–")}`, "", ...blocks(noteBlocks(section.body)));
  }
  out.push("", "## Mål", "");
  if (plan.goals.length === 0) out.push("Inga mål.");
  for (const g of plan.goals) {
    const facts = [GOAL_LEVEL[g.level], GOAL_STATUS[g.status], g.perspectives.map((p) => PERSPECTIVE[p]).join(", ")]
      .filter(Boolean)
      .join("; ");
    out.push(`- ${md(g.title)} (${md(facts)})${g.comment ? `\\\n  ${md(g.comment, "  ")}` : ""}`);
    out.push(...goalComments(doc, g.id, names.people));
  }
  out.push("", "## Kontaktvägar mellan organisationerna", "");
  if (plan.contacts.length === 0) out.push("Inga kontaktvägar.");
  for (const c of plan.contacts) {
    const org = (c.organizationId && names.organizations.get(c.organizationId)) || c.organizationName;
    out.push(`- **${md(org)}:** ${md(c.route)}${c.purpose ? ` – ${md(c.purpose)}` : ""}`);
  }
}

function followupBody(doc: Y.Doc, out: string[]) {
  const f = readFollowup(doc);
  if (f.description) out.push("", md(f.description));
  const units = new Map(f.units.map((u) => [u.id, u.name]));
  for (const i of f.indicators) {
    out.push("", `## ${md(i.name || "–")}`, "");
    if (i.method) out.push(`- **Metod:** ${md(i.method)}`);
    if (i.target !== null) out.push(`- **Målvärde:** ${i.target}`);
    for (const o of f.occasions)
      for (const v of i.values.filter((c) => c.occasionId === o.id))
        out.push(
          `- ${md(units.get(v.unitId) ?? "–")}, ${md(o.label)} (${o.date}): ${v.value}${v.respondents === null ? "" : ` (n = ${v.respondents})`}`,
        );
  }
}

function focusBody(doc: Y.Doc, names: Names, out: string[]) {
  const focus = readFocus(doc);
  if (focus.targetGroup) out.push(`- **Målgrupp:** ${md(focus.targetGroup)}`);
  if (focus.perspectives.length)
    out.push(`- **Perspektiv:** ${focus.perspectives.map((p) => PERSPECTIVE[p]).join(", ")}`);
  out.push("", "## Beskrivning", "", ...blocks(noteBlocks(focus.description)));
  for (const status of Object.keys(STATUS)) {
    const actions = focus.actions.filter((a) => a.status === status);
    out.push("", `## ${STATUS[status]} (${actions.length})`);
    for (const a of actions) {
      out.push("", `### ${md(a.title || "–")}`, "");
      const owner = a.ownerId ? (names.people.get(a.ownerId) ?? "(okänd)") : null;
      const org = a.organizationId ? (names.organizations.get(a.organizationId) ?? "(okänd)") : null;
      if (owner) out.push(`- **Ansvarig:** ${md(owner)}`);
      if (org) out.push(`- **Organisation:** ${md(org)}`);
      if (a.dueDate) out.push(`- **Klart senast:** ${a.dueDate}`);
      if (a.pdsaPhase) out.push(`- **PGSA-fas:** ${PDSA[a.pdsaPhase]}`);
      if (a.source) {
        const from = names.boards.get(a.source.boardId) ?? "(okänt möte)";
        out.push(`- **Från:** ${md(from)}${a.source.paragraph ? ` § ${a.source.paragraph}` : ""}`);
      }
      const description = noteBlocks(a.description);
      if (description.length) out.push("", ...blocks(description));
      for (const [phase, note] of Object.entries(a.pdsaNotes))
        if (note.trim()) out.push("", `**${PDSA[phase]}:** ${md(note, "")}`);
      if (a.measurements.length) {
        out.push("", "| Mått | Värde | Datum | Typ |", "| --- | --- | --- | --- |");
        for (const m of a.measurements)
          out.push(
            `| ${md(m.label)}${m.example ? " (exempel)" : ""} | ${m.value} ${md(m.unit)} | ${m.date} | ${m.kind === "baseline" ? "Nollmätning" : "Uppföljning"} |`,
          );
      }
      out.push(...actionComments(doc, a.id, names.people));
    }
  }
}

/** Minutes with the sealed protocol's own renderer; the seal footer is left out unless sealed (see protokoll/). */
function minutesMarkdown(board: BoardInfo, doc: Y.Doc, names: Names, minutes: MinutesState | null): string {
  const record = buildRecord(doc, {
    partnership: names.partnership,
    board: { id: board.id, name: board.title },
    people: names.people,
    boards: names.boards,
    approvals: minutes?.approvals ?? [],
    sealedAt: new Date(0),
    sealedBy: "",
    sequence: 0,
    previousSha256: null,
    addendumTo: null,
  });
  const full = renderMarkdown(record, "sv");
  // The outline ends with a rule and the seal's line; a board's rendering states its approval state instead.
  const body = full.slice(0, full.lastIndexOf("\n\n---\n\n"));
  const state = STATE[minutes?.state ?? "draft"] ?? minutes?.state;
  const sealed = minutes?.sealedSequence
    ? ` Den förseglade arkivhandlingen är protokoll nr ${minutes.sealedSequence}.`
    : "";
  return `${body}\n\n---\n\n*Status: ${state}.${sealed}*\n`;
}

function blocks(list: NoteBlock[]): string[] {
  if (list.length === 0) return ["–"];
  const out: string[] = [];
  for (const b of list) {
    if (b.kind === "heading") out.push("", `${"#".repeat(b.level + 1)} ${md(b.text)}`, "");
    else if (b.kind === "list_item") {
      const indent = "  ".repeat(b.depth);
      out.push(`${indent}${b.ordered ? "1." : "-"} ${md(b.text, `${indent}   `)}`);
    } else if (b.kind === "quote") out.push("", `> ${md(b.text, "> ")}`, "");
    else out.push("", md(b.text, ""), "");
  }
  return out;
}

const md = (text: string, continuation: string | null = null) => escapeMarkdown(text, continuation);
