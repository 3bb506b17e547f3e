/**
 * Back and forward buttons over cursor pages (the API's `next_cursor`): `cursors` is the
 * trail of cursors that led to the page shown, the first one null. Shown only when there is
 * somewhere to go.
 */
export function CursorPager(props: {
  label: string;
  cursors: Array<string | null>;
  nextCursor: string | null | undefined;
  onChange: (cursors: Array<string | null>) => void;
  previousText: string;
  nextText: string;
  showPage?: boolean;
}) {
  const { cursors, nextCursor, onChange } = props;
  if (cursors.length === 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={props.label}>
      <button
        type="button"
        className="button"
        disabled={cursors.length === 1}
        onClick={() => onChange(cursors.slice(0, -1))}
      >
        {props.previousText}
      </button>
      {props.showPage && <span>Page {cursors.length}</span>}
      <button
        type="button"
        className="button"
        disabled={!nextCursor}
        onClick={() => nextCursor && onChange([...cursors, nextCursor])}
      >
        {props.nextText}
      </button>
    </nav>
  );
}
