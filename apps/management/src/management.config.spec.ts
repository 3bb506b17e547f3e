import { randomBytes } from 'node:crypto';
import { validateEnv } from '@app/config';
import { ManagementConfig } from './management.config';

const base = {
  ADMIN_TOKEN: 'a'.repeat(24),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

describe('ManagementConfig', () => {
  it('has the documented defaults', () => {
    const config = validateEnv(ManagementConfig, base);
    expect(config.PORT).toBe(3000);
    expect(config.DELIVERY_LOG_RETENTION_DAYS).toBe(30);
    expect(config.SECRET_ROTATION_OVERLAP).toBe(86_400_000);
    expect(config.MANAGEMENT_CONSUMER_GROUP).toBe('webhooks-management');
    expect(config.WEBHOOK_ALLOW_HTTP).toBe(false);
    expect(config.WEBHOOK_DISABLE_AFTER).toBe(5 * 86_400_000);
  });

  it('parses durations and days', () => {
    const config = validateEnv(ManagementConfig, {
      ...base,
      SECRET_ROTATION_OVERLAP: '90m',
      DELIVERY_LOG_RETENTION_DAYS: '7',
      WEBHOOK_DISABLE_AFTER: '3s',
    });
    expect(config.WEBHOOK_DISABLE_AFTER).toBe(3000);
    expect(config.SECRET_ROTATION_OVERLAP).toBe(5_400_000);
    expect(config.DELIVERY_LOG_RETENTION_DAYS).toBe(7);
  });

  it.each([
    ['ADMIN_TOKEN', undefined],
    ['ADMIN_TOKEN', 'short'],
    ['DATA_ENCRYPTION_KEY', undefined],
    ['SECRET_ROTATION_OVERLAP', 'a day'],
    ['DELIVERY_LOG_RETENTION_DAYS', '0'],
    ['MANAGEMENT_CONSUMER_GROUP', 'a group'],
    ['WEBHOOK_DISABLE_AFTER', 'five days'],
    ['WEBHOOK_DISABLE_AFTER', '500ms'],
  ])('refuses %s=%s naming it', (name, value) => {
    expect(() => validateEnv(ManagementConfig, { ...base, [name]: value })).toThrow(
      new RegExp(`${name}:`),
    );
  });
});
