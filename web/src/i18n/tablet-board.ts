/** Texts of the focus board's column switcher and card move menu; spread into sv.ts and en.ts. */
export const tabletBoardSv = {
  "tabletBoard.columns": "Kolumner",
  "tabletBoard.move": "Flytta…",
  "tabletBoard.moveCard": "Flytta {title}",
};

export const tabletBoardEn: Record<keyof typeof tabletBoardSv, string> = {
  "tabletBoard.columns": "Columns",
  "tabletBoard.move": "Move…",
  "tabletBoard.moveCard": "Move {title}",
};
