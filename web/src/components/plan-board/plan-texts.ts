/**
 * Texts of the plan as a document (issue 21): the read view, the edit mode, moving and deleting
 * sections, goals and contact routes. Loaded with the plan board only (web/src/i18n/area.ts).
 */
import { textArea } from "../../i18n/area.js";

const sv = {
  "planDoc.edit": "Redigera",
  "planDoc.done": "Klar",
  "planDoc.print": "Skriv ut",
  "planDoc.editing": "Du redigerar planen. Ändringar sparas medan du skriver och syns direkt för alla.",
  "planDoc.period": "Period",
  "planDoc.noPurpose": "Inget syfte är skrivet än.",
  "planDoc.noSections": "Inga avsnitt än.",
  "planDoc.noGoals": "Inga mål än.",
  "planDoc.noContacts": "Inga kontaktvägar än.",
  "planDoc.emptyText": "Ingen text än.",
  "planDoc.level.effect": "Effektmål",
  "planDoc.level.project": "Projektmål",
  "planDoc.level": "Nivå",
  "planDoc.contactPurpose": "Syfte med kontakten",
  "planDoc.moveUp": "Flytta upp",
  "planDoc.moveDown": "Flytta ned",
  "planDoc.drag": "Dra för att flytta",
  "planDoc.remove": "Ta bort",
  "planDoc.moveHint": "Flytta med knapparna eller med Alt + pil upp/ned. Ctrl + Z ångrar din senaste ändring.",
  "planDoc.moved": "{title} flyttad till plats {position} av {count}.",
  "planDoc.removedSection": "Avsnittet {title} togs bort.",
  "planDoc.removedGoal": "Målet {title} togs bort.",
  "planDoc.removedContact": "Kontaktvägen {title} togs bort.",
  "planDoc.sectionTools": "Avsnitt: {title}",
  "planDoc.goalTools": "Mål: {title}",
  "planDoc.contactTools": "Kontaktväg: {title}",
  "planDoc.invalid": "Ändringen sparades inte: {reason}",
};

const en: Record<keyof typeof sv, string> = {
  "planDoc.edit": "Edit",
  "planDoc.done": "Done",
  "planDoc.print": "Print",
  "planDoc.editing": "You are editing the plan. Changes are saved as you write and everyone sees them at once.",
  "planDoc.period": "Period",
  "planDoc.noPurpose": "No purpose written yet.",
  "planDoc.noSections": "No sections yet.",
  "planDoc.noGoals": "No goals yet.",
  "planDoc.noContacts": "No contact routes yet.",
  "planDoc.emptyText": "No text yet.",
  "planDoc.level.effect": "Outcome goal",
  "planDoc.level.project": "Project goal",
  "planDoc.level": "Level",
  "planDoc.contactPurpose": "Purpose of the contact",
  "planDoc.moveUp": "Move up",
  "planDoc.moveDown": "Move down",
  "planDoc.drag": "Drag to move",
  "planDoc.remove": "Remove",
  "planDoc.moveHint": "Move with the buttons or with Alt + arrow up/down. Ctrl + Z undoes your last change.",
  "planDoc.moved": "{title} moved to position {position} of {count}.",
  "planDoc.removedSection": "The section {title} was removed.",
  "planDoc.removedGoal": "The goal {title} was removed.",
  "planDoc.removedContact": "The contact route {title} was removed.",
  "planDoc.sectionTools": "Section: {title}",
  "planDoc.goalTools": "Goal: {title}",
  "planDoc.contactTools": "Contact route: {title}",
  "planDoc.invalid": "The change was not saved: {reason}",
};

export const { t: pt } = textArea(sv, en);
