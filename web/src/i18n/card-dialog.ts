/** The card dialog's save status and "last changed by". Spread into sv.ts and en.ts. */
export const cardDialogSv = {
  "card.saving": "Sparar …",
  "card.saved": "Sparat",
  "card.savedLater": "Sparas när du är online igen",
  "card.lastChanged": "Senast ändrad av {name}, {when}",
};

export const cardDialogEn: Record<keyof typeof cardDialogSv, string> = {
  "card.saving": "Saving …",
  "card.saved": "Saved",
  "card.savedLater": "Will be saved when you are back online",
  "card.lastChanged": "Last changed by {name}, {when}",
};
