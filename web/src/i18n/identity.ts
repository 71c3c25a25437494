/** Texts of the patient-identity warning (components/identity-warning), Swedish and English. */
export const identitySv = {
  "identity.typing":
    "Det här ser ut som ett personnummer. Personnummer och andra patientuppgifter får inte sparas i Samverkan.",
  "identity.removed": "Personnumret togs bort. Personnummer och andra patientuppgifter får inte sparas i Samverkan.",
  "identity.remove": "Ta bort numret",
  "identity.dismiss": "Stäng",
  "error.identityNumber": "Texten innehåller ett personnummer. Personnummer får inte sparas i Samverkan – ta bort det.",
} as const;

export const identityEn: Record<keyof typeof identitySv, string> = {
  "identity.typing":
    "This looks like a personal identity number. Identity numbers and other patient data must not be stored in Samverkan.",
  "identity.removed":
    "The personal identity number was removed. Identity numbers and other patient data must not be stored in Samverkan.",
  "identity.remove": "Remove the number",
  "identity.dismiss": "Close",
  "error.identityNumber":
    "The text contains a personal identity number. Identity numbers must not be stored in Samverkan: remove it.",
};
