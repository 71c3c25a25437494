/**
 * The demo meeting's minutes (protokoll från samverkansmöte), as data: attendees by
 * organisation, agenda items numbered § 1…, notes and decisions. Action items are not listed
 * here: they come from the focus areas' actions decided under each item (demo-focus.ts).
 */
import type { AgendaKey } from "./demo-focus.js";
import { type DemoPersonKey, DEMO_GUESTS as G, type OrgKey, DEMO_PEOPLE as P, DEMO_UNITS as U } from "./demo-people.js";

export const MEETING_PLACE = "Kommunhuset i Fjugesta, sammanträdesrum Hagen";
export const MEETING_HOURS = { start: "13:00", end: "14:30" };

export const minutesTitle = (date: string) => `Samverkansmöte ${date}`;

export type AttendeeSeed =
  | { person: DemoPersonKey; present: boolean }
  | { guest: keyof typeof G; present: boolean; note?: string };

export const ATTENDEES: AttendeeSeed[] = [
  { person: "convener", present: true },
  { person: "nurse", present: true },
  { person: "physio", present: true },
  { guest: "ot", present: true },
  { guest: "shortTermManager", present: true },
  { person: "doctor", present: true },
  { guest: "careCoordinator", present: true },
  { guest: "clinicManager", present: false },
  { guest: "publicHealth", present: true },
  { person: "observer", present: false },
];

/** The person's role as written in the attendee list ("Distriktsläkare"), with "ordförande" for the convener. */
export function attendeeRole(seed: AttendeeSeed): { name: string; title: string; org: OrgKey } {
  if ("person" in seed) {
    const p = P[seed.person];
    return { name: p.name, title: seed.person === "convener" ? `${p.title}, ordförande` : p.title, org: p.org };
  }
  return G[seed.guest];
}

export interface AgendaSeed {
  key: AgendaKey;
  title: string;
  notes: string;
  decisions: string[];
}

export const AGENDA: AgendaSeed[] = [
  {
    key: "opening",
    title: "Mötets öppnande och val av justerare",
    notes: `${P.convener.name} hälsade välkommen. ${G.clinicManager.name} och ${P.observer.name} hade anmält förhinder.`,
    decisions: [`${P.doctor.name} utses att jämte ordföranden justera dagens protokoll.`],
  },
  {
    key: "previous",
    title: "Föregående protokoll och åtgärdslista",
    notes:
      "Åtgärdslistan från förra mötet gicks igenom. Kartläggningen av vårdkedjan vid korttidsboendet är klar och " +
      "redovisas under § 5. Rondmallen med punkter för rehab och hjälpmedel används nu på alla ronder på " +
      `${U.careHome}.`,
    decisions: ["Föregående protokoll läggs till handlingarna."],
  },
  {
    key: "rounds",
    title: "Hela teamet på ronden – erfarenheter från Björkhagen",
    notes:
      `${P.physio.name} och ${G.ot.name} redovisade de första månaderna med rehab på ronden. Rehab har deltagit i ` +
      "drygt hälften av ronderna (exempeldata). Frågor om fall, förflyttning och hjälpmedel har kunnat lösas " +
      `direkt med läkaren. ${P.doctor.name} bekräftade att färre frågor kommer i efterhand.\n` +
      `Tiden räcker inte alla veckor. ${G.shortTermManager.name} önskar att ${U.shortTerm} får samma arbetssätt.`,
    decisions: [
      `Rehab på ronden fortsätter på ${U.careHome} och utvidgas till ${U.shortTerm} från nästa månad.`,
      "Arbetssättet utvärderas med en enkät till personalen efter tre månader.",
    ],
  },
  {
    key: "palliative",
    title: "Palliativa målgruppen – brytpunktssamtal",
    notes:
      `${P.nurse.name} beskrev att brytpunktssamtal inte alltid dokumenteras så att kommunens sjuksköterska ser ` +
      "dem. Sedan rutinen med gemensamt planerade samtal infördes har andelen dokumenterade samtal ökat " +
      "(exempeldata, se fokusområdet Palliativ vård).\n" +
      "Gruppen diskuterade stödet till närstående efter dödsfall. Frågan tas vidare i arbetsgruppen.",
    decisions: [
      "Rutinen för gemensamt planerade brytpunktssamtal fortsätter och följs upp med Svenska palliativregistret.",
    ],
  },
  {
    key: "respite",
    title: "Växelvård och korttidsboende – vårdkedjan",
    notes:
      `${P.convener.name} redovisade kartläggningen av vårdkedjan vid in- och utskrivning från korttidsboendet. ` +
      "Tre glapp: läkemedelslistan är inte alltid uppdaterad vid ankomst, rehabplanen följer inte med hem, och " +
      "närstående vet inte vem som är kontakt.\n" +
      `${P.doctor.name} och ${G.careCoordinator.name} föreslog att vårdcentralen gör en läkemedelsgenomgång ` +
      "tillsammans med kommunens sjuksköterska kort efter ankomsten.",
    decisions: [
      "Vårdcentralen prövar läkemedelsgenomgång inom tre vardagar efter ankomst till korttidsboendet under ett kvartal.",
    ],
  },
  {
    key: "between",
    title: "Mellanrummet – avidentifierade ärenden",
    notes:
      "Arbetsgruppen har samlat fem avidentifierade exempel (exempeldata). Gemensamt för flera: yngre personer med " +
      "kronisk sjukdom som inte är inskrivna i hemsjukvården men inte heller tar sig till vårdcentralen. " +
      "Kontaktvägarna har ofta gått via personer som sedan har slutat.\n" +
      "Inga personuppgifter förs in i protokollen eller på tavlorna.",
    decisions: [
      "En avidentifierad ärendedragning blir en stående punkt på samverkansmötet.",
      "Kontaktvägar anges med funktionsnummer och funktionsbrevlådor, inte med personnamn.",
    ],
  },
  {
    key: "goals",
    title: "Uppföljning av samverkansplanens mål",
    notes:
      "Uppföljande P-CAT-mätning på korttidsboendet visar en liten förbättring jämfört med baslinjen (exempeldata). " +
      "Målet om ökad delaktighet och personcentrerat arbetssätt inom socialförvaltningen bedöms ändå som ej " +
      "uppnått: flera enheter har fått nya chefer under året och arbetet har fått börja om.\n" +
      "Målet om kontinuitet i primärvården bedöms som delvis uppnått. Kunskapsmålet om omställningen är uppnått.\n" +
      `${G.publicHealth.name} erbjöd stöd från Sydnärkes folkhälsoteam i kontakterna med civilsamhället.`,
    decisions: [
      "Målstatus i samverkansplanen uppdateras enligt dagens genomgång.",
      "Processledaren sammanställer uppföljningen till styrgruppens nästa möte.",
    ],
  },
  {
    key: "other",
    title: "Övriga frågor och nästa möte",
    notes: "Inga övriga frågor. Nästa samverkansmöte hålls om fyra veckor på vårdcentralen.",
    decisions: [],
  },
];
