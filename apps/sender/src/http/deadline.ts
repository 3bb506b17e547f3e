/**
 * Calls `onExpiry` once `ms` have passed, unless cancelled first, and only after the event
 * loop has polled for I/O once more. A timer fires in the loop's timer phase, before the
 * poll phase that reads sockets: when this process was busy past the deadline (a burst of
 * records, a garbage collection), a response that arrived in time would sit unread while
 * its timer fired first, and a healthy receiver's callback would fail as a timeout and wait
 * for its retry. Deferring the expiry to the check phase (setImmediate) lets that poll go
 * first; a receiver that really did not answer still times out, a loop turn later.
 * Returns the cancel function.
 */
export function deadline(ms: number, onExpiry: () => void): () => void {
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(onExpiry);
  }, ms);
  return () => {
    clearTimeout(timer);
    if (immediate !== undefined) clearImmediate(immediate);
  };
}
