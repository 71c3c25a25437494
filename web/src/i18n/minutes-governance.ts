/**
 * Texts of the protokoll's governance (issue 21): who may change the convener, the approvers
 * (justerare) and the agenda, confirming deletions (undo: components/undo-toast), and approval waiting for the
 * meeting to be held. Spread into sv.ts and en.ts.
 */
export const governanceSv = {
  "governance.notHeld":
    "Mötet har inte hållits än (det börjar {date}). Protokollet kan avslutas, justeras och förseglas först efter mötet.",
  "governance.readOnlyRoles":
    "Bara mötets ordförande (sammankallande) och samverkans sammankallande kan ändra ordförande och justerare.",
  "governance.readOnlyAgenda":
    "Du kan lägga till punkter och skriva i dem. Bara mötets ordförande och samverkans sammankallande kan ta bort punkter.",
  "governance.confirmTitle": "Ta bort?",
  "governance.confirmItem": "Ta bort punkten {title} med anteckningar, beslut och åtgärder?",
  "governance.confirmAction": "Ta bort åtgärden {title}?",
  "governance.confirm": "Ta bort",
  "governance.cancel": "Avbryt",
  "governance.removedItem": "Punkten {title} togs bort.",
  "governance.removedAction": "Åtgärden {title} togs bort.",
  "governance.removedDecision": "{title} togs bort.",
};

export const governanceEn: Record<keyof typeof governanceSv, string> = {
  "governance.notHeld":
    "The meeting has not been held yet (it starts {date}). The minutes can be closed, approved and sealed only after the meeting.",
  "governance.readOnlyRoles":
    "Only the meeting's chair (convener) and the partnership's conveners can change the convener and the approvers.",
  "governance.readOnlyAgenda":
    "You can add agenda items and write in them. Only the meeting's chair and the partnership's conveners can remove items.",
  "governance.confirmTitle": "Remove?",
  "governance.confirmItem": "Remove the item {title} with its notes, decisions and action items?",
  "governance.confirmAction": "Remove the action item {title}?",
  "governance.confirm": "Remove",
  "governance.cancel": "Cancel",
  "governance.removedItem": "The item {title} was removed.",
  "governance.removedAction": "The action item {title} was removed.",
  "governance.removedDecision": "{title} was removed.",
};
