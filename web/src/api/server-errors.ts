/**
 * The server's answers in the reader's language: every error code the API gives, and a refused
 * field named and explained ("Lösenord: minst 8 tecken."). Loaded only when an answer is an error
 * (web/src/api/client.ts), so it costs nothing on a page that works.
 */
import { textArea } from "../i18n/area.js";
import { locale } from "../i18n/i18n.js";

const sv = {
  account_exists: "Det finns redan ett konto med den e-postadressen.",
  already_approved: "Du har redan justerat.",
  already_member: "Personen är redan med i samverkan.",
  already_set_up: "Samverkan är redan installerad; logga in i stället.",
  approver_not_member: "Alla justerare måste vara medlemmar i samverkan.",
  approvers_missing: "Utse minst en justerare först.",
  board_locked: "Tavlan är låst och kan inte ändras.",
  cannot_deactivate_self: "Du kan inte inaktivera ditt eget konto.",
  empty_file: "Filen är tom.",
  forbidden: "Du har inte behörighet att göra det här.",
  invalid_credentials: "Fel e-postadress eller lösenord.",
  invalid_json: "Förfrågan kunde inte läsas. Ladda om sidan och försök igen.",
  last_convener: "Samverkan måste ha minst en sammankallande.",
  meeting_date_missing: "Ange mötets datum och tid först.",
  meeting_not_held: "Mötet har inte börjat än.",
  minutes_not_approved: "Protokollet är inte justerat än.",
  minutes_not_closed: "Mötet är inte avslutat än.",
  minutes_not_draft: "Protokollet är redan avslutat och kan inte ändras här.",
  minutes_not_sealed: "Protokollet är inte arkiverat än.",
  not_found: "Det du söker finns inte, eller så har du inte tillgång till det.",
  not_member: "Personen är inte med i samverkan.",
  not_minutes: "Tavlan är inget protokoll.",
  organization_exists: "Det finns redan en organisation med det namnet.",
  organization_inactive: "Organisationen är inaktiverad och kan inte väljas.",
  passwords_off: "Inloggning med lösenord är avstängd här; logga in via din organisation.",
  payload_too_large: "Det du skickade är för stort.",
  rate_limited: "För många försök. Vänta en stund och försök igen.",
  report_frozen: "Rapporten är fastställd och kan inte ändras. Gör en ny version för att ändra den.",
  report_not_frozen: "Bara en fastställd rapport kan få en ny version; redigera utkastet i stället.",
  same_person: "Välj en annan person.",
  unauthenticated: "Du är utloggad. Logga in igen för att fortsätta.",
  unknown_organization: "Organisationen finns inte.",
  unknown_user: "Personen finns inte.",
  unsupported_media_type: "Förfrågan kunde inte läsas. Ladda om sidan och försök igen.",
  decision_point_decided: "Beslutspunkten är beslutad och låst. En sammankallande kan öppna den igen.",
  decision_point_not_decided: "Beslutspunkten har inget beslut att öppna.",
  unknown_minutes_board: "Protokollet finns inte i den här samverkan.",
  unknown_minutes_item: "Protokollet har ingen sådan paragraf (§).",
  checklist_full: "En checklista har högst 50 punkter.",
  unknown_unit: "Enheten finns inte på tavlan.",
  unknown_occasion: "Mättillfället finns inte på tavlan.",
  value_out_of_range: "Värdet ligger utanför det tillåtna intervallet.",
  "range.between": "Värdet ska vara mellan {min} och {max}.",
  "range.atLeast": "Värdet ska vara minst {min}.",
  "range.atMost": "Värdet ska vara högst {max}.",
  invalid_value: "Värdet går inte att använda.",
  other: "Det gick inte (felkod {code}).",

  "field.required": "{field}: måste fyllas i.",
  "field.tooShort": "{field}: minst {min} tecken.",
  "field.tooLong": "{field}: högst {max} tecken.",
  "field.tooFewItems": "{field}: välj minst {min}.",
  "field.tooManyItems": "{field}: högst {max}.",
  "field.tooLow": "{field}: minst {min}.",
  "field.tooHigh": "{field}: högst {max}.",
  "field.email": "{field}: skriv en e-postadress, till exempel namn@kommun.se.",
  "field.date": "{field}: skriv ett datum som finns, ÅÅÅÅ-MM-DD.",
  "field.format": "{field}: värdet har fel form.",
  "field.choice": "{field}: välj ett av alternativen.",
  "field.unknown": "{field}: okänt fält.",
  "field.invalid": "{field}: värdet går inte att använda.",
  "field.someField": "Fältet ”{name}”",
  "field.identityNumber":
    "{field}: innehåller ett personnummer eller samordningsnummer. Patientuppgifter får inte lagras här; ta bort numret.",

  "label.name": "Namn",
  "label.email": "E-postadress",
  "label.password": "Lösenord",
  "label.title": "Titel",
  "label.description": "Beskrivning",
  "label.dueDate": "Klart senast",
  "label.status": "Status",
  "label.role": "Roll",
  "label.organizationId": "Organisation",
  "label.organizations": "Organisationer",
  "label.ownerId": "Ansvarig",
  "label.q": "Sökning",
  "label.from": "Från",
  "label.to": "Till",
  "label.year": "År",
  "label.place": "Plats",
  "label.startsAt": "Start",
  "label.approverIds": "Justerare",
  "label.convener": "Sammankallande",
  "label.kind": "Typ",
  "label.body": "Text",
  "label.registrationNumber": "Diarienummer",
  "label.retentionDays": "Bevarandetid",
  "label.limit": "Antal",
  "label.dueWithin": "Inom antal dagar",
  "label.locale": "Språk",
};

const en: Record<keyof typeof sv, string> = {
  account_exists: "There is already an account with that e-mail address.",
  already_approved: "You have already approved.",
  already_member: "This person is already in the partnership.",
  already_set_up: "Samverkan is already set up; sign in instead.",
  approver_not_member: "Every approver must be a member of the partnership.",
  approvers_missing: "Name at least one approver first.",
  board_locked: "The board is locked and cannot be changed.",
  cannot_deactivate_self: "You cannot deactivate your own account.",
  empty_file: "The file is empty.",
  forbidden: "You do not have permission to do this.",
  invalid_credentials: "Wrong e-mail address or password.",
  invalid_json: "The request could not be read. Reload the page and try again.",
  last_convener: "The partnership needs at least one convener.",
  meeting_date_missing: "Set the meeting's date and time first.",
  meeting_not_held: "The meeting has not started yet.",
  minutes_not_approved: "The minutes are not approved yet.",
  minutes_not_closed: "The meeting is not closed yet.",
  minutes_not_draft: "The minutes are already closed and cannot be changed here.",
  minutes_not_sealed: "The minutes are not archived yet.",
  not_found: "What you are looking for does not exist, or you do not have access to it.",
  not_member: "This person is not in the partnership.",
  not_minutes: "This board is not minutes.",
  organization_exists: "There is already an organisation with that name.",
  organization_inactive: "The organisation is deactivated and cannot be chosen.",
  passwords_off: "Signing in with a password is turned off here; sign in through your organisation.",
  payload_too_large: "What you sent is too large.",
  rate_limited: "Too many attempts. Wait a moment and try again.",
  report_frozen: "This report is frozen and cannot change; make a new version to change it.",
  report_not_frozen: "Only a frozen report gets a new version; edit the draft instead.",
  same_person: "Choose someone else.",
  unauthenticated: "You are signed out. Sign in again to continue.",
  unknown_organization: "The organisation does not exist.",
  unknown_user: "The person does not exist.",
  unsupported_media_type: "The request could not be read. Reload the page and try again.",
  decision_point_decided: "The decision point is decided and locked. A convener can reopen it.",
  decision_point_not_decided: "The decision point has no decision to reopen.",
  unknown_minutes_board: "The minutes are not in this partnership.",
  unknown_minutes_item: "The minutes have no such item (§).",
  checklist_full: "A checklist has at most 50 items.",
  unknown_unit: "The unit does not exist on this board.",
  unknown_occasion: "The measuring occasion does not exist on this board.",
  value_out_of_range: "The value is outside the allowed range.",
  "range.between": "The value must be between {min} and {max}.",
  "range.atLeast": "The value must be at least {min}.",
  "range.atMost": "The value must be at most {max}.",
  invalid_value: "The value cannot be used.",
  other: "That did not work (error code {code}).",

  "field.required": "{field}: required.",
  "field.tooShort": "{field}: at least {min} characters.",
  "field.tooLong": "{field}: at most {max} characters.",
  "field.tooFewItems": "{field}: choose at least {min}.",
  "field.tooManyItems": "{field}: at most {max}.",
  "field.tooLow": "{field}: at least {min}.",
  "field.tooHigh": "{field}: at most {max}.",
  "field.email": "{field}: enter an e-mail address, such as name@municipality.se.",
  "field.date": "{field}: enter a date that exists, YYYY-MM-DD.",
  "field.format": "{field}: the value has the wrong form.",
  "field.choice": "{field}: choose one of the options.",
  "field.unknown": "{field}: unknown field.",
  "field.invalid": "{field}: the value cannot be used.",
  "field.someField": "The field “{name}”",
  "field.identityNumber":
    "{field}: contains a personal identity number. Patient data must not be stored here; remove the number.",

  "label.name": "Name",
  "label.email": "E-mail address",
  "label.password": "Password",
  "label.title": "Title",
  "label.description": "Description",
  "label.dueDate": "Due date",
  "label.status": "Status",
  "label.role": "Role",
  "label.organizationId": "Organisation",
  "label.organizations": "Organisations",
  "label.ownerId": "Owner",
  "label.q": "Search",
  "label.from": "From",
  "label.to": "To",
  "label.year": "Year",
  "label.place": "Place",
  "label.startsAt": "Start",
  "label.approverIds": "Approvers",
  "label.convener": "Convener",
  "label.kind": "Type",
  "label.body": "Text",
  "label.registrationNumber": "Registration number",
  "label.retentionDays": "Retention",
  "label.limit": "Number",
  "label.dueWithin": "Within days",
  "label.locale": "Language",
};

const { t } = textArea(sv, en);
type Key = keyof typeof sv;

export interface FieldIssue {
  field: string;
  code: string;
  minimum?: number;
  maximum?: number;
  origin?: string;
  format?: string;
}

/** "Lösenord" for `password`, "Fältet ”x”" for a field we have no name for. */
function label(path: string): string {
  const last =
    path
      .split(".")
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? path;
  const key = `label.${last}` as Key;
  return key in sv ? t(key) : t("field.someField", { name: last });
}

export function issueText(issue: FieldIssue): string {
  const field = label(issue.field);
  const counted = issue.origin === "array" || issue.origin === "set";
  const measured = issue.origin === "string";
  switch (issue.code) {
    case "unrecognized_key":
      return t("field.unknown", { field });
    case "too_small":
      if (issue.minimum === undefined) return t("field.invalid", { field });
      if (measured)
        return issue.minimum <= 1 ? t("field.required", { field }) : t("field.tooShort", { field, min: issue.minimum });
      return t(counted ? "field.tooFewItems" : "field.tooLow", { field, min: issue.minimum });
    case "too_big":
      if (issue.maximum === undefined) return t("field.invalid", { field });
      return t(measured ? "field.tooLong" : counted ? "field.tooManyItems" : "field.tooHigh", {
        field,
        max: issue.maximum,
      });
    case "invalid_format":
      if (issue.format === "email") return t("field.email", { field });
      if (issue.format === "date" || issue.format === "datetime") return t("field.date", { field });
      return t("field.format", { field });
    case "invalid_value":
      return t("field.choice", { field });
    default:
      return t("field.invalid", { field });
  }
}

/** The server's answer in the reader's words, or null when it has no code we know. */
export function serverErrorText(code: string, details: unknown): string | null {
  const d = (details ?? {}) as { issues?: FieldIssue[]; fields?: Record<string, string> };
  if (code === "validation_failed") {
    const issues = Array.isArray(d.issues) ? d.issues : [];
    if (issues.length) return issues.map(issueText).join(" ");
    const first = d.fields ? Object.keys(d.fields)[0] : undefined;
    return first ? t("field.invalid", { field: label(first) }) : null;
  }
  if (code === "identity_number") {
    const first = d.fields ? Object.keys(d.fields)[0] : undefined;
    return first ? t("field.identityNumber", { field: label(first) }) : null;
  }
  if (code === "value_out_of_range") {
    const { minimum: min, maximum: max } = (details ?? {}) as { minimum?: number; maximum?: number };
    const number = (n: number) => new Intl.NumberFormat(locale() === "sv" ? "sv-SE" : "en-GB").format(n);
    if (min !== undefined && max !== undefined) return t("range.between", { min: number(min), max: number(max) });
    if (min !== undefined) return t("range.atLeast", { min: number(min) });
    if (max !== undefined) return t("range.atMost", { max: number(max) });
  }
  return code in sv && !/^(field|label|range)\./.test(code) ? t(code as Key) : null;
}

/** For a code no text knows: the code itself, in a sentence of the reader's language. */
export function unknownErrorText(code: string): string {
  return t("other", { code });
}
