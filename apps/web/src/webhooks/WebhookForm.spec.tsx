import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../api/api-error';
import type { EventType } from '../api/types';
import { emptyWebhookForm, type WebhookFormValues } from './form-model';
import { WebhookForm } from './WebhookForm';

const catalog = [
  { type: 'contact.created', description: 'A new contact has been created.' },
  { type: 'conversation.inbound', description: 'A customer sent a message.' },
] as EventType[];

function renderForm(
  onSave: (values: WebhookFormValues) => Promise<void>,
  onTestFilter?: (filter: object, event: object) => Promise<boolean>,
) {
  render(
    <WebhookForm
      initial={emptyWebhookForm()}
      eventTypes={catalog}
      onSave={onSave}
      cancelHref="/"
      onTestFilter={onTestFilter}
    />,
  );
  return userEvent.setup();
}

async function typeFilter(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.click(screen.getByText('Filter (advanced)'));
  await user.click(screen.getByRole('textbox', { name: 'Filter' }));
  await user.paste(text);
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: 'Name' }), 'CRM sync');
  await user.type(screen.getByRole('textbox', { name: 'URL' }), 'https://10.0.0.7/hook');
  await user.click(screen.getByRole('checkbox', { name: 'contact.created' }));
  await user.click(screen.getByRole('button', { name: 'Add header' }));
  await user.type(screen.getByRole('textbox', { name: 'Header 1 name' }), 'Host');
  await user.type(screen.getByRole('textbox', { name: 'Header 1 value' }), 'example.com');
}

describe('the webhook form', () => {
  it('labels every control, and describes each event type from the catalog', () => {
    renderForm(() => Promise.resolve());
    expect(
      screen.getByRole('checkbox', {
        name: 'conversation.inbound',
        description: 'A customer sent a message.',
      }),
    ).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Method' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Active' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Keep events in order' })).toBeTruthy();
    expect(
      screen.getByRole('textbox', {
        name: 'Maximum callbacks per second (optional)',
        description: /Leave empty for no limit/,
      }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save webhook' })).toBeTruthy();
  });

  it('sends what was typed', async () => {
    const onSave = jest.fn((_values: WebhookFormValues) => Promise.resolve());
    const user = renderForm(onSave);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0][0]).toMatchObject({
      name: 'CRM sync',
      target_url: 'https://10.0.0.7/hook',
      events: ['contact.created'],
      method: 'POST',
      active: true,
      headers: [expect.objectContaining({ name: 'Host', value: 'example.com' })],
    });
  });

  it("shows the API's refusals next to the fields they name, and keeps what was typed", async () => {
    const user = renderForm(() =>
      Promise.reject(
        new ApiError(400, [
          'target_url host resolves to a non-public address: 10.0.0.0/8 is private',
          'headers.Host is reserved and cannot be set',
        ]),
      ),
    );
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));

    const url = await screen.findByRole('textbox', {
      name: 'URL',
      description: /URL host resolves to a non-public address: 10\.0\.0\.0\/8 is private/,
    });
    expect(url.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(url));
    expect(
      screen.getByRole('textbox', {
        name: 'Header 1 name',
        description: 'Host is reserved and cannot be set',
      }),
    ).toBeTruthy();
    // Nothing typed is lost.
    expect((url as HTMLInputElement).value).toBe('https://10.0.0.7/hook');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Name' }).value).toBe('CRM sync');
    expect(
      screen.getByRole<HTMLInputElement>('checkbox', { name: 'contact.created' }).checked,
    ).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Header 1 value' }).value).toBe(
      'example.com',
    );
  });

  it('sends the maximum callbacks per second, and shows its refusal next to it', async () => {
    const onSave = jest.fn((_values: WebhookFormValues) =>
      Promise.reject(new ApiError(400, ['rate_limit must be a whole number from 1 to 10000'])),
    );
    const user = renderForm(onSave);
    const limit = screen.getByRole('textbox', { name: 'Maximum callbacks per second (optional)' });
    await user.type(limit, '20000');
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect(onSave.mock.calls[0][0]).toMatchObject({ rate_limit: '20000' });
    expect(
      await screen.findByRole('textbox', {
        name: 'Maximum callbacks per second (optional)',
        description: /Maximum callbacks per second must be a whole number from 1 to 10000/,
      }),
    ).toBe(limit);
    expect(limit.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a refusal that names no field above the Save button', async () => {
    const user = renderForm(() =>
      Promise.reject(
        new ApiError(409, ['the webhook was changed by another request; read it and try again']),
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'the webhook was changed by another request; read it and try again',
    );
  });

  it('says so when the platform cannot be reached, and saves nothing', async () => {
    const user = renderForm(() => Promise.reject(new TypeError('Failed to fetch')));
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be reached/);
  });

  it('explains a filter that is not JSON next to the filter box, and sends nothing', async () => {
    const onSave = jest.fn(() => Promise.resolve());
    const user = renderForm(onSave);
    await typeFilter(user, '{data: 1}');
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect(
      await screen.findByRole('textbox', { name: 'Filter', description: /not valid JSON/ }),
    ).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();
  });

  it("shows the API's refusal of a filter next to the filter box, by path", async () => {
    const user = renderForm(() =>
      Promise.reject(new ApiError(400, ['filter.data.tags.$in must be a list'])),
    );
    await typeFilter(user, '{"data.tags": {"$in": "vip"}}');
    await user.click(screen.getByRole('button', { name: 'Save webhook' }));
    const box = await screen.findByRole('textbox', {
      name: 'Filter',
      description: /Filter: data\.tags\.\$in must be a list/,
    });
    await waitFor(() => expect(document.activeElement).toBe(box));
  });

  it('tests the filter on a sample event and says whether it would be sent', async () => {
    const onTestFilter = jest.fn((_filter: object, _event: object) => Promise.resolve(false));
    const user = renderForm(() => Promise.resolve(), onTestFilter);
    await typeFilter(user, '{"type": "contact.deleted"}');
    await user.click(screen.getByRole('button', { name: 'Test filter' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/would not be sent/);
    expect(onTestFilter.mock.calls[0][0]).toEqual({ type: 'contact.deleted' });
    expect(onTestFilter.mock.calls[0][1]).toMatchObject({ type: 'contact.created' });
  });
});
