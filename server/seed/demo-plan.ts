/**
 * The demo partnership's local collaboration plan (lokal samverkansplan), as data: purpose,
 * meeting cadence, sections, goals with statuses like those of the source material's final
 * report, and the contact routes between the organisations (functions, never named people).
 */
import type { Perspective } from "../../shared/boards/fields.js";
import type { GoalLevel, GoalStatus } from "../../shared/boards/plan.js";
import { type OrgKey, DEMO_UNITS as U } from "./demo-people.js";

export interface GoalSeed {
  title: string;
  level: GoalLevel;
  perspectives: Perspective[];
  status: GoalStatus;
  comment: string;
}

export const PLAN_TITLE = "Lokal samverkansplan nära vård Lekeberg";

export const PLAN_PURPOSE =
  "Samverkansplanen beskriver hur Lekebergs kommun och Capio Vårdcentral Lekeberg tillsammans ger en god, nära " +
  "och samordnad vård till invånare som behöver insatser från båda huvudmännen. Den utgår från den " +
  "länsgemensamma målbilden för nära vård i Örebro län med dess tre perspektiv – invånare, samverkan och " +
  "medarbetare – och från reformens inriktningsmål: ökad tillgänglighet, mer delaktiga patienter och en " +
  "personcentrerad vård samt ökad kontinuitet i primärvården.\n" +
  "Planen ska göra samverkan mindre beroende av enskilda personer. När chefer och medarbetare byts ut ska " +
  "arbetet inte behöva börja om: beslut, öppna aktiviteter och kontaktvägar finns här.";

export const PLAN_CADENCE =
  "Samverkansmöte en gång i månaden utom juli, 90 minuter, växelvis i kommunhuset i Fjugesta och på " +
  "vårdcentralen. Processledaren är sammankallande och för protokoll; en justerare från vårdcentralen.";

export const planPeriod = (year: number) => `${year}–${year + 1}`;

export const PLAN_SECTIONS: { heading: string; body: string }[] = [
  {
    heading: "Bakgrund",
    body:
      "Omställningen till god och nära vård innebär en förändring i hela välfärden. Färre ska ta hand om fler, " +
      "och vården behöver bli mer personcentrerad, sammanhållen, proaktiv och hälsofrämjande.\n" +
      "Kommunstyrelsen har antagit den länsgemensamma målbilden och färdplanen för omställning till nära vård i " +
      "Örebro län, med primärvården som nav. Kommunens hälso- och sjukvårdsorganisation och vårdcentralen har " +
      "därefter tagit fram denna lokala samverkansplan – ”Vår primärvård i Lekeberg”.",
  },
  {
    heading: "Parter och roller",
    body:
      "Lekebergs kommun: socialförvaltningen (äldreomsorg, biståndshandläggning, processledare för nära vård) och " +
      "hälso- och sjukvårdsorganisationen (sjuksköterskor, fysioterapeuter och arbetsterapeuter).\n" +
      "Capio Vårdcentral Lekeberg: läkare, distriktssköterskor, vårdsamordnare och rehab, med avtal med Region " +
      "Örebro län.\n" +
      "Region Örebro län: samverkansledaren för södra länsdelen följer arbetet och tar frågor vidare till " +
      "länsdelsgruppen.\n" +
      "Sydnärkes folkhälsoteam: stöd i det hälsofrämjande arbetet och kontakter med civilsamhället.",
  },
  {
    heading: "Mötesformer",
    body:
      "Samverkansmötet följer upp planen, fattar beslut om aktiviteter och fördelar ansvar. Dagordningen numreras " +
      "med § och beslutade aktiviteter läggs in på rätt fokusområde med ansvarig och datum.\n" +
      "Protokollet justeras av sammankallande och en justerare från vårdcentralen inom en vecka.\n" +
      "Arbetsgrupperna för fokusområdena träffas mellan mötena efter behov. Styrgruppen får en uppföljning två " +
      "gånger per år.",
  },
  {
    heading: "Fokusområden",
    body:
      "1. Palliativa målgruppen – hur arbetar vi vidare?\n" +
      "2. Växelvård och korttidsboende – hur kan vi säkra upp vårdkedjan?\n" +
      "3. Mellanrummet – patienter som utifrån organisation och uppdrag hamnar mellan huvudmännen.\n" +
      `4. Hela teamet på ronden – fysioterapeut och arbetsterapeut möter läkare och sjuksköterska, först på ${U.careHome}.`,
  },
  {
    heading: "Uppföljning och mått",
    body:
      "Personcentrering mäts med P-CAT (Person-centred Care Assessment Tool) på särskilt boende, korttidsboende " +
      "och i hemtjänsten: en baslinjemätning och därefter en gång per halvår.\n" +
      "Palliativ vård följs med Svenska palliativregistret, ronderna med andel ronder där rehab deltar. " +
      "Socialstyrelsens brukarundersökning ”Vad tycker de äldre om äldreomsorgen?” används som stöd.\n" +
      "Varje aktivitet följer PGSA: planera, göra, studera, agera. Siffror i demoversionen är påhittade och " +
      "markerade som exempel.",
  },
  {
    heading: "När samverkan inte fungerar",
    body:
      "Avvikelser i samverkan rapporteras i respektive organisations system och tas upp på nästa samverkansmöte. " +
      "Frågor som inte kan lösas lokalt lyfts till styrgruppen och vid behov till länsdelsgruppen via " +
      "samverkansledaren.",
  },
];

export const PLAN_GOALS: GoalSeed[] = [
  {
    title: "Chefer och medarbetare i kommunen och på vårdcentralen har kunskap om omställningen till nära vård",
    level: "effect",
    perspectives: ["staff"],
    status: "achieved",
    comment:
      "Information på arbetsplatsträffar, chefsdialog och intranät är genomförd enligt kommunikationsplanen. " +
      "Nyanställda får informationen vid introduktionen.",
  },
  {
    title: "Ökad delaktighet och personcentrerat arbetssätt inom socialförvaltningen",
    level: "effect",
    perspectives: ["citizen", "staff"],
    status: "not_achieved",
    comment:
      "Inte uppnått. Hög omsättning på enhetschefer: flera enheter har bytt chef mer än en gång under året, och " +
      "arbetet har fått börja om. Uppföljande P-CAT-mätning har bara kunnat göras på korttidsboendet. " +
      "Fortsätter nästa år med utbildningsstöd till alla medarbetare redan vid introduktionen.",
  },
  {
    title: "Ökad kontinuitet i primärvården för äldre med omfattande behov",
    level: "effect",
    perspectives: ["citizen", "collaboration"],
    status: "partly_achieved",
    comment:
      "Delvis uppnått. Vårdcentralen har hög läkarkontinuitet och kommunens sjuksköterskeområden har " +
      "stabiliserats. Korta kontaktvägar, men insatserna når ännu inte hela målgruppen – barn och unga saknas.",
  },
  {
    title: "En lokal samverkansplan med fasta möten, protokoll och uppföljning",
    level: "project",
    perspectives: ["collaboration"],
    status: "achieved",
    comment: "Planen är antagen och samverkansmötet hålls varje månad med justerade protokoll.",
  },
  {
    title: "Hela teamet har tillgång till rondtillfällen",
    level: "project",
    perspectives: ["staff", "collaboration"],
    status: "partly_achieved",
    comment: `Infört på ${U.careHome}. ${U.shortTerm} står på tur.`,
  },
  {
    title: "Ökad samverkan med civilsamhället kring äldres hälsa",
    level: "project",
    perspectives: ["citizen", "collaboration"],
    status: "partly_achieved",
    comment:
      "Nya kontakter via seniorveckan och studieförbunden, tillsammans med Sydnärkes folkhälsoteam. " +
      "Många aktörer att ”kroka arm med”; en handlingsplan saknas ännu.",
  },
  {
    title: "Invånare i Lekeberg vet vad nära vård innebär och vart de vänder sig",
    level: "effect",
    perspectives: ["citizen"],
    status: "not_started",
    comment: "Planeras: invånardialog och uppdaterad information på kommunens webbplats.",
  },
];

export const PLAN_CONTACTS: { org: OrgKey; route: string; purpose: string }[] = [
  {
    org: "capio",
    route: "Sjuksköterskemottagningens direktnummer för kommunens sjuksköterskor, vardagar 8–17",
    purpose: "Frågor om patienter i hemsjukvården och på särskilt boende som inte kan vänta till ronden",
  },
  {
    org: "capio",
    route: "Vårdsamordnaren via funktionsbrevlåda, svar inom en vardag",
    purpose: "Utskrivning från sjukhus, SIP och samordnad planering",
  },
  {
    org: "hsl",
    route: "Kommunens sjuksköterska i tjänst via växeln, dygnet runt",
    purpose: "Ordinationer och förändrat hälsotillstånd",
  },
  {
    org: "hsl",
    route: "Rehab (fysioterapeut och arbetsterapeut) via funktionsbrevlåda, svar inom två vardagar",
    purpose: "Hjälpmedel, träning och underlag inför ronden",
  },
  {
    org: "social",
    route: "Biståndshandläggare via kommunens kontaktcenter",
    purpose: "Växelvård, korttidsplats och hemtjänstinsatser",
  },
  {
    org: "region",
    route: "Samverkansledaren för södra länsdelen via funktionsbrevlåda",
    purpose: "Frågor som behöver lyftas till länsdelsgruppen",
  },
  {
    org: "sydnarke",
    route: "Folkhälsoteamet via folkhälsostrategen",
    purpose: "Hälsofrämjande insatser och kontakter med civilsamhället",
  },
];
