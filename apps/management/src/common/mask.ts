/**
 * How a stored secret value is shown back (docs/design.md: `Bear…1234`): the first and last four
 * characters of values long enough that this still hides most of them; otherwise nothing.
 */
export function maskValue(value: string): string {
  const chars = Array.from(value);
  if (chars.length < 12) return '••••';
  return `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`;
}
