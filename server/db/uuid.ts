/** Whether a string is a UUID as PostgreSQL's uuid type takes it (any case): ids from URLs and frames are checked with this before a query. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
