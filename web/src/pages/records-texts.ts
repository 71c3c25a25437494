/** Texts of the audit log (händelselogg) and the data export: loaded with those pages (i18n/area.ts). */
import { textArea } from "../i18n/area.js";

const recordsSv = {
  "records.title": "Händelselogg",
  "records.instanceTitle": "Händelselogg för hela installationen",
  "records.intro":
    "Vem gjorde vad och när i samverkansytan: medlemmar, inbjudningar, tavlor, justering och export av protokoll. Bara sammankallande ser loggen.",
  "records.instanceIntro":
    "Alla händelser i installationen, också inloggningar och konton. Bara administratören ser den här sidan.",
  "records.retention": "Händelser tas bort automatiskt när gallringsfristen har gått ut.",
  "records.back": "Tillbaka till samverkansytan",
  "records.filters": "Filtrera händelser",
  "records.person": "Person",
  "records.anyone": "Alla personer",
  "records.kind": "Typ av händelse",
  "records.anyKind": "Alla typer",
  "records.from": "Från och med",
  "records.to": "Till och med",
  "records.apply": "Visa",
  "records.clear": "Rensa filter",
  "records.csv": "Ladda ner som CSV (öppnas i Excel)",
  "records.countOne": "{count} händelse visas",
  "records.countOther": "{count} händelser visas",
  "records.moreExist": "Det finns äldre händelser.",
  "records.more": "Visa fler",
  "records.none": "Inga händelser matchar filtret.",
  "records.badFilter": "Filtret går inte att använda. Från och med får inte vara senare än till och med.",
  "records.events": "Händelser",
  "records.in": "i {name}",
  "records.from_ip": "från {ip}",
  "records.open": "Händelselogg",
  "records.instanceLink": "Händelselogg för hela installationen",
  "records.exportHeading": "Exportera samverkansytan",
  "records.exportHint":
    "En zip-fil med alla tavlor (som text och data), de förseglade protokollen med kontrollsummor, medlemmar, organisationer och händelseloggen. För arkivet, eller för att lämna tjänsten.",
  "records.export": "Exportera all data",
} as const;

const recordsEn: Record<keyof typeof recordsSv, string> = {
  "records.title": "Audit log",
  "records.instanceTitle": "Audit log for the whole instance",
  "records.intro":
    "Who did what and when in the partnership: members, invitations, boards, approval and export of minutes. Only conveners see the log.",
  "records.instanceIntro":
    "Every event of the instance, sign-ins and accounts included. Only the administrator sees this page.",
  "records.retention": "Events are deleted automatically once the retention period has passed.",
  "records.back": "Back to the partnership",
  "records.filters": "Filter events",
  "records.person": "Person",
  "records.anyone": "Everyone",
  "records.kind": "Kind of event",
  "records.anyKind": "All kinds",
  "records.from": "From",
  "records.to": "To (inclusive)",
  "records.apply": "Show",
  "records.clear": "Clear filters",
  "records.csv": "Download as CSV (opens in Excel)",
  "records.countOne": "{count} event shown",
  "records.countOther": "{count} events shown",
  "records.moreExist": "There are older events.",
  "records.more": "Show more",
  "records.none": "No events match the filter.",
  "records.badFilter": "The filter cannot be used. From must not be later than to.",
  "records.events": "Events",
  "records.in": "in {name}",
  "records.from_ip": "from {ip}",
  "records.open": "Audit log",
  "records.instanceLink": "Audit log for the whole instance",
  "records.exportHeading": "Export the partnership",
  "records.exportHint":
    "A zip file with every board (as text and data), the sealed minutes with checksums, members, organisations and the audit log. For the archive, or to leave the service.",
  "records.export": "Export all data",
};

export const { t: tr, tp: trp } = textArea(recordsSv, recordsEn);
export type RecordsTextKey = Parameters<typeof tr>[0];
