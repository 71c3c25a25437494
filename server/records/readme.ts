/** README.txt of a partnership's data export: what each file is, its format, and how to check the sealed records. */

export interface ReadmeFacts {
  partnership: string;
  exportedAt: string;
  exportedBy: string;
  boards: number;
  sealed: number;
  auditRetentionDays: number | null;
}

export function readme(f: ReadmeFacts): string {
  const retention =
    f.auditRetentionDays === null
      ? "Den här installationen gallrar inte händelseloggen."
      : `Den här installationen gallrar händelser som är äldre än ${f.auditRetentionDays} dagar; äldre händelser finns alltså inte med.`;
  const lines = [
    `EXPORT AV SAMVERKANSYTAN "${f.partnership}"`,
    "",
    `Exporterad:   ${f.exportedAt} (svensk tid)`,
    `Exporterad av: ${f.exportedBy}`,
    `Innehåll:     ${f.boards} ${f.boards === 1 ? "tavla" : "tavlor"}, ${f.sealed} ${f.sealed === 1 ? "förseglat protokoll" : "förseglade protokoll"}`,
    "",
    "Arkivet innehåller allt som samverkansytan har i tjänsten Samverkan: det som behövs för att",
    "lämna tjänsten, flytta innehållet till ett annat system eller lämna det till arkivet.",
    "Alla textfiler är UTF-8.",
    "",
    "FILER",
    "",
    "samverkansyta.json",
    "  Samverkansytans namn och beskrivning, när och av vem exporten gjordes, och en",
    "  förteckning över tavlor och förseglade protokoll med sökvägar i arkivet.",
    "",
    "tavlor/<nr>-<typ>-<namn>/",
    "  En mapp per tavla (plan, fokusområde, protokoll), även arkiverade tavlor.",
    "  tavla.md    Tavlans innehåll som läsbar text (Markdown, öppnas i vilken texteditor som helst).",
    "  tavla.json  Samma innehåll som strukturerad data (JSON). Personer, organisationer och",
    '              tavlor anges med id; namnen står under "names" och i medlemmar.csv och',
    "              organisationer.csv.",
    "              Kommentarer på aktiviteter och mål står under sin aktivitet eller sitt mål i",
    '              tavla.md och alla under "comments" i tavla.json (borttagna utan text).',
    "  tavla.yjs   Tavlans fullständiga dokument i Yjs-format (binärt), som det lagras i tjänsten.",
    "              Behövs bara för att läsa in tavlan i ett annat system som använder Yjs.",
    "",
    "protokoll/<löpnummer>-<namn>/",
    "  De förseglade (justerade och arkiverade) protokollen, byte för byte som de förseglades:",
    "  protokoll.pdf   Protokollet som PDF/A-2b, för arkivering och utskrift.",
    "  protokoll.md    Samma protokoll som Markdown.",
    "  protokoll.json  Den förseglade posten (kanonisk JSON enligt RFC 8785). Den innehåller",
    "                  föregående protokolls SHA-256 (previousSha256), så protokollen bildar en",
    "                  kedja: ett ändrat eller borttaget protokoll bryter kedjan.",
    "protokoll/protokoll.csv",
    "  Förteckning: löpnummer, titel, förseglingstid, diarienummer och kontrollsummor.",
    "protokoll/SHA256SUMS.txt",
    "  Kontrollsumman (SHA-256) för varje förseglad fil, som den registrerades vid förseglingen.",
    "",
    "medlemmar.csv        Nuvarande medlemmar: namn, e-post, organisation, roll, medlem sedan.",
    "organisationer.csv   Organisationerna som medlemmarna och tavlorna hänvisar till.",
    "handelselogg.csv     Samverkansytans händelselogg (vem gjorde vad och när), nyaste först.",
    `                     ${retention}`,
    "",
    "CSV-filerna har semikolon som avgränsare och börjar med en BOM, så att Excel med svenska",
    "inställningar visar å, ä och ö rätt. Celler som börjar med = + - eller @ har fått en",
    "apostrof först, så att inget i dem tolkas som en formel.",
    "",
    "KONTROLLERA DE FÖRSEGLADE PROTOKOLLEN",
    "",
    "Kontrollsummorna i SHA256SUMS.txt räknades ut när protokollen förseglades. Om en fil ger",
    "samma summa nu är den oförändrad. Gå till mappen protokoll och kör:",
    "",
    "  Linux:    sha256sum -c SHA256SUMS.txt",
    "  macOS:    shasum -a 256 -c SHA256SUMS.txt",
    "  Windows:  Get-FileHash -Algorithm SHA256 .\\001-exempel\\protokoll.pdf   (i PowerShell)",
    "            och jämför summan med raden i SHA256SUMS.txt.",
    "",
    "Varje rad ska sluta med OK. I tjänsten kan en fil också kontrolleras under",
    '"Kontrollera en fil" på ett protokoll. Kedjan kontrolleras genom att jämföra varje',
    "protokoll.json:s previousSha256 med SHA-256 för föregående protokolls protokoll.json.",
    "",
  ];
  return lines.join("\r\n");
}
