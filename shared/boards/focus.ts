/**
 * Board kind `focus` (fokusområde): a focus area's description, target group and perspectives,
 * and its actions on a kanban. A card's column is its `status` and its place there its `rank`;
 * moving a card sets both in one transaction, so two people moving the same card at once end
 * with one card in one place (last writer wins for the pair), never two cards or none.
 */
import * as Y from "yjs";
import { z } from "zod";
import {
  BoardInputError,
  byRank,
  checkValue,
  ensureMap,
  ensureRichText,
  inputError,
  newId,
  newRecord,
  rankAtEnd,
  rankBetween,
  ranked,
  read,
  readMap,
  readRichText,
  recordEntries,
  valueEntries,
  writeFields,
  type YRecord,
} from "./access.js";
import { commentsSpec } from "./comments.js";
import {
  boardIdSchema,
  dateSchema,
  itemIdSchema,
  organizationIdSchema,
  type Perspective,
  perspectivesSchema,
  rankSchema,
  requiredText,
  text,
  userIdSchema,
} from "./fields.js";
import { type BoardSpec, map, metaSpec, records, richtext, type Spec, value } from "./spec.js";

import { ACTION_STATUSES, type ActionStatus, MEASUREMENT_KINDS, PDSA_PHASES, type PdsaPhase } from "./vocabulary.js";

export { ACTION_STATUSES, type ActionStatus, MEASUREMENT_KINDS, PDSA_PHASES, type PdsaPhase };

export const measurementSchema = z.strictObject({
  label: requiredText(200),
  value: z.number().finite(),
  unit: text(40).default(""),
  date: dateSchema,
  kind: z.enum(MEASUREMENT_KINDS),
  /** Invented figures (demo data, exercises) are marked as such wherever they are shown. */
  example: z.boolean().default(false),
});
export type Measurement = z.infer<typeof measurementSchema> & { id: string };

/** Where an action came from: the minutes board and agenda item (§) that decided it. */
export const actionSourceSchema = z.strictObject({
  boardId: boardIdSchema,
  itemId: itemIdSchema,
  paragraph: z.number().int().min(1).max(100_000).nullable(),
});

export const actionSpec = map({
  title: value(requiredText(200)),
  description: richtext(20_000),
  status: value(z.enum(ACTION_STATUSES)),
  rank: value(rankSchema),
  ownerId: value(userIdSchema.nullable()),
  organizationId: value(organizationIdSchema.nullable()),
  dueDate: value(dateSchema.nullable()),
  pdsaPhase: value(z.enum(PDSA_PHASES).nullable()),
  pdsaNotes: map(Object.fromEntries(PDSA_PHASES.map((phase) => [phase, value(text(1000))]))),
  measurements: records(value(measurementSchema), 100),
  source: value(actionSourceSchema.nullable()),
  createdAt: value(z.iso.datetime({ offset: true })),
});

export const focusSpec: BoardSpec = {
  kind: "focus",
  version: 1,
  roots: {
    meta: metaSpec("focus", 1),
    focus: map({
      description: richtext(20_000),
      targetGroup: value(text(500)),
      perspectives: value(perspectivesSchema),
    }),
    actions: records(actionSpec, 1000),
    comments: commentsSpec,
  },
};

export interface Action {
  id: string;
  title: string;
  description: Y.XmlFragment | undefined;
  status: ActionStatus;
  rank: string;
  ownerId: string | null;
  organizationId: string | null;
  dueDate: string | null;
  pdsaPhase: PdsaPhase | null;
  pdsaNotes: Record<PdsaPhase, string>;
  measurements: Measurement[];
  source: z.infer<typeof actionSourceSchema> | null;
  createdAt: string | null;
}

export interface FocusContent {
  description: Y.XmlFragment | undefined;
  targetGroup: string;
  perspectives: Perspective[];
  /** Every action, ordered by status column, then rank. */
  actions: Action[];
}

const focusRoot = (doc: Y.Doc) => doc.getMap<unknown>("focus");
const actionsRoot = (doc: Y.Doc) => doc.getMap<unknown>("actions");
const fields = (name: keyof typeof focusSpec.roots) => focusSpec.roots[name] as ReturnType<typeof map>;

function readAction(id: string, a: YRecord): Action {
  const notes = readMap(a, "pdsaNotes");
  return {
    id,
    title: read(a, "title", z.string(), ""),
    description: readRichText(a, "description"),
    status: read(a, "status", z.enum(ACTION_STATUSES), "idea"),
    rank: read(a, "rank", rankSchema, "a0"),
    ownerId: read(a, "ownerId", userIdSchema.nullable(), null),
    organizationId: read(a, "organizationId", organizationIdSchema.nullable(), null),
    dueDate: read(a, "dueDate", dateSchema.nullable(), null),
    pdsaPhase: read(a, "pdsaPhase", z.enum(PDSA_PHASES).nullable(), null),
    pdsaNotes: Object.fromEntries(PDSA_PHASES.map((p) => [p, read(notes, p, z.string(), "")])) as Record<
      PdsaPhase,
      string
    >,
    measurements: valueEntries(readMap(a, "measurements"), measurementSchema).sort((x, y) =>
      x.date === y.date ? (x.id < y.id ? -1 : 1) : x.date < y.date ? -1 : 1,
    ),
    source: read(a, "source", actionSourceSchema.nullable(), null),
    createdAt: read(a, "createdAt", z.string(), null),
  };
}

const inColumn = (status: ActionStatus) => (entry: unknown) => entry instanceof Y.Map && entry.get("status") === status;

export function readFocus(doc: Y.Doc): FocusContent {
  const root = focusRoot(doc);
  const actions = recordEntries(actionsRoot(doc)).map(([id, a]) => readAction(id, a));
  const column = (s: ActionStatus) => ACTION_STATUSES.indexOf(s);
  actions.sort((x, y) => column(x.status) - column(y.status) || byRank(x, y));
  return {
    description: readRichText(root, "description"),
    targetGroup: read(root, "targetGroup", z.string(), ""),
    perspectives: read(root, "perspectives", perspectivesSchema, []),
    actions,
  };
}

export function getAction(doc: Y.Doc, id: string): Action | undefined {
  const a = actionsRoot(doc).get(id);
  return a instanceof Y.Map ? readAction(id, a as YRecord) : undefined;
}

export function setFocusDetails(doc: Y.Doc, patch: { targetGroup?: string; perspectives?: Perspective[] }): void {
  const root = focusRoot(doc);
  doc.transact(() => {
    writeFields(root, fields("focus"), patch); // throws before anything is written if the patch does not fit
    if (!(root.get("description") instanceof Y.XmlFragment)) root.set("description", new Y.XmlFragment());
  });
}

/** The description fragment, created on first use (bind it to the editor). */
export function focusDescription(doc: Y.Doc): Y.XmlFragment {
  const root = focusRoot(doc);
  let fragment = root.get("description");
  if (!(fragment instanceof Y.XmlFragment)) {
    fragment = new Y.XmlFragment();
    root.set("description", fragment);
  }
  return fragment as Y.XmlFragment;
}

export type NewAction = {
  title: string;
  status?: ActionStatus;
  ownerId?: string | null;
  organizationId?: string | null;
  dueDate?: string | null;
  pdsaPhase?: PdsaPhase | null;
  source?: z.infer<typeof actionSourceSchema> | null;
  id?: string;
};

/** Adds an action at the end of its column and returns its id. */
export function addAction(doc: Y.Doc, input: NewAction, now: Date = new Date()): string {
  const id = newId(input.id);
  const status = input.status ?? "idea";
  const column = ranked(actionsRoot(doc), inColumn(status));
  const record = newRecord(actionSpec, {
    title: input.title,
    status,
    rank: rankAtEnd(column),
    ownerId: input.ownerId ?? null,
    organizationId: input.organizationId ?? null,
    dueDate: input.dueDate ?? null,
    pdsaPhase: input.pdsaPhase ?? null,
    source: input.source ?? null,
    createdAt: now.toISOString(),
  });
  actionsRoot(doc).set(id, record);
  return id;
}

export type ActionPatch = Partial<
  Pick<Action, "title" | "ownerId" | "organizationId" | "dueDate" | "pdsaPhase" | "source">
>;

function actionMap(doc: Y.Doc, id: string): YRecord {
  const a = actionsRoot(doc).get(id);
  if (!(a instanceof Y.Map)) throw new BoardInputError("action", `no action ${id} on this board.`);
  return a as YRecord;
}

/** An action's description fragment (bind it to the editor). */
export function actionDescription(doc: Y.Doc, id: string): Y.XmlFragment {
  return ensureRichText(actionMap(doc, id), "description");
}

export function updateAction(doc: Y.Doc, id: string, patch: ActionPatch): void {
  writeFields(actionMap(doc, id), actionSpec, patch);
}

export function setPdsaNote(doc: Y.Doc, id: string, phase: PdsaPhase, note: string): void {
  const action = actionMap(doc, id);
  doc.transact(() =>
    writeFields(ensureMap(action, "pdsaNotes"), actionSpec.fields.pdsaNotes as ReturnType<typeof map>, {
      [phase]: note,
    }),
  );
}

/**
 * Moves an action to `status`, placed after `afterId` (null = first in the column). Only the
 * card's own `status` and `rank` change.
 */
export function moveAction(doc: Y.Doc, id: string, status: ActionStatus, afterId: string | null): void {
  const column = ranked(actionsRoot(doc), inColumn(status)).filter((a) => a.id !== id);
  const index = afterId === null ? -1 : column.findIndex((a) => a.id === afterId);
  if (afterId !== null && index === -1) throw new BoardInputError("afterId", "that card is not in the target column.");
  const before = index >= 0 ? (column[index]?.rank ?? null) : null;
  const after = column[index + 1]?.rank ?? null;
  const action = actionMap(doc, id);
  const place = {
    status: checkValue(actionSpec.fields.status as Spec, "status", status),
    rank: checkValue(actionSpec.fields.rank as Spec, "rank", rankBetween(before, after)),
  };
  // Both are written even if the column is unchanged: concurrent moves then resolve as whole pairs.
  doc.transact(() => {
    action.set("status", place.status);
    action.set("rank", place.rank);
  });
}

export function removeAction(doc: Y.Doc, id: string): void {
  actionsRoot(doc).delete(id);
}

export function addMeasurement(doc: Y.Doc, actionId: string, input: z.input<typeof measurementSchema>): string {
  const action = actionMap(doc, actionId);
  const parsed = measurementSchema.safeParse(input);
  if (!parsed.success) throw inputError("measurement", parsed.error.issues[0]);
  const list = ensureMap(action, "measurements");
  const id = newId();
  list.set(id, parsed.data);
  return id;
}

export function removeMeasurement(doc: Y.Doc, actionId: string, measurementId: string): void {
  readMap(actionMap(doc, actionId), "measurements")?.delete(measurementId);
}
