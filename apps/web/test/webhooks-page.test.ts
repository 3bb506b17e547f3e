/// <reference lib="dom" />
// (lib dom: the functions passed to page.evaluate run in the browser.)
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { launchChromium, type Browser } from '../../../test/support/chromium';
import { Receiver, selfSignedCert } from '../../../test/support/https-receiver';
import { ManagementClient, Pipeline } from '../../../test/support/pipeline';
import { waitFor } from '../../../test/support/wait-for';

/**
 * The web app in headless Chromium, as a person uses it: management, matcher and sender as
 * processes on the real broker and store, management serving the built page, a local HTTPS
 * receiver. Controls are found by role and accessible name, as a screen reader finds them.
 * With UPDATE_DOCS_SCREENSHOT=1 the run also pictures the Webhooks page as docs/webhooks-page.png.
 */

const ROOT = join(__dirname, '..', '..', '..');
const WEBHOOKS = '/settings/integration/webhooks';
/** How long the page may take to show what the pipeline did (it reads again every 3 s). */
const PIPELINE_MS = 30_000;

const tls = selfSignedCert();
/** Paths answered 500 while listed here: a receiver that is down until it is fixed. */
const failing = new Set<string>(['/down']);
const receiver = new Receiver(tls, (path) =>
  failing.has(path) ? { status: 500, body: 'maintenance until 11:00' } : {},
);
const pipeline = new Pipeline({
  trustCertificate: tls.cert,
  env: { WEBHOOK_RETRY_DELAYS: '300ms,300ms,300ms' },
});
let apiKey: string;
/** The REST API with the same key, for what the test sets up beside the page. */
let api: ManagementClient;
let browser: Browser;
let page: Page;
/** Every address the page asked for, to check the API key never appears in one. */
const requestedUrls: string[] = [];

/** The text of what describes a control (its help and its error), as assistive tech reads it. */
function description(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

function webhookRow(name: string): Locator {
  return page
    .getByRole('list', { name: 'Webhooks' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
}

async function openList(): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: 'Webhooks' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
}

async function createThroughForm(name: string, path: string, events: string[]): Promise<void> {
  await page.getByRole('link', { name: 'Create' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'URL', exact: true }).fill(receiver.url(path));
  for (const event of events) await page.getByRole('checkbox', { name: event }).check();
  await page.getByRole('button', { name: 'Save webhook' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

beforeAll(async () => {
  await receiver.start();
  await pipeline.start();
  const issued = await pipeline.admin.expect<{ key: string }>(201, 'POST', '/v1/admin/api-keys', {
    organisation_id: randomUUID(),
    name: 'browser tests',
  });
  apiKey = issued.key;
  api = new ManagementClient(pipeline.managementUrl, apiKey);
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('request', (request) => requestedUrls.push(request.url()));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pipeline.stop();
  await receiver.stop();
});

describe('the web app in a real browser', () => {
  it('sends a visitor to sign-in, refuses a wrong API key with a clear message, and signs in', async () => {
    await page.goto(`${pipeline.managementUrl}${WEBHOOKS}`);
    await page.waitForURL(/\/sign-in$/);
    const keyField = page.getByLabel('Organisation API key');
    await keyField.fill('whk_not-a-real-key-000000000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'This API key was not accepted' }).waitFor();

    await keyField.fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === WEBHOOKS);
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByRole('heading', { name: 'No webhooks yet' }).waitFor();
    expect(await page.evaluate(() => Object.keys(window.localStorage))).toEqual([]);
    expect(
      await page.evaluate(() =>
        Object.keys(window.sessionStorage).map((key) => window.sessionStorage.getItem(key)),
      ),
    ).toEqual([apiKey]);
  });

  it('refuses a private URL on the URL field, keeps what was typed, and creates the webhook once fixed', async () => {
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create a webhook' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('CRM sync');
    const url = page.getByRole('textbox', { name: 'URL', exact: true });
    await url.fill('https://10.20.30.40/hooks');
    await page.getByRole('checkbox', { name: 'contact.created' }).check();
    await page.getByRole('checkbox', { name: 'conversation.inbound' }).check();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByRole('textbox', { name: 'Header 1 name' }).fill('Authorization');
    await page.getByRole('textbox', { name: 'Header 1 value' }).fill('Bearer first-token-1234');
    await page.getByRole('button', { name: 'Save webhook' }).click();

    await waitFor(
      'the refusal on the URL field',
      async () => (await url.getAttribute('aria-invalid')) === 'true',
    );
    expect(await description(url)).toMatch(/URL address 10\.20\.30\.40 is not public \(private\)/);
    expect(await url.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe(
      'CRM sync',
    );
    expect(await page.getByRole('checkbox', { name: 'conversation.inbound' }).isChecked()).toBe(
      true,
    );
    expect(await page.getByRole('textbox', { name: 'Header 1 value' }).inputValue()).toBe(
      'Bearer first-token-1234',
    );

    await url.fill(receiver.url('/crm'));
    await page.getByRole('checkbox', { name: 'Keep events in order' }).check();
    await page.getByRole('button', { name: 'Save webhook' }).click();
    await page.getByRole('heading', { level: 1, name: 'CRM sync' }).waitFor();
    await page
      .getByText('Events about the same contact, conversation or form submission in order')
      .waitFor();
  });

  it('lists the webhook with its URL, events, state and "Never sent"', async () => {
    await openList();
    const row = webhookRow('CRM sync');
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(receiver.url('/crm'));
    expect(text).toContain('contact.created, conversation.inbound');
    expect(text).toContain('Active');
    expect(text).toContain('Never sent');
  });

  it('shows a plain-http URL, a URL already in use and a reserved header each on its field', async () => {
    await openList();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Copy of CRM sync');
    const url = page.getByRole('textbox', { name: 'URL', exact: true });
    await url.fill(receiver.url('/crm').replace('https:', 'http:'));
    await page.getByRole('checkbox', { name: 'contact.deleted' }).check();
    const save = page.getByRole('button', { name: 'Save webhook' });
    await save.click();
    await waitFor('the http refusal', async () =>
      /URL must use https/.test(await description(url)),
    );

    await url.fill(receiver.url('/crm'));
    await save.click();
    await waitFor('the duplicate refusal', async () =>
      /URL is already used by another webhook/.test(await description(url)),
    );

    await url.fill(receiver.url('/copy'));
    await page.getByRole('button', { name: 'Add header' }).click();
    const name = page.getByRole('textbox', { name: 'Header 1 name' });
    await name.fill('Webhook-Signature');
    await page.getByRole('textbox', { name: 'Header 1 value' }).fill('forged');
    await save.click();
    await waitFor('the reserved-header refusal', async () =>
      /Webhook-Signature is reserved and cannot be set/.test(await description(name)),
    );
    expect(await url.getAttribute('aria-invalid')).toBeNull();
    expect(await api.expect<{ data: unknown[] }>(200, 'GET', '/v1/webhooks')).toMatchObject({
      data: [expect.anything()],
    });
  });

  it('sends a test event and the last status turns to delivered', async () => {
    await openList();
    await webhookRow('CRM sync').getByRole('link', { name: 'CRM sync' }).click();
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page
      .getByText(/^Last delivery: Delivered 200 · just now$/)
      .waitFor({ timeout: PIPELINE_MS });
    const [request] = receiver.on('/crm');
    expect(request.headers.authorization).toBe('Bearer first-token-1234');
    expect(JSON.parse(request.body)).toMatchObject({ type: 'webhook.test' });
  });

  it('shows the signing secret on request, which verifies what the receiver got, and rotates it', async () => {
    const shown = page.getByRole('textbox', { name: 'Signing secret value' });
    expect(await shown.count()).toBe(0);
    await page.getByRole('button', { name: 'Show secret' }).click();
    const secret = await shown.inputValue();
    const [request] = receiver.on('/crm');
    expect(() =>
      new Webhook(secret).verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      }),
    ).not.toThrow();
    await page.getByRole('button', { name: 'Copy secret' }).click();
    await page.getByText(/^(Secret copied\.|Copying is not allowed here.*)$/).waitFor();

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, rotate' }).click();
    await page.getByText(/^Rotated\. The previous secret also signs until /).waitFor();
    const rotated = await shown.inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
  });

  it("shows a failing receiver's status, then redelivers from the delivery log once it is fixed", async () => {
    await openList();
    await createThroughForm('Billing', '/down', ['form_submission.completed']);
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page
      .getByText(/^Last delivery: Failed · gave up after 4 attempts$/)
      .waitFor({ timeout: PIPELINE_MS });
    expect(receiver.on('/down')).toHaveLength(4);

    // The list says the same under each webhook; a third one has never sent anything.
    await api.expect(201, 'POST', '/v1/webhooks', {
      name: 'Support inbox',
      target_url: receiver.url('/support'),
      events: ['conversation.inbound', 'conversation.close'],
    });
    await openList();
    await webhookRow('Billing').getByText('Failed · gave up after 4 attempts').waitFor();
    await webhookRow('CRM sync')
      .getByText(/Last delivery: Delivered 200 · /)
      .waitFor();
    await webhookRow('Support inbox').getByText('Never sent').waitFor();
    if (process.env.UPDATE_DOCS_SCREENSHOT)
      await page.screenshot({ path: join(ROOT, 'docs', 'webhooks-page.png') });
    await webhookRow('Billing').getByRole('link', { name: 'Billing' }).click();

    const log = page.getByRole('region', { name: 'Delivery attempts' });
    const rows = log.getByRole('row').filter({ hasText: 'webhook.test (test)' });
    await waitFor('four attempts in the log', async () => (await rows.count()) === 4, PIPELINE_MS);
    const last = rows.filter({ has: page.getByRole('cell', { name: '4', exact: true }) });
    expect(await last.innerText()).toMatch(
      /Failed · gave up\s+500\s+\d+ ms\s+maintenance until 11:00/,
    );
    // Only the attempt nothing will retry can be sent again.
    expect(await log.getByRole('button', { name: 'Redeliver' }).count()).toBe(1);

    failing.delete('/down');
    await last.getByRole('button', { name: 'Redeliver' }).click();
    await page
      .getByText(/^Last delivery: Delivered 200 · just now$/)
      .waitFor({ timeout: PIPELINE_MS });
    await log.getByRole('row').filter({ hasText: 'webhook.test (redelivery)' }).waitFor();
    expect(receiver.on('/down')).toHaveLength(5);
    expect(receiver.on('/down')[4].headers['webhook-id']).toBe(
      receiver.on('/down')[0].headers['webhook-id'],
    );
  });

  it('edits the webhook: new events and a replaced header value reach the receiver', async () => {
    await openList();
    await webhookRow('CRM sync').getByRole('link', { name: 'CRM sync' }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    const value = page.getByRole('textbox', { name: 'Header 1 value' });
    // The saved value is never sent back to the page: only its mask shows.
    expect(await value.inputValue()).toBe('');
    expect(await value.getAttribute('placeholder')).toBe('Bear…1234 (saved)');
    await value.fill('Bearer second-token-5678');
    await page.getByRole('checkbox', { name: 'conversation.inbound' }).uncheck();
    await page.getByRole('checkbox', { name: 'Active' }).check();
    await page.getByRole('button', { name: 'Save webhook' }).click();
    await page.getByRole('heading', { level: 1, name: 'CRM sync' }).waitFor();
    const settings = await page.getByRole('region', { name: 'Settings' }).innerText();
    expect(settings).toMatch(/Events\s+contact\.created\s/);
    expect(settings).toContain('Authorization: Bear…5678');

    // The sender learns the change within about a second (its view polls); until then a
    // test may still carry the old value. Send tests until one carries the new one.
    const deadline = Date.now() + 10_000;
    let latest = receiver.on('/crm').at(-1)!;
    while (latest.headers.authorization !== 'Bearer second-token-5678' && Date.now() < deadline) {
      const before = receiver.on('/crm').length;
      await page.getByRole('button', { name: 'Send test event' }).click();
      await waitFor(
        'the next test callback',
        () => receiver.on('/crm').length > before,
        PIPELINE_MS,
      );
      latest = receiver.on('/crm').at(-1)!;
    }
    expect(latest.headers.authorization).toBe('Bearer second-token-5678');
  });

  it("fits a phone's width without sideways scrolling", async () => {
    await openList();
    await webhookRow('Billing')
      .getByText(/Last delivery: Delivered 200 · /)
      .waitFor();
    await page.setViewportSize({ width: 375, height: 740 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('deletes a webhook only after confirmation', async () => {
    await webhookRow('Billing').getByRole('link', { name: 'Billing' }).click();
    await page.getByRole('button', { name: 'Delete webhook' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.innerText()).toContain('Delete “Billing”?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await webhookRow('CRM sync').waitFor();
    expect(await webhookRow('Billing').count()).toBe(0);
  });

  it('ends the session on a 401 with a clear message, and signs out', async () => {
    await page.evaluate(() => {
      const [storageKey] = Object.keys(window.sessionStorage);
      window.sessionStorage.setItem(storageKey, 'whk_revoked-000000000000000000000000');
    });
    await page.reload();
    await page.getByText(/Your API key is no longer accepted/).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);

    await page.getByLabel('Organisation API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
  });

  it('pages through more webhooks than fit on one page', async () => {
    const other = await pipeline.admin.expect<{ key: string }>(201, 'POST', '/v1/admin/api-keys', {
      organisation_id: randomUUID(),
      name: 'browser tests, paging',
    });
    const otherApi = new ManagementClient(pipeline.managementUrl, other.key);
    for (let i = 1; i <= 12; i += 1)
      await otherApi.expect(201, 'POST', '/v1/webhooks', {
        name: `Hook ${String(i).padStart(2, '0')}`,
        target_url: receiver.url(`/paging/${i}`),
        events: ['contact.created'],
      });
    await page.getByLabel('Organisation API key').fill(other.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const rows = page.getByRole('list', { name: 'Webhooks' }).getByRole('listitem');
    await page.getByRole('link', { name: 'Hook 12' }).waitFor();
    expect(await rows.count()).toBe(10);
    const previous = page.getByRole('button', { name: 'Previous page' });
    expect(await previous.isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('link', { name: 'Hook 01' }).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await previous.click();
    await page.getByRole('link', { name: 'Hook 12' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('never puts the API key in an address or a log line', () => {
    expect(requestedUrls.length).toBeGreaterThan(10);
    expect(requestedUrls.filter((url) => url.includes(apiKey))).toEqual([]);
    const log = readFileSync(
      join(ROOT, '.local', 'test-logs', `management-${pipeline.apps.management.port}.log`),
      'utf8',
    );
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(apiKey);
  });
});
