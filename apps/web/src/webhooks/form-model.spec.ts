import type { Webhook } from '../api/types';
import { createBody, updateBody, webhookFormFrom } from './form-model';

const saved = {
  id: '8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f',
  organisation_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
  name: 'CRM sync',
  target_url: 'https://hooks.example.com/crm',
  method: 'POST',
  events: ['contact.created'],
  headers: { Authorization: 'Bear…1234', 'X-Tenant': 'ac…me' },
  active: true,
  ordering: 'none',
  rate_limit: null,
  disabled_reason: null,
  disabled_at: null,
  created_at: '2026-11-23T09:00:00.000Z',
  updated_at: '2026-11-23T09:30:00.000Z',
  last_delivery: null,
  filter: null,
} as Webhook;

describe('the form model', () => {
  it('creates with the filled header rows only', () => {
    const form = webhookFormFrom({ ...saved, headers: {} });
    form.headers = [
      { id: 1, name: ' Authorization ', value: 'Bearer abc' },
      { id: 2, name: '', value: '' },
    ];
    expect(createBody(form).headers).toEqual({ Authorization: 'Bearer abc' });
    expect(createBody({ ...form, headers: [] })).not.toHaveProperty('headers');
  });

  it('turns the order box into the ordering option, both ways', () => {
    const form = webhookFormFrom(saved);
    expect(form.ordered).toBe(false);
    expect(createBody(form).ordering).toBe('none');
    expect(createBody({ ...form, ordered: true }).ordering).toBe('per_entity');
    expect(webhookFormFrom({ ...saved, ordering: 'per_entity' }).ordered).toBe(true);
    expect(updateBody({ ...form, ordered: true }, saved).ordering).toBe('per_entity');
  });

  it('leaves saved headers alone when their value is not retyped', () => {
    expect(updateBody(webhookFormFrom(saved), saved)).not.toHaveProperty('headers');
  });

  it('replaces a retyped value, removes a deleted row, and renames by remove + set', () => {
    const form = webhookFormFrom(saved);
    const [authorization, tenant] = form.headers;
    form.headers = [
      { ...authorization, value: 'Bearer new' },
      { ...tenant, name: 'X-Account', value: 'acme' },
    ];
    expect(updateBody(form, saved).headers).toEqual({
      Authorization: 'Bearer new',
      'X-Tenant': null,
      'X-Account': 'acme',
    });
    form.headers = [];
    expect(updateBody(form, saved).headers).toEqual({ Authorization: null, 'X-Tenant': null });
  });

  it('sends the rate limit as a number, empty as no limit (null), and shows a saved one', () => {
    const form = webhookFormFrom(saved);
    expect(form.rate_limit).toBe('');
    expect(createBody(form).rate_limit).toBeNull();
    expect(updateBody({ ...form, rate_limit: ' 25 ' }, saved).rate_limit).toBe(25);
    expect(updateBody({ ...form, rate_limit: '' }, saved).rate_limit).toBeNull();
    expect(webhookFormFrom({ ...saved, rate_limit: 40 }).rate_limit).toBe('40');
    // Not a number: sent as typed for the API to refuse, never silently cleared.
    expect(createBody({ ...form, rate_limit: 'ten' }).rate_limit).toBe('ten');
  });

  it('sends a typed filter on create, and none for an empty box', () => {
    const form = webhookFormFrom(saved);
    expect(createBody(form)).not.toHaveProperty('filter');
    expect(createBody({ ...form, filter: '{"data.tags.name": "VIP"}' }).filter).toEqual({
      'data.tags.name': 'VIP',
    });
  });

  it('sends the filter on update only when it changed; an emptied box removes it', () => {
    const filtered = { ...saved, filter: { type: 'contact.created' } };
    const form = webhookFormFrom(filtered);
    expect(updateBody(form, filtered)).not.toHaveProperty('filter');
    expect(updateBody({ ...form, filter: '' }, filtered).filter).toBeNull();
    expect(updateBody({ ...form, filter: '{"a": 1}' }, filtered).filter).toEqual({ a: 1 });
    expect(updateBody(webhookFormFrom(saved), saved)).not.toHaveProperty('filter');
  });
});
