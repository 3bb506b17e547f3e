import type { AttemptOutcome } from '@app/contracts';

/**
 * What one batch of attempt outcomes says about a webhook's failure streak
 * (docs/design.md, "Auto-disable"): the newest success, and the dead letters after it.
 */
export interface StreakObservation {
  webhookId: string;
  organisationId: string;
  /** The newest success in the batch; it resets the clock. */
  lastSuccessAt: Date | null;
  /** The first dead letter after the newest success (or in the batch, with no success). */
  firstDeadLetterAt: Date | null;
  /** The newest dead letter: the time the disable check is made at. */
  lastDeadLetterAt: Date | null;
}

/** Folds a batch into one observation per webhook whose streak it touches. Pure. */
export function observeStreaks(outcomes: readonly AttemptOutcome[]): StreakObservation[] {
  const sorted = [...outcomes].sort(
    (a, b) => Date.parse(a.attempted_at) - Date.parse(b.attempted_at),
  );
  const byWebhook = new Map<string, StreakObservation>();
  for (const outcome of sorted) {
    const succeeded = outcome.status === 'succeeded';
    const deadLettered = outcome.next === 'dead_letter';
    if (!succeeded && !deadLettered) continue;
    const at = new Date(outcome.attempted_at);
    let observation = byWebhook.get(outcome.webhook_id);
    if (!observation) {
      observation = {
        webhookId: outcome.webhook_id,
        organisationId: outcome.organisation_id,
        lastSuccessAt: null,
        firstDeadLetterAt: null,
        lastDeadLetterAt: null,
      };
      byWebhook.set(outcome.webhook_id, observation);
    }
    if (succeeded) {
      observation.lastSuccessAt = at;
      observation.firstDeadLetterAt = null;
      observation.lastDeadLetterAt = null;
    } else {
      observation.firstDeadLetterAt ??= at;
      observation.lastDeadLetterAt = at;
    }
  }
  return [...byWebhook.values()];
}

/** What the store says of a webhook, as far as the disable decision goes. */
export interface StreakState {
  active: boolean;
  failing_since?: Date | null;
  disabled_reason?: string | null;
  disabled_at?: Date | null;
}

export type DisableDecision =
  /** Switch it off now. */
  | { action: 'disable'; failingSince: Date }
  /**
   * Already switched off for this very streak (a batch replayed after a crash between the
   * store write and the event): publish its `webhook.disabled` again, same id.
   */
  | { action: 'announce_again'; failingSince: Date; disabledAt: Date }
  | { action: 'none' };

/**
 * Disable once the first dead letter with no success after it is `windowMs` old, measured
 * at the newest dead letter. Pure.
 */
export function disableDecision(
  state: StreakState,
  lastDeadLetterAt: Date,
  windowMs: number,
): DisableDecision {
  const failingSince = state.failing_since ? new Date(state.failing_since) : null;
  if (!failingSince) return { action: 'none' };
  if (state.active)
    return lastDeadLetterAt.getTime() - failingSince.getTime() >= windowMs
      ? { action: 'disable', failingSince }
      : { action: 'none' };
  if (
    state.disabled_reason === 'failing' &&
    state.disabled_at &&
    lastDeadLetterAt.getTime() <= new Date(state.disabled_at).getTime()
  )
    return { action: 'announce_again', failingSince, disabledAt: new Date(state.disabled_at) };
  return { action: 'none' };
}
