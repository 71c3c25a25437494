/** Progress lines on stdout, stamped with the time of day. */
export function log(message: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
