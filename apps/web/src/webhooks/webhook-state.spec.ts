import { webhookState } from './webhook-state';

describe('webhookState', () => {
  it('tells active, inactive and disabled for failing apart', () => {
    expect(webhookState({ active: true, disabled_reason: null, disabled_at: null })).toMatchObject({
      label: 'Active',
      detail: null,
    });
    expect(webhookState({ active: false, disabled_reason: null, disabled_at: null })).toMatchObject(
      {
        label: 'Inactive',
        detail: null,
      },
    );
    const disabled = webhookState({
      active: false,
      disabled_reason: 'failing',
      disabled_at: '2026-11-23T09:14:02.731Z',
    });
    expect(disabled.label).toBe('Disabled');
    expect(disabled.detail).toMatch(/kept failing/);
  });
});
