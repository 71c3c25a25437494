/**
 * The header search as one call: board content (services.content.search) and decision points
 * (services.decisionPoints.search), best ranked first, at most `limit`. The route answers with it
 * and bench/search.ts times it, so the figures are what a person typing waits for.
 */
import type { SearchResult } from "../../shared/api/content.js";

type Searcher = { search(workspaceId: string, typed: string, limit: number): Promise<SearchResult[]> };

export async function searchWorkspace(
  services: { content: Searcher; decisionPoints: Searcher },
  workspaceId: string,
  typed: string,
  limit: number,
): Promise<SearchResult[]> {
  // One after the other: on PGlite the queries share one connection anyway.
  const content = await services.content.search(workspaceId, typed, limit);
  const points = await services.decisionPoints.search(workspaceId, typed, limit);
  return [...content, ...points].sort((a, b) => b.rank - a.rank).slice(0, limit);
}
