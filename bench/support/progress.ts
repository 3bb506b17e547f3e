/**
 * Prints `line()` every `everyMs` while a long run goes on, so a run that stalls shows where.
 * Plain lines (not rewritten in place) so that logs and CI output keep them. Returns a stop
 * function that prints the last line once more.
 */
export function reportProgress(line: () => string, everyMs = 3000): () => void {
  const started = Date.now();
  const print = () => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line()}`);
  const timer = setInterval(print, everyMs);
  return () => {
    clearInterval(timer);
    print();
  };
}
