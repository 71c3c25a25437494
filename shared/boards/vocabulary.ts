/**
 * The closed vocabularies of board content (statuses, phases, kinds) with no dependencies, so a
 * page can name them without loading the layouts and their validation.
 */
export const ACTION_STATUSES = ["idea", "planned", "in_progress", "follow_up", "done"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const PDSA_PHASES = ["plan", "do", "study", "act"] as const;
export type PdsaPhase = (typeof PDSA_PHASES)[number];
export const MEASUREMENT_KINDS = ["baseline", "follow_up"] as const;
export const GOAL_STATUSES = ["not_started", "achieved", "partly_achieved", "not_achieved"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
/** effektmål (the change for citizens and staff) or projektmål (what the work delivers). */
export const GOAL_LEVELS = ["effect", "project"] as const;
export type GoalLevel = (typeof GOAL_LEVELS)[number];
export const MEETING_TYPES = ["collaboration", "rounds", "working_group", "steering_group"] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
/** The county's three perspectives of the shared target picture (målbild). */
export const PERSPECTIVES = ["citizen", "collaboration", "staff"] as const;
export type Perspective = (typeof PERSPECTIVES)[number];
/** The unit an indicator is measured in; percent is 0–100 and counts are never negative. */
export const INDICATOR_UNITS = ["points", "percent", "count", "count_per_week", "days", "other"] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
/** Which way is better for an indicator. */
export const INDICATOR_DIRECTIONS = ["higher", "lower"] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
/** A measuring occasion: the baseline (nollmätning) or a follow-up. */
export const OCCASION_KINDS = ["baseline", "follow_up"] as const;
export type OccasionKind = (typeof OCCASION_KINDS)[number];
