/**
 * The administration texts the app shell needs on every page (the header link, an admin's empty
 * home page); spread into sv.ts and en.ts. The admin pages' own texts are in pages/admin/admin-texts.ts,
 * loaded with those pages only, so they are not part of anyone's first download.
 */
export const adminSv = {
  "admin.link": "Administration",
  "admin.new.firstTitle": "Skapa er första samverkan",
  "admin.home.firstHint":
    "Du är inte med i någon samverkan än. Som administratör kan du skapa en och bjuda in deltagarna.",
} as const;

export const adminEn: Record<keyof typeof adminSv, string> = {
  "admin.link": "Administration",
  "admin.new.firstTitle": "Create your first partnership",
  "admin.home.firstHint":
    "You are not in any partnership yet. As the administrator you can create one and invite the participants.",
};
