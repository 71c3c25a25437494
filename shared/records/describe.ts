/**
 * An audit event in words, in Swedish or English: "Anna Berg justerade protokollet Samverkansmöte
 * november". Pure, so the web page and the server's CSV say the same thing. An action this file
 * does not know yet is shown by its code, never hidden.
 */
import type { AuditEventView, AuditLocale } from "../api/records.js";

type Words = {
  someone: string;
  /** Who did what the server did by itself (a scan at start). */
  system: string;
  /** Names in the sentence are quoted as the language does it. */
  quote: [string, string];
  removed: string;
  roles: Record<string, string>;
  artefacts: Record<string, string>;
  kinds: Record<string, string>;
  phrases: Record<string, (e: Parts) => string>;
};

interface Parts {
  target: string;
  workspace: string;
  d: AuditEventView["details"];
  role: (value: unknown) => string;
}

const sv: Words = {
  someone: "Någon",
  system: "Systemet",
  quote: ["”", "”"],
  removed: "(borttagen)",
  roles: { convener: "sammankallande", member: "medlem", observer: "observatör" },
  artefacts: { pdf: "PDF", markdown: "Markdown", json: "JSON" },
  kinds: { plan: "plan", focus: "fokusområde", minutes: "protokoll", followup: "uppföljning", roadmap: "färdplan" },
  phrases: {
    "auth.setup": () => "skapade administratörskontot",
    "auth.login.success": (p) => (p.d.method === "oidc" ? "loggade in via organisationens inloggning" : "loggade in"),
    "auth.login.failure": (p) =>
      p.d.method === "oidc"
        ? `misslyckades att logga in via organisationens inloggning (${p.d.reason ?? "okänt skäl"})`
        : `misslyckades att logga in som ${p.d.email ?? "okänd adress"}`,
    "auth.oidc.linked": (p) =>
      p.d.newAccount
        ? "fick ett konto via organisationens inloggning"
        : "kopplade sitt konto till organisationens inloggning",
    "auth.logout": () => "loggade ut",
    "organization.created": (p) => `lade till organisationen ${p.target}`,
    "workspace.created": (p) => `skapade samverkansytan ${p.workspace}`,
    "workspace.updated": () => "ändrade samverkansytans namn eller beskrivning",
    "workspace.exported": (p) => `exporterade all data för ${p.workspace}`,
    "member.added": (p) => `lade till ${p.target} som ${p.role(p.d.role)}`,
    "member.role_changed": (p) => `ändrade rollen för ${p.target} från ${p.role(p.d.from)} till ${p.role(p.d.to)}`,
    "member.organization_changed": (p) => `bytte organisation för ${p.target}`,
    "member.removed": (p) => (p.d.self ? "lämnade samverkansytan" : `tog bort ${p.target} ur samverkansytan`),
    "invitation.created": (p) => `bjöd in ${p.d.email ?? "en person"} som ${p.role(p.d.role)}`,
    "invitation.accepted": (p) => `tackade ja till en inbjudan som ${p.role(p.d.role)}`,
    "invitation.revoked": () => "drog tillbaka en inbjudan",
    "invitation.resent": () => "skickade en inbjudan igen (med en ny länk)",
    "mail.failed": (p) => `kunde inte skicka e-post efter ${p.d.attempts ?? "flera"} försök`,
    "invitation.declined": () => "tackade nej till en inbjudan",
    "member.actions_handed_over": (p) =>
      `lämnade över ${p.d.actions === 1 ? "1 öppen åtgärd" : `${p.d.actions ?? 0} öppna åtgärder`} från ${p.target} till ${p.d.toName ? `${sv.quote[0]}${p.d.toName}${sv.quote[1]}` : "(borttagen)"}`,
    "board.created": (p) => `skapade tavlan ${p.target}${inParens(p.d.kind, sv.kinds)}`,
    "board.archived": (p) => `arkiverade tavlan ${p.target}`,
    "calendar_feed.renewed": () => "skapade en kalenderprenumeration",
    "calendar_feed.revoked": () => "tog bort sin kalenderprenumeration",
    "user.deactivated": (p) => `inaktiverade kontot för ${p.target}`,
    "user.reactivated": (p) => `återaktiverade kontot för ${p.target}`,
    "minutes.closed": (p) => `stängde protokollet ${p.target} för justering`,
    "minutes.reopened": (p) => `öppnade protokollet ${p.target} igen`,
    "minutes.approved": (p) =>
      p.d.complete ? `justerade protokollet ${p.target}, som därmed är justerat` : `justerade protokollet ${p.target}`,
    "minutes.sealed": (p) => `förseglade protokollet ${p.target}`,
    "minutes.exported": (p) =>
      `exporterade det justerade protokollet ${p.target}${artefact(p.d.artefact, sv.artefacts, " som ")}`,
    "minutes.registration_number_set": (p) =>
      p.d.registrationNumber
        ? `registrerade diarienummer ${p.d.registrationNumber} för protokollet ${p.target}`
        : `tog bort diarienumret för protokollet ${p.target}`,
    "minutes.addendum_created": (p) => `skrev ett tillägg till protokollet ${p.target}`,
    "decision_point.created": (p) => `lade till beslutspunkten ${p.target}`,
    "decision_point.updated": (p) => `ändrade beslutspunkten ${p.target}`,
    "decision_point.deleted": () => "tog bort en beslutspunkt",
    "decision_point.checklist_added": (p) => `lade till en kontrollfråga i beslutspunkten ${p.target}`,
    "decision_point.checklist_updated": (p) => `besvarade eller ändrade en kontrollfråga i beslutspunkten ${p.target}`,
    "decision_point.checklist_removed": (p) => `tog bort en kontrollfråga ur beslutspunkten ${p.target}`,
    "decision_point.decided": (p) => `registrerade beslutet om beslutspunkten ${p.target}`,
    "decision_point.reopened": (p) => `öppnade beslutspunkten ${p.target} igen`,
    "audit.exported": () => "exporterade händelseloggen som CSV",
    "identity_number.refused": (p) =>
      `försökte spara ett ${p.d.kind ?? "personnummer"}${p.d.field ? ` i fältet ${p.d.field}` : ""}; det nekades`,
    "identity_number.removed": (p) =>
      `skrev ett personnummer på tavlan ${p.target}; det togs bort${p.d.fields ? ` (${p.d.fields})` : ""}`,
    "identity_number.scan": (p) => `sökte efter lagrade personnummer och hittade ${p.d.found ?? 0}`,
    "identity_number.purged": (p) => `tog bort lagrade personnummer från tavlan ${p.target}`,
  },
};

const en: Words = {
  someone: "Someone",
  system: "The system",
  quote: ["“", "”"],
  removed: "(removed)",
  roles: { convener: "convener", member: "member", observer: "observer" },
  artefacts: sv.artefacts,
  kinds: { plan: "plan", focus: "focus area", minutes: "minutes", followup: "follow-up", roadmap: "roadmap" },
  phrases: {
    "auth.setup": () => "created the administrator account",
    "auth.login.success": (p) => (p.d.method === "oidc" ? "signed in through the organisation's sign-in" : "signed in"),
    "auth.login.failure": (p) =>
      p.d.method === "oidc"
        ? `failed to sign in through the organisation's sign-in (${p.d.reason ?? "unknown reason"})`
        : `failed to sign in as ${p.d.email ?? "an unknown address"}`,
    "auth.oidc.linked": (p) =>
      p.d.newAccount
        ? "got an account through the organisation's sign-in"
        : "linked their account to the organisation's sign-in",
    "auth.logout": () => "signed out",
    "organization.created": (p) => `added the organisation ${p.target}`,
    "workspace.created": (p) => `created the partnership ${p.workspace}`,
    "workspace.updated": () => "changed the partnership's name or description",
    "workspace.exported": (p) => `exported all data of ${p.workspace}`,
    "member.added": (p) => `added ${p.target} as ${p.role(p.d.role)}`,
    "member.role_changed": (p) => `changed the role of ${p.target} from ${p.role(p.d.from)} to ${p.role(p.d.to)}`,
    "member.organization_changed": (p) => `changed the organisation of ${p.target}`,
    "member.removed": (p) => (p.d.self ? "left the partnership" : `removed ${p.target} from the partnership`),
    "invitation.created": (p) => `invited ${p.d.email ?? "someone"} as ${p.role(p.d.role)}`,
    "invitation.accepted": (p) => `accepted an invitation as ${p.role(p.d.role)}`,
    "invitation.revoked": () => "withdrew an invitation",
    "invitation.resent": () => "sent an invitation again (with a new link)",
    "mail.failed": (p) => `could not send an e-mail after ${p.d.attempts ?? "several"} attempts`,
    "invitation.declined": () => "declined an invitation",
    "member.actions_handed_over": (p) =>
      `handed ${p.d.actions === 1 ? "1 open action" : `${p.d.actions ?? 0} open actions`} of ${p.target} over to ${p.d.toName ? `${en.quote[0]}${p.d.toName}${en.quote[1]}` : "(removed)"}`,
    "board.created": (p) => `created the board ${p.target}${inParens(p.d.kind, en.kinds)}`,
    "board.archived": (p) => `archived the board ${p.target}`,
    "calendar_feed.renewed": () => "created a calendar subscription",
    "calendar_feed.revoked": () => "removed their calendar subscription",
    "user.deactivated": (p) => `deactivated the account of ${p.target}`,
    "user.reactivated": (p) => `reactivated the account of ${p.target}`,
    "minutes.closed": (p) => `closed the minutes ${p.target} for approval`,
    "minutes.reopened": (p) => `reopened the minutes ${p.target}`,
    "minutes.approved": (p) =>
      p.d.complete ? `approved the minutes ${p.target}, which are now approved` : `approved the minutes ${p.target}`,
    "minutes.sealed": (p) => `sealed the minutes ${p.target}`,
    "minutes.exported": (p) =>
      `exported the approved minutes ${p.target}${artefact(p.d.artefact, en.artefacts, " as ")}`,
    "minutes.registration_number_set": (p) =>
      p.d.registrationNumber
        ? `recorded registration number ${p.d.registrationNumber} for the minutes ${p.target}`
        : `removed the registration number of the minutes ${p.target}`,
    "minutes.addendum_created": (p) => `wrote an addendum to the minutes ${p.target}`,
    "decision_point.created": (p) => `added the decision point ${p.target}`,
    "decision_point.updated": (p) => `changed the decision point ${p.target}`,
    "decision_point.deleted": () => "removed a decision point",
    "decision_point.checklist_added": (p) => `added a checklist question to the decision point ${p.target}`,
    "decision_point.checklist_updated": (p) =>
      `answered or changed a checklist question of the decision point ${p.target}`,
    "decision_point.checklist_removed": (p) => `removed a checklist question from the decision point ${p.target}`,
    "decision_point.decided": (p) => `recorded the decision on the decision point ${p.target}`,
    "decision_point.reopened": (p) => `reopened the decision point ${p.target}`,
    "audit.exported": () => "exported the audit log as CSV",
    "identity_number.refused": (p) =>
      `tried to store a ${p.d.kind ?? "personnummer"}${p.d.field ? ` in the field ${p.d.field}` : ""}; it was refused`,
    "identity_number.removed": (p) =>
      `typed a personal identity number on the board ${p.target}; it was removed${p.d.fields ? ` (${p.d.fields})` : ""}`,
    "identity_number.scan": (p) => `searched for stored personal identity numbers and found ${p.d.found ?? 0}`,
    "identity_number.purged": (p) => `removed stored personal identity numbers from the board ${p.target}`,
  },
};

function inParens(value: unknown, names: Record<string, string>): string {
  return typeof value === "string" && names[value] ? ` (${names[value]})` : "";
}

function artefact(value: unknown, names: Record<string, string>, joiner: string): string {
  return typeof value === "string" && names[value] ? `${joiner}${names[value]}` : "";
}

const WORDS: Record<AuditLocale, Words> = { sv, en };
/** Events the server records by itself, without a person. */
const SYSTEM_ACTIONS = new Set(["identity_number.scan"]);

/** "Anna Berg justerade protokollet Samverkansmöte november". */
export function describeEvent(event: AuditEventView, locale: AuditLocale = "sv"): string {
  const w = WORDS[locale];
  const parts: Parts = {
    target: event.target?.name ? `${w.quote[0]}${event.target.name}${w.quote[1]}` : w.removed,
    workspace: event.workspace ? `${w.quote[0]}${event.workspace.name}${w.quote[1]}` : w.removed,
    d: event.details,
    role: (value) => (typeof value === "string" ? (w.roles[value] ?? value) : "?"),
  };
  const phrase = w.phrases[event.action];
  const actor = event.actor?.name ?? (SYSTEM_ACTIONS.has(event.action) ? w.system : w.someone);
  if (!phrase) return `${actor}: ${event.action}`;
  return `${actor} ${phrase(parts)}`;
}

const LABELS: Record<AuditLocale, Record<string, string>> = {
  sv: {
    "auth.setup": "Administratörskonto skapat",
    "auth.login.success": "Inloggning",
    "auth.login.failure": "Misslyckad inloggning",
    "auth.oidc.linked": "Konto kopplat till organisationens inloggning",
    "auth.logout": "Utloggning",
    "organization.created": "Organisation tillagd",
    "workspace.created": "Samverkansyta skapad",
    "workspace.updated": "Samverkansyta ändrad",
    "workspace.exported": "All data exporterad",
    "member.added": "Medlem tillagd",
    "member.role_changed": "Roll ändrad",
    "member.organization_changed": "Organisation ändrad för medlem",
    "member.removed": "Medlem borttagen eller lämnade",
    "invitation.created": "Inbjudan skickad",
    "invitation.accepted": "Inbjudan accepterad",
    "invitation.revoked": "Inbjudan tillbakadragen",
    "invitation.resent": "Inbjudan skickad igen",
    "mail.failed": "E-post kunde inte skickas",
    "invitation.declined": "Inbjudan avböjd",
    "member.actions_handed_over": "Åtgärder överlämnade",
    "board.created": "Tavla skapad",
    "board.archived": "Tavla arkiverad",
    "calendar_feed.renewed": "Kalenderprenumeration skapad",
    "calendar_feed.revoked": "Kalenderprenumeration borttagen",
    "user.deactivated": "Konto inaktiverat",
    "user.reactivated": "Konto återaktiverat",
    "minutes.closed": "Protokoll stängt för justering",
    "minutes.reopened": "Protokoll öppnat igen",
    "minutes.approved": "Protokoll justerat",
    "minutes.sealed": "Protokoll förseglat",
    "minutes.exported": "Justerat protokoll exporterat",
    "minutes.registration_number_set": "Diarienummer registrerat",
    "minutes.addendum_created": "Tillägg till protokoll",
    "decision_point.decided": "Beslutspunkt beslutad",
    "decision_point.reopened": "Beslutspunkt öppnad igen",
    "audit.exported": "Händelselogg exporterad",
    "identity_number.refused": "Personnummer nekat",
    "identity_number.removed": "Personnummer borttaget från tavla",
    "identity_number.scan": "Sökning efter lagrade personnummer",
  },
  en: {
    "auth.setup": "Administrator account created",
    "auth.login.success": "Sign-in",
    "auth.login.failure": "Failed sign-in",
    "auth.oidc.linked": "Account linked to the organisation's sign-in",
    "auth.logout": "Sign-out",
    "organization.created": "Organisation added",
    "workspace.created": "Partnership created",
    "workspace.updated": "Partnership changed",
    "workspace.exported": "All data exported",
    "member.added": "Member added",
    "member.role_changed": "Role changed",
    "member.organization_changed": "Member's organisation changed",
    "member.removed": "Member removed or left",
    "invitation.created": "Invitation sent",
    "invitation.accepted": "Invitation accepted",
    "invitation.revoked": "Invitation withdrawn",
    "invitation.resent": "Invitation sent again",
    "mail.failed": "E-mail could not be sent",
    "invitation.declined": "Invitation declined",
    "member.actions_handed_over": "Actions handed over",
    "board.created": "Board created",
    "board.archived": "Board archived",
    "calendar_feed.renewed": "Calendar subscription created",
    "calendar_feed.revoked": "Calendar subscription removed",
    "user.deactivated": "Account deactivated",
    "user.reactivated": "Account reactivated",
    "minutes.closed": "Minutes closed for approval",
    "minutes.reopened": "Minutes reopened",
    "minutes.approved": "Minutes approved",
    "minutes.sealed": "Minutes sealed",
    "minutes.exported": "Approved minutes exported",
    "minutes.registration_number_set": "Registration number recorded",
    "minutes.addendum_created": "Addendum to minutes",
    "decision_point.decided": "Decision point decided",
    "decision_point.reopened": "Decision point reopened",
    "audit.exported": "Audit log exported",
    "identity_number.refused": "Identity number refused",
    "identity_number.removed": "Identity number removed from a board",
    "identity_number.scan": "Search for stored identity numbers",
  },
};

/** The name of a kind of event, for the filter and the CSV; an unknown one by its code. */
export function kindLabel(action: string, locale: AuditLocale = "sv"): string {
  return LABELS[locale][action] ?? action;
}
