/**
 * The demo partnership's organisations and people. The organisations are the real parties of the
 * source material (Lekeberg's local care partnership); every person is invented — no name from the
 * source documents is used — and every e-mail address is under the reserved `.example` domain.
 */
import type { ORGANIZATION_KINDS, Role } from "../../shared/api/workspaces.js";

/** Documented in the README and printed at seed time; passes the password rules of shared/api/auth.ts. */
export const DEMO_PASSWORD = "Samverkan-demo-2026";

export type OrgKey = "social" | "hsl" | "capio" | "region" | "sydnarke";

export const DEMO_ORGANIZATIONS: Record<OrgKey, { name: string; kind: (typeof ORGANIZATION_KINDS)[number] }> = {
  social: { name: "Lekebergs kommun – socialförvaltningen", kind: "municipality" },
  hsl: { name: "Lekebergs kommun – hälso- och sjukvårdsorganisationen", kind: "municipality" },
  capio: { name: "Capio Vårdcentral Lekeberg", kind: "primary_care" },
  region: { name: "Region Örebro län", kind: "region" },
  sydnarke: { name: "Sydnärkes folkhälsoteam", kind: "municipality" },
};

export const DEMO_WORKSPACE = {
  name: "Nära vård Lekeberg",
  description:
    "Lokal samverkan om nära vård mellan Lekebergs kommun och Capio Vårdcentral Lekeberg, med stöd av " +
    "Region Örebro län och Sydnärkes folkhälsoteam. Demodata: alla personer är påhittade och siffror " +
    "markerade som exempel är påhittade.",
};

export const DEMO_ADMIN = {
  name: "Tove Lindahl",
  email: "admin@demo.example",
  title: "Systemförvaltare, Lekebergs kommun",
};

export type DemoPersonKey = "convener" | "nurse" | "physio" | "doctor" | "observer";

export interface DemoPerson {
  name: string;
  email: string;
  /** Their job, as written in the minutes' attendee list. */
  title: string;
  role: Role;
  org: OrgKey;
}

/** The demo accounts, in the order they are printed. The convener creates the boards. */
export const DEMO_PEOPLE: Record<DemoPersonKey, DemoPerson> = {
  convener: {
    name: "Helena Sjöberg",
    email: "sammankallande@demo.example",
    title: "Processledare nära vård",
    role: "convener",
    org: "social",
  },
  nurse: {
    name: "Sofia Lindqvist",
    email: "sjukskoterska@demo.example",
    title: "Sjuksköterska, hemsjukvården",
    role: "member",
    org: "hsl",
  },
  physio: {
    name: "Johan Nyberg",
    email: "fysioterapeut@demo.example",
    title: "Fysioterapeut",
    role: "member",
    org: "hsl",
  },
  doctor: {
    name: "Omar Haddad",
    email: "lakare@demo.example",
    title: "Distriktsläkare",
    role: "member",
    org: "capio",
  },
  observer: {
    name: "Gunilla Wallin",
    email: "observator@demo.example",
    title: "Samverkansledare södra länsdelen",
    role: "observer",
    org: "region",
  },
};

/** People in the minutes who have no account (invented too). */
export const DEMO_GUESTS = {
  ot: { name: "Elin Sandberg", title: "Arbetsterapeut", org: "hsl" },
  careCoordinator: { name: "Mikael Öberg", title: "Vårdsamordnare", org: "capio" },
  shortTermManager: { name: "Niklas Åberg", title: "Enhetschef, Rönnbärets korttidsboende", org: "social" },
  publicHealth: { name: "Fredrik Ahlström", title: "Folkhälsostrateg", org: "sydnarke" },
  clinicManager: { name: "Camilla Norén", title: "Verksamhetschef", org: "capio" },
} as const satisfies Record<string, { name: string; title: string; org: OrgKey }>;

/** Invented units used in the content (the source material's real unit names are not used). */
export const DEMO_UNITS = {
  careHome: "Björkhagens vård- och omsorgsboende",
  shortTerm: "Rönnbärets korttidsboende",
};
