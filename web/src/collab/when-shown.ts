/**
 * Waits for something a board change brings to be on the screen: boards re-render a few
 * milliseconds after their document changes (collab/board-controller.ts gathers changes per
 * frame), so an element that comes back with an undo is not there at once.
 */
type Host = { updateComplete: Promise<boolean> };

/** `find()` once the host has rendered, tried each frame for up to `ms`; null if it never shows. */
export async function whenShown<T>(host: Host, find: () => T | null, ms = 500): Promise<T | null> {
  const until = performance.now() + ms;
  for (;;) {
    await host.updateComplete;
    const found = find();
    if (found || performance.now() > until) return found;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * `find()` once `stillShown()` is false (up to `ms`): a neighbour of something deleted is looked up
 * only after the board has re-rendered without it, or focus could land on an element that is about
 * to be removed (and fall to the page).
 */
export async function afterGone<T>(
  host: Host,
  stillShown: () => unknown,
  find: () => T | null,
  ms = 500,
): Promise<T | null> {
  await whenShown(host, () => (stillShown() ? null : true), ms);
  return find();
}
