import {
  TOPIC_CONFIG,
  TOPIC_DEFAULTS,
  TOPIC_PARTITIONS,
  TOPIC_RETENTION_REASON,
  topicEnvName,
  type TopicKey,
} from './topics';

/** The operators guide, which holds the topic table between these markers. */
export const OPERATORS_GUIDE_PATH = 'docs/operators.md';
export const TOPIC_TABLE_BEGIN =
  '<!-- topic table: generated from libs/contracts/src/topics.ts by `npm run docs:topics` -->';
export const TOPIC_TABLE_END = '<!-- end of topic table -->';

/** `1 h`, `1 day`, `14 days`, or milliseconds as they are. */
function duration(ms: number): string {
  const day = 86_400_000;
  if (ms % day === 0) return ms === day ? '1 day' : `${ms / day} days`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  return `${ms} ms`;
}

const shown = (name: string, value: string) =>
  name.endsWith('.ms') && /^\d+$/.test(value) ? duration(Number(value)) : value;

/** One topic's row: name, override variable, partitions, policy, retention, the rest, why. */
function row(key: TopicKey): string[] {
  const { 'cleanup.policy': policy, 'retention.ms': retention, ...others } = TOPIC_CONFIG[key];
  return [
    `\`${TOPIC_DEFAULTS[key]}\``,
    `\`${topicEnvName(key)}\``,
    String(TOPIC_PARTITIONS[key]),
    policy,
    retention === undefined ? 'newest per key' : duration(Number(retention)),
    Object.entries(others)
      .map(([name, value]) => `\`${name}\` ${shown(name, value)}`)
      .join(', '),
    TOPIC_RETENTION_REASON[key],
  ];
}

/** The topic table as Markdown, columns padded the way Prettier writes them. */
export function renderTopicTable(): string {
  const header = [
    'topic',
    'name variable',
    'partitions',
    'cleanup',
    'kept',
    'other settings',
    'why',
  ];
  const rows = [header, ...(Object.keys(TOPIC_DEFAULTS) as TopicKey[]).map(row)];
  const widths = header.map((_, column) => Math.max(3, ...rows.map((r) => r[column].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(header), rule, ...rows.slice(1).map(line)].join('\n');
}

/** `document` with the text between the markers replaced by the current table. */
export function withTopicTable(document: string): string {
  const begin = document.indexOf(TOPIC_TABLE_BEGIN);
  const end = document.indexOf(TOPIC_TABLE_END);
  if (begin < 0 || end < begin)
    throw new Error(`${OPERATORS_GUIDE_PATH} has no topic table markers`);
  return (
    document.slice(0, begin + TOPIC_TABLE_BEGIN.length) +
    `\n\n${renderTopicTable()}\n\n` +
    document.slice(end)
  );
}
