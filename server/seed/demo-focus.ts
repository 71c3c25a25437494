/**
 * The four focus areas of the demo partnership, as data: the areas the source material's local
 * collaboration plan names (palliative care; respite and short-term care; "mellanrummet"; the whole
 * team at the rounds) with plausible actions. Every measurement is invented and marked as example.
 * Actions with `decidedUnder` were decided at the demo meeting and are linked both ways with it.
 */
import type { Perspective } from "../../shared/boards/fields.js";
import type { ActionStatus, PdsaPhase } from "../../shared/boards/focus.js";
import { type DemoPersonKey, type OrgKey, DEMO_UNITS as U } from "./demo-people.js";

export type FocusKey = "palliative" | "respite" | "between" | "team";
export type AgendaKey = "opening" | "previous" | "rounds" | "palliative" | "respite" | "between" | "goals" | "other";

export interface MeasurementSeed {
  label: string;
  value: number;
  unit: string;
  daysAgo: number;
  kind: "baseline" | "follow_up";
}

export interface ActionSeed {
  title: string;
  description: string;
  status: ActionStatus;
  owner: DemoPersonKey | null;
  org: OrgKey;
  /** Days from the seeding day; negative = already passed. */
  dueInDays: number | null;
  /** Ignored for actions decided at the meeting (created that day). */
  createdDaysAgo: number;
  pdsa?: PdsaPhase;
  notes?: Partial<Record<PdsaPhase, string>>;
  measurements?: MeasurementSeed[];
  decidedUnder?: AgendaKey;
}

export interface FocusSeed {
  key: FocusKey;
  title: string;
  targetGroup: string;
  perspectives: Perspective[];
  description: string;
  actions: ActionSeed[];
}

export const FOCUS_AREAS: FocusSeed[] = [
  {
    key: "palliative",
    title: "Palliativ vård",
    targetGroup: "Personer i palliativt skede i ordinärt boende och på särskilt boende, och deras närstående",
    perspectives: ["citizen", "collaboration"],
    description:
      "Palliativa målgruppen – hur arbetar vi vidare? Vi vill att den som närmar sig livets slut får en planerad, " +
      "trygg vård där hen bor, med samma information hos läkaren på vårdcentralen och kommunens sjuksköterska.\n" +
      "Fokus detta år: brytpunktssamtal som planeras och dokumenteras gemensamt, förberedda vid behov-läkemedel " +
      "och stöd till närstående efter dödsfall.",
    actions: [
      {
        title: "Brytpunktssamtal planeras gemensamt av läkare och kommunens sjuksköterska",
        description:
          "Läkaren bokar samtalet tillsammans med ansvarig sjuksköterska, som deltar när det är möjligt. " +
          "Samtalet dokumenteras så att båda huvudmännen ser det (vårdcentralens journal och kommunens " +
          "hälso- och sjukvårdsjournal) och närstående vet vem de ringer.",
        status: "in_progress",
        owner: "doctor",
        org: "capio",
        dueInDays: 60,
        createdDaysAgo: 150,
        pdsa: "do",
        notes: {
          plan: "Pröva under ett kvartal på Björkhagen och i hemsjukvården. Mått: andel avlidna med dokumenterat brytpunktssamtal.",
          do: "Rutinen har använts i två månader. Sjuksköterskan får kallelse i samma ärende som läkaren.",
        },
        measurements: [
          {
            label: "Andel avlidna med dokumenterat brytpunktssamtal",
            value: 52,
            unit: "%",
            daysAgo: 200,
            kind: "baseline",
          },
          {
            label: "Andel avlidna med dokumenterat brytpunktssamtal",
            value: 64,
            unit: "%",
            daysAgo: 25,
            kind: "follow_up",
          },
        ],
      },
      {
        title: "Vid behov-läkemedel ordineras i förväg för personer i palliativt skede",
        description:
          "Injektionsläkemedel mot smärta, oro, illamående och rosslighet ordineras och finns på plats innan de " +
          "behövs, så att ingen behöver vänta på en läkare en fredagskväll.",
        status: "done",
        owner: "doctor",
        org: "capio",
        dueInDays: -40,
        createdDaysAgo: 220,
        pdsa: "act",
        notes: { act: "Ingår nu i ordinationsrutinen. Följs upp vid läkemedelsgenomgångar." },
      },
      {
        title: "Utbildning i palliativ vård för omvårdnadspersonal",
        description:
          "Webbutbildning och reflektionsträffar för omvårdnadspersonal på särskilt boende och i hemtjänsten, " +
          "ledda av kommunens sjuksköterskor. Nyanställda går utbildningen under introduktionen.",
        status: "planned",
        owner: "nurse",
        org: "hsl",
        dueInDays: 120,
        createdDaysAgo: 90,
      },
      {
        title: "Sammanställa resultat från Svenska palliativregistret för senaste halvåret",
        description:
          "Underlag till nästa samverkansmöte: brytpunktssamtal, smärtskattning, munhälsa och efterlevandesamtal, " +
          "jämfört med förra halvåret.",
        status: "planned",
        owner: "nurse",
        org: "hsl",
        dueInDays: 30,
        createdDaysAgo: 0,
        decidedUnder: "palliative",
      },
      {
        title: "Efterlevandesamtal erbjuds alla närstående",
        description: "Idé från arbetsgruppen: en gemensam broschyr och en kontaktperson för närstående efter dödsfall.",
        status: "idea",
        owner: null,
        org: "hsl",
        dueInDays: null,
        createdDaysAgo: 40,
      },
    ],
  },
  {
    key: "respite",
    title: "Växelvård och korttidsboende – vårdkedjan",
    targetGroup: "Personer med växelvård eller korttidsplats, och deras närstående",
    perspectives: ["citizen", "collaboration", "staff"],
    description:
      "Målgrupp med växelvård eller korttidsboende – hur kan vi säkra upp vårdkedjan? Personen flyttar mellan " +
      "hemmet, sjukhuset och korttidsboendet, ibland flera gånger på kort tid. Vid varje övergång riskerar " +
      "läkemedelslistan, rehabplanen och kontaktuppgifterna att falla bort.\n" +
      `Arbetet utgår från en kartläggning av vårdkedjan på ${U.shortTerm} och följs upp med P-CAT.`,
    actions: [
      {
        title: "Kartlägga vårdkedjan vid in- och utskrivning från korttidsboendet",
        description:
          "Processkartläggning med biståndshandläggare, korttidsboendet, kommunens sjuksköterska, rehab och " +
          "vårdsamordnaren på vårdcentralen: vem gör vad, när, och vad behöver nästa led veta?",
        status: "follow_up",
        owner: "convener",
        org: "social",
        dueInDays: -10,
        createdDaysAgo: 180,
        pdsa: "study",
        notes: {
          plan: "Två workshoppar om 2 timmar. Ett avidentifierat förlopp som exempel.",
          do: "Genomförda. Kartan finns som bilaga till samverkansplanen.",
          study:
            "Tre glapp: läkemedelslistan är inte alltid uppdaterad vid ankomst, rehabplanen följer inte med hem, " +
            "närstående vet inte vem som är kontakt.",
        },
      },
      {
        title: "Pröva läkemedelsgenomgång inom tre vardagar efter ankomst till korttidsboendet",
        description:
          "Vårdcentralens läkare gör en läkemedelsgenomgång tillsammans med kommunens sjuksköterska inom tre " +
          "vardagar efter ankomst. Prövas under ett kvartal och följs upp på samverkansmötet.",
        status: "planned",
        owner: "doctor",
        org: "capio",
        dueInDays: 45,
        createdDaysAgo: 0,
        pdsa: "plan",
        decidedUnder: "respite",
      },
      {
        title: "Rehabplanen följer med hem efter korttidsvistelsen",
        description:
          "Fysioterapeut eller arbetsterapeut skriver en kort plan för fortsatt träning som lämnas till personen, " +
          "hemtjänsten och vid behov vårdcentralens rehab.",
        status: "in_progress",
        owner: "physio",
        org: "hsl",
        dueInDays: 75,
        createdDaysAgo: 60,
        pdsa: "do",
      },
      {
        title: "Mäta personcentrering med P-CAT på korttidsboendet",
        description:
          "Personalen besvarar P-CAT (Person-centred Care Assessment Tool, 13 påståenden, skala 13–65) vid " +
          "baslinjen och ett halvår senare. Resultatet diskuteras på arbetsplatsträff.",
        status: "follow_up",
        owner: "convener",
        org: "social",
        dueInDays: 20,
        createdDaysAgo: 230,
        pdsa: "study",
        notes: {
          study:
            "Små förbättringar. Enheten har bytt chef under perioden, vilket försvårar jämförelsen. Ny mätning om ett halvår.",
        },
        measurements: [
          { label: "P-CAT, medelvärde för personalen", value: 38.2, unit: "poäng", daysAgo: 210, kind: "baseline" },
          { label: "P-CAT, medelvärde för personalen", value: 41, unit: "poäng", daysAgo: 18, kind: "follow_up" },
          { label: "P-CAT, antal svarande", value: 14, unit: "st", daysAgo: 210, kind: "baseline" },
          { label: "P-CAT, antal svarande", value: 11, unit: "st", daysAgo: 18, kind: "follow_up" },
        ],
      },
      {
        title: "En namngiven kontakt för närstående under växelvården",
        description: "Närstående får vid första växelvårdsperioden veta vem på korttidsboendet som är deras kontakt.",
        status: "idea",
        owner: null,
        org: "social",
        dueInDays: null,
        createdDaysAgo: 30,
      },
    ],
  },
  {
    key: "between",
    title: "Mellanrummet – patienter mellan organisationerna",
    targetGroup:
      "Personer som utifrån organisation och uppdrag hamnar mellan kommun och vårdcentral, t.ex. yngre med " +
      "kronisk sjukdom som inte är inskrivna i hemsjukvården men inte heller tar sig till mottagningen",
    perspectives: ["citizen", "collaboration"],
    description:
      "Hur arbetar vi med patienter som utifrån organisation och uppdrag hamnar i upplevelsen av att vara i " +
      "”mellanrummet”? Ingen huvudman gör fel, men ingen tar helheten.\n" +
      "Vi samlar avidentifierade exempel, drar dem på samverkansmötet och bestämmer vem som håller i nästa steg. " +
      "Inga personuppgifter skrivs på tavlan: den är för planering, inte journal.",
    actions: [
      {
        title: "Samla avidentifierade exempel på ärenden i mellanrummet",
        description:
          "Kommunens sjuksköterskor och vårdcentralens vårdsamordnare noterar situationer där ansvaret varit " +
          "oklart. Beskriv situationen, inte personen.",
        status: "in_progress",
        owner: "nurse",
        org: "hsl",
        dueInDays: -5,
        createdDaysAgo: 120,
        pdsa: "do",
        measurements: [
          { label: "Antal avidentifierade ärenden som dragits", value: 0, unit: "st", daysAgo: 120, kind: "baseline" },
          { label: "Antal avidentifierade ärenden som dragits", value: 5, unit: "st", daysAgo: 9, kind: "follow_up" },
        ],
      },
      {
        title: "Ta fram en gemensam mall för avidentifierade ärendedragningar",
        description:
          "En sida: situationen, vilka insatser som finns, vad som saknas, vem som tar nästa steg. Används som " +
          "stående punkt på samverkansmötet.",
        status: "planned",
        owner: "convener",
        org: "social",
        dueInDays: 14,
        createdDaysAgo: 0,
        decidedUnder: "between",
      },
      {
        title: "Kontaktlista med funktionsnummer mellan vårdcentralen och kommunens sjuksköterskor",
        description:
          "Funktionsnummer och brevlådor i stället för personnamn, så att listan håller när personal byts ut. " +
          "Läggs in bland kontaktvägarna i samverkansplanen.",
        status: "planned",
        owner: "nurse",
        org: "hsl",
        dueInDays: 10,
        createdDaysAgo: 0,
        decidedUnder: "between",
      },
      {
        title: "Pröva SIP tidigare för personer i mellanrummet",
        description:
          "Samordnad individuell plan erbjuds redan när två huvudmän är inblandade, inte först när det har " +
          "blivit en kris.",
        status: "idea",
        owner: null,
        org: "capio",
        dueInDays: null,
        createdDaysAgo: 45,
      },
    ],
  },
  {
    key: "team",
    title: "Hela teamet på ronden",
    targetGroup: `Boende på ${U.careHome} och ${U.shortTerm}, och teamet runt dem`,
    perspectives: ["staff", "collaboration"],
    description:
      "Hela teamet får tillgång till rondtillfällen: fysioterapeut och arbetsterapeut möter läkare och " +
      "sjuksköterska på ronden i stället för att få frågorna i efterhand.\n" +
      "Fall, hjälpmedel, träning och nutrition kan då lösas direkt, och boendet får ett gemensamt besked.",
    actions: [
      {
        title: `Fysioterapeut och arbetsterapeut deltar i ronden på ${U.careHome}`,
        description:
          "Rehab deltar varannan vecka och i övrigt vid behov. Sjuksköterskan skickar rondlistan dagen före så att " +
          "rehab kan förbereda sig.",
        status: "in_progress",
        owner: "physio",
        org: "hsl",
        dueInDays: 90,
        createdDaysAgo: 140,
        pdsa: "study",
        notes: {
          plan: "Pröva i tre månader. Mått: andel ronder med rehab, antal boende med aktivt träningsprogram.",
          do: "Startade för fyra månader sedan. Rondlistan skickas dagen före.",
          study: "Läkaren upplever att frågor om fall och hjälpmedel löses direkt. Tiden räcker inte alla veckor.",
        },
        measurements: [
          {
            label: "Andel ronder med fysioterapeut eller arbetsterapeut",
            value: 10,
            unit: "%",
            daysAgo: 150,
            kind: "baseline",
          },
          {
            label: "Andel ronder med fysioterapeut eller arbetsterapeut",
            value: 58,
            unit: "%",
            daysAgo: 12,
            kind: "follow_up",
          },
          {
            label: "Boende med aktivt träningsprogram",
            value: 9,
            unit: "st",
            daysAgo: 150,
            kind: "baseline",
          },
          {
            label: "Boende med aktivt träningsprogram",
            value: 16,
            unit: "st",
            daysAgo: 12,
            kind: "follow_up",
          },
        ],
      },
      {
        title: "Gemensam rondmall med punkter för rehab och hjälpmedel",
        description: "Mallen har punkter för fall, förflyttning, hjälpmedel, träning och nutrition.",
        status: "done",
        owner: "physio",
        org: "hsl",
        dueInDays: -60,
        createdDaysAgo: 160,
        pdsa: "act",
      },
      {
        title: `Schema för rehabs deltagande i ronderna på ${U.careHome} och ${U.shortTerm}`,
        description:
          "Fysioterapeut och arbetsterapeut turas om så att rehab finns med vid minst varannan rond på båda " +
          "enheterna. Schemat stäms av med vårdcentralens rondläkare.",
        status: "planned",
        owner: "physio",
        org: "hsl",
        dueInDays: 21,
        createdDaysAgo: 0,
        decidedUnder: "rounds",
      },
      {
        title: "Enkät till personalen om ronderna efter tre månader",
        description:
          "Korta frågor till omvårdnadspersonal, sjuksköterskor, rehab och läkare: vad blev bättre, vad saknas?",
        status: "planned",
        owner: "convener",
        org: "social",
        dueInDays: 50,
        createdDaysAgo: 100,
      },
      {
        title: "Digitalt deltagande i ronden när rehab inte kan vara på plats",
        description: "Idé: rehab ansluter via videomöte till de ronder där de inte kan vara på plats.",
        status: "idea",
        owner: null,
        org: "hsl",
        dueInDays: null,
        createdDaysAgo: 20,
      },
    ],
  },
];
