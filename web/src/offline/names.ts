/** Names the service worker (web/vite.config.ts) and the app share: where this device keeps what. */

/** The Cache Storage cache of API answers (partnership list, home, board page). */
export const API_CACHE = "samverkan-api";

/** The IndexedDB database of one board, as web/src/collab/open-board.ts names it. */
export const BOARD_DB_PREFIX = "samverkan-board-";
