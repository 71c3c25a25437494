/** Shapes of the API answers the pages read (the server's views, as JSON). */
import type { ActionStatus, GoalStatus } from "../../../shared/boards/vocabulary.js";

export type Role = "convener" | "member" | "observer";
export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}
export interface Workspace {
  id: string;
  name: string;
  description: string;
  role: Role;
}
export interface Board {
  id: string;
  workspaceId: string;
  kind: "plan" | "focus" | "minutes" | "followup" | "roadmap";
  title: string;
}
export interface InvitationPreview {
  workspaceName: string;
  organizationName: string;
  email: string;
  role: Role;
  expiresAt: string;
}
/** An invitation addressed to the signed-in person (`GET /api/me/invitations`). */
export interface MyInvitation {
  id: string;
  workspaceId: string;
  workspaceName: string;
  organizationName: string;
  role: Role;
  invitedBy: string | null;
  expiresAt: string;
}
export interface ActionRow {
  boardId: string;
  boardTitle: string;
  id: string;
  title: string;
  status: ActionStatus;
  ownerName: string | null;
  organizationName: string | null;
  dueDate: string | null;
  overdue: boolean;
}
export interface Overview {
  focusAreas: {
    boardId: string;
    title: string;
    counts: Record<ActionStatus, number>;
    total: number;
    overdue: number;
  }[];
  myOpenActions: ActionRow[];
  overdueActions: ActionRow[];
  goalsByStatus: Record<GoalStatus, number>;
  goals: { boardId: string; id: string; title: string; status: GoalStatus }[];
  upcomingMeetings: { boardId: string; title: string; startsAt: string | null; place: string }[];
  recentDecisions: {
    boardId: string;
    id: string;
    itemId: string;
    paragraph: number | null;
    itemTitle: string;
    text: string;
    meetingStartsAt: string | null;
  }[];
}
