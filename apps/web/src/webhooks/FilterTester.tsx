import { useState } from 'react';
import { ApiError } from '../api/api-error';
import { parseFilterText, parseJsonObject, type JsonObject } from './filter-text';

export type TestFilter = (filter: JsonObject, event: JsonObject) => Promise<boolean>;

type Outcome =
  { kind: 'none' } | { kind: 'result'; matches: boolean } | { kind: 'problem'; messages: string[] };

interface FilterTesterProps {
  /** The filter box's text, as typed. */
  filterText: string;
  /** The sample offered at first (an event of the chosen type). */
  sample: string;
  onTest: TestFilter;
  /** API messages about the filter itself go next to the filter box. */
  onFilterProblems: (messages: string[]) => void;
}

/**
 * Tries the typed filter on a sample event through the API (nothing is saved), so a user
 * sees whether such an event would be sent before saving the webhook.
 */
export function FilterTester({ filterText, sample, onTest, onFilterProblems }: FilterTesterProps) {
  const [event, setEvent] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [testing, setTesting] = useState(false);
  const eventText = event ?? sample;

  const test = async () => {
    setOutcome({ kind: 'none' });
    const filter = parseFilterText(filterText);
    if (!filter.ok) return onFilterProblems([filter.message]);
    const body = parseJsonObject(eventText, 'The sample event');
    if (!body.ok) return setOutcome({ kind: 'problem', messages: [body.message] });
    setTesting(true);
    try {
      const matches = await onTest(filter.filter ?? {}, body.value ?? {});
      onFilterProblems([]);
      setOutcome({ kind: 'result', matches });
    } catch (error) {
      const messages = error instanceof ApiError ? error.messages : [];
      const aboutFilter = messages.filter((message) => message.startsWith('filter'));
      onFilterProblems(aboutFilter);
      const rest = messages.filter((message) => !message.startsWith('filter'));
      if (rest.length > 0 || aboutFilter.length === 0)
        setOutcome({
          kind: 'problem',
          messages: rest.length > 0 ? rest : ['The filter could not be tested; try again.'],
        });
    } finally {
      setTesting(false);
    }
  };

  return (
    <div className="filter-tester">
      <label htmlFor="filter-sample">Sample event</label>
      <textarea
        id="filter-sample"
        rows={8}
        spellCheck={false}
        value={eventText}
        onChange={(change) => setEvent(change.target.value)}
        aria-describedby="filter-sample-help"
      />
      <p id="filter-sample-help" className="help">
        An example of what your system receives. Change it to see which events would be sent.
      </p>
      <button type="button" className="button" disabled={testing} onClick={() => void test()}>
        {testing ? 'Testing…' : 'Test filter'}
      </button>
      <p role="status" className="filter-result">
        {outcome.kind === 'result' &&
          (outcome.matches
            ? 'This event matches the filter: it would be sent.'
            : 'This event does not match the filter: it would not be sent.')}
        {outcome.kind === 'problem' && outcome.messages.join(' ')}
      </p>
    </div>
  );
}
