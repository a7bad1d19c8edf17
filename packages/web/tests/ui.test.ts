import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import {
  type RuntimeProcess,
  startRuntimeProcess,
  until,
} from '../../local/tests/support/runtime-process.js';
import { findChromium, launch, signedIn } from './browser.js';

// A real browser against real processes: each flow takes seconds.
jest.setTimeout(120_000);

const executable = findChromium();
/** Set (e.g. to docs/screenshots) to write a screenshot of each screen as the tests pass through it. */
const screenshots = process.env.IMPORT_COMMS_SCREENSHOTS;

if (!executable) {
  test('browser tests need Chromium', () => {
    const message =
      'Chromium was not found, so the browser tests did not run: install it (`apt-get install -y chromium`) or set CHROMIUM_PATH.';
    if (process.env.CI) throw new Error(message);
    process.stderr.write(`\n${message}\n`);
  });
} else {
  let runtime: RuntimeProcess;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    runtime = await startRuntimeProcess({
      extraEnv: { IMPORT_COMMS_DEMO_HISTORY: 'true' },
    });
    baseUrl = runtime.endpoint('IMPORT_COMMS_APP_PORT');
    browser = await launch(executable);
    // The demo history is written by the pipeline: wait until its emails are delivered.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const store = (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as {
        emails: unknown[];
      };
      if (store.emails.length >= 4 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const shot = async (page: Page, name: string) => {
    if (!screenshots) return;
    mkdirSync(screenshots, { recursive: true });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  };

  const sesSubjects = async () =>
    (
      (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as {
        emails: { subject: string }[];
      }
    ).emails.map((email) => email.subject);

  const capturedSms = async () =>
    (
      (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SNS_PORT')}/sms`)).json()) as {
        message: string;
      }[]
    ).map((sms) => sms.message);

  test('signs in through the OpenID provider and back to the screen asked for; signs in again when the API refuses the session; signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: baseUrl });
    const page = await context.newPage();
    await page.goto('/customers/CU-2001');
    // The provider's own page, on its own origin, as Cognito's managed login is.
    await page.getByRole('button', { name: /Sign in as Liam/ }).waitFor();
    expect(new URL(page.url()).origin).toBe(runtime.endpoint('IMPORT_COMMS_OIDC_PORT'));
    await shot(page, 'sign-in');
    await page.getByRole('button', { name: /Sign in as Liam/ }).click();
    await page.getByRole('heading', { name: 'Aiko Tanaka' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/customers/CU-2001`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByText('Liam Approver').waitFor();

    // A token the API no longer takes (as after its keys change): the rep is signed in again, to the same screen.
    await page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:')) ?? '';
      const user = JSON.parse(sessionStorage.getItem(key) ?? '{}');
      sessionStorage.setItem(key, JSON.stringify({ ...user, access_token: 'no-longer-good' }));
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Aiko Tanaka' }).waitFor();
    await nav.getByText('Liam Approver').waitFor();
    const token = await page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:')) ?? '';
      return JSON.parse(sessionStorage.getItem(key) ?? '{}').access_token as string;
    });
    expect(token.split('.')).toHaveLength(3);

    // Signing out ends the provider's session too: the next sign-in asks who is signing in.
    await nav.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: /Sign in as Ava/ }).waitFor();
    await context.close();
  });

  test('searches and filters the log, with the filters in the URL, and opens a message', async () => {
    const page = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await page.getByRole('heading', { name: 'Communication log' }).waitFor();
    await page.getByRole('row').nth(1).waitFor();
    await shot(page, 'log');
    await page.getByRole('searchbox', { name: 'Search' }).fill('land cruiser');
    await page.getByRole('combobox', { name: 'Type' }).selectOption('Email');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=land\+cruiser/);
    expect(page.url()).toContain('type=Email');
    // The address changes a render before the unfiltered table gives way to the filtered one: wait for the
    // rows the filters ask for, rather than take the first rows there are.
    const rows = page.getByRole('row');
    let texts: string[] = [];
    await until(
      async () => {
        texts = (await rows.allInnerTexts()).slice(1);
        return (
          texts.length > 0 &&
          texts.every((text) => text.includes('Email') && text.toLowerCase().includes('land cruiser'))
        );
      },
      'only emails about the Land Cruiser in the log',
      20_000,
      () => texts.join('\n'),
    );
    await rows.nth(1).click();
    const detail = page.getByRole('complementary', { name: 'Communication details' });
    await detail.getByRole('region', { name: 'Status history' }).getByText('Delivered').waitFor();
    await shot(page, 'log-detail');
    await page.getByRole('button', { name: 'Close details' }).click();
    // The panel leaves once the URL has dropped `open` (a render later): wait for it rather than race it.
    await detail.waitFor({ state: 'detached' });
    await expect(detail.count()).resolves.toBe(0);

    // The filters become a view of the rep's own, in the navigation; built-in views are there already.
    await page.getByRole('textbox', { name: 'Name of the view' }).fill('Cruiser emails');
    await page.getByRole('button', { name: 'Save view' }).click();
    const views = page.getByRole('navigation', { name: 'Main' }).getByRole('region', { name: 'Saved views' });
    await views.getByRole('link', { name: 'Cruiser emails' }).waitFor();
    await views.getByRole('link', { name: 'Failed this week' }).click();
    await page.waitForURL(/status=Failed/);
    expect(page.url()).toMatch(/from=\d{4}-\d{2}-\d{2}/);
    await views.getByRole('link', { name: 'Cruiser emails' }).click();
    await page.waitForURL(/q=land\+cruiser/);
    expect(page.url()).toContain('type=Email');
    await views.locator('a[aria-current="page"]', { hasText: 'Cruiser emails' }).waitFor();
    await page.getByRole('button', { name: 'Remove the view Cruiser emails' }).click();
    await views.getByRole('link', { name: 'Cruiser emails' }).waitFor({ state: 'detached' });
    await page.context().close();
  });

  test('the search box finds people by first name, phone and email, and messages by two words, from the keyboard', async () => {
    const page = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await page.getByRole('heading', { name: 'Communication log' }).waitFor();
    const box = page.getByRole('combobox', { name: 'Search customers, vehicles and messages' });
    const results = page.getByRole('listbox', { name: 'Search results' });
    const focusedId = () => page.evaluate(() => document.activeElement?.id);

    // "/" from anywhere but a field goes to the search box.
    await page.getByRole('heading', { name: 'Communication log' }).click();
    await page.keyboard.press('/');
    await expect(focusedId()).resolves.toBe(await box.getAttribute('id'));
    await page.keyboard.type('liam');
    const liam = results.getByRole('option', { name: /^Liam O.Connor/ });
    await liam.waitFor();
    await expect(results.getByRole('group', { name: 'Customers' }).isVisible()).resolves.toBe(true);
    await shot(page, 'search');
    await page.keyboard.press('ArrowDown');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(await liam.getAttribute('id'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/customers\/CU-2003$/);
    await page.getByRole('heading', { name: /Liam O.Connor/ }).waitFor();
    await expect(focusedId()).resolves.toBe('main');

    // A phone number in the format the customer gave it, and another; an email address.
    for (const text of ['0400 111 222', '+61 400-111-222', 'wei.zhang@example.com']) {
      await box.fill(text);
      await results.getByRole('option', { name: /^Wei Zhang/ }).waitFor();
    }
    // Two words of a message, in the other order, and the vehicle they also name.
    await box.fill('cruiser land');
    await results.getByRole('group', { name: 'Messages' }).getByRole('option').first().waitFor();
    await results
      .getByRole('group', { name: 'Vehicles' })
      .getByRole('option', { name: /Land Cruiser/ })
      .waitFor();
    // Enter on nothing chosen: every result, at an address that can be shared.
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=cruiser\+land/);
    await page.getByRole('heading', { name: 'Search: cruiser land' }).waitFor();
    await page.getByRole('heading', { name: /^Messages \(\d+\+?\)$/ }).waitFor();
    await box.fill('zzqx nothing');
    await results.page().getByText('Nothing matches.').waitFor();
    await page.keyboard.press('Escape');
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.context().close();
  });

  test('a stage change published elsewhere appears in the open log without a reload', async () => {
    const page = await signedIn(browser, baseUrl, /Sign in as Sam/);
    await page.getByRole('heading', { name: 'Communication log' }).waitFor();
    await page.getByRole('row').nth(1).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const clearedRows = () =>
      page.getByRole('row').filter({ hasText: /Liam O.Connor[\s\S]*cleared customs/i });
    const before = await clearedRows().count();

    const response = await fetch(runtime.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({
        Entries: [
          {
            EventBusName: 'import-events',
            Source: 'import.pipeline',
            DetailType: 'Import Stage Changed',
            Detail: JSON.stringify({
              schemaVersion: 1,
              eventId: 'stage-VH-1004-live',
              occurredAt: new Date().toISOString(),
              customerId: 'CU-2003',
              vehicleId: 'VH-1004',
              fromStage: 'VEHICLE_SELECTED',
              toStage: 'CUSTOMS_CLEARED',
              stageSequence: 30,
              stageData: {},
            }),
          },
        ],
      }),
    });
    expect(((await response.json()) as { FailedEntryCount: number }).FailedEntryCount).toBe(0);

    let seen: string[] = [];
    await until(
      async () => {
        seen = await page.getByRole('row').allInnerTexts();
        return (await clearedRows().count()) > before;
      },
      'the new message in the open log',
      15_000,
      () =>
        `before ${before}; ${seen.length} rows: ${seen.filter((row) => /cleared customs/i.test(row)).join('\n')}`,
    );
    await expect(
      page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).resolves.toBe(true);
    await page.context().close();
  });

  /** Every screen a rep reaches, with something on it to wait for once it has loaded. */
  const SCREENS = [
    { path: '/log', name: 'log', ready: { role: 'heading', name: 'Communication log' } },
    { path: '/my-work', name: 'my-work', ready: { role: 'heading', name: 'My work' } },
    { path: '/inbox?view=team', name: 'inbox', ready: { role: 'heading', name: 'Inbox' } },
    {
      path: '/settings/silence-watch',
      name: 'silence-watch',
      ready: { role: 'heading', name: 'Silence watch' },
    },
    { path: '/reviews', name: 'reviews', ready: { role: 'heading', name: 'Reviews' } },
    { path: '/compose', name: 'compose', ready: { role: 'heading', name: 'Compose' } },
    { path: '/log-interaction', name: 'log-interaction', ready: { role: 'heading', name: /Log a call/ } },
    { path: '/customers', name: 'customers', ready: { role: 'heading', name: 'Customers' } },
    { path: '/customers/CU-2001', name: 'customer', ready: { role: 'heading', name: /Aiko Tanaka/ } },
    { path: '/vehicles/VH-1001', name: 'vehicle', ready: { role: 'heading', name: /Land Cruiser/ } },
    {
      path: '/customers/CU-2001/preferences',
      name: 'preferences',
      ready: { role: 'heading', name: /Preferences/ },
    },
    { path: '/templates', name: 'templates', ready: { role: 'heading', name: 'Templates' } },
    {
      path: '/templates/shipping-update-email',
      name: 'template-editor',
      ready: { role: 'heading', name: /Shipping/ },
    },
    { path: '/dashboard', name: 'dashboard', ready: { role: 'heading', name: 'Dashboard' } },
    { path: '/search?q=aiko', name: 'search-page', ready: { role: 'heading', name: 'Customers (1)' } },
  ] as const;

  test.each([
    [390, 844],
    [1280, 800],
  ])(
    'at %i px every screen fits the width and has no serious or critical accessibility violation',
    async (width, height) => {
      const page = await signedIn(browser, baseUrl, /Sign in as Liam/);
      await page.setViewportSize({ width, height });
      const problems: string[] = [];
      for (const screen of SCREENS) {
        await page.goto(screen.path);
        await page.getByRole(screen.ready.role, { name: screen.ready.name }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${screen.path}: scrolls ${overflow} px sideways`);
        // One way of writing dates for the rep (format.ts): never an ISO day or a numeric one in what they read.
        const text = (await page.locator('main').textContent()) ?? '';
        for (const written of text.match(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g) ?? [])
          problems.push(`${screen.path}: a date written as ${written}`);
        // The message previews are sandboxed frames (no scripts, as the message is the customer's): axe cannot
        // enter them and would wait half a minute on each. What is around them is checked.
        const { violations } = await new AxeBuilder({ page }).exclude('iframe').analyze();
        for (const violation of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
          problems.push(
            `${screen.path}: ${violation.id} (${violation.impact}) at ${violation.nodes
              .slice(0, 3)
              .map((node) => node.target.join(' '))
              .join(', ')}`,
          );
        await shot(page, `${screen.name}-${width}`);
      }
      expect(problems).toEqual([]);
      await page.context().close();
    },
  );

  test.each([
    [768, 1024],
    [1440, 900],
  ])('at %i px (tablet, wide) every screen fits the width', async (width, height) => {
    const page = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await page.setViewportSize({ width, height });
    const problems: string[] = [];
    for (const screen of SCREENS) {
      await page.goto(screen.path);
      await page.getByRole(screen.ready.role, { name: screen.ready.name }).first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) problems.push(`${screen.path}: scrolls ${overflow} px sideways`);
    }
    expect(problems).toEqual([]);
    await page.goto('/log');
    // A tablet gets cards, a wide screen the table.
    await page
      .getByRole('row')
      .nth(1)
      .or(page.getByRole('list', { name: 'Communications' }).getByRole('listitem').first())
      .waitFor();
    await shot(page, `log-${width}`);
    await page.context().close();
  });

  test('a phone reaches every page through the menu, and keyboard focus is always visible', async () => {
    const page = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await page.setViewportSize({ width: 390, height: 844 });
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(page.getByRole('link', { name: 'Templates' }).isVisible()).resolves.toBe(false);
    await menu.click();
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Templates' }).waitFor();
    await expect(page.getByRole('link', { name: 'Dashboard' }).isVisible()).resolves.toBe(false);

    // The skip link moves focus to the content; the primary button shows where focus is.
    await page.goto('/compose');
    await page.getByRole('heading', { name: 'Compose' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await page.goto('/log');
    // On a phone the filters wait behind a button: the first screen shows messages, not a form.
    const apply = page.getByRole('button', { name: 'Apply filters' });
    await page.getByRole('row').or(page.getByRole('listitem')).first().waitFor();
    await expect(apply.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Filters' }).click();
    await apply.waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await apply.focus();
    const outline = await apply.evaluate((element) => {
      const style = getComputedStyle(element);
      return { style: style.outlineStyle, width: style.outlineWidth, colour: style.outlineColor };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).not.toBe('0px');
    await page.context().close();
  });

  test('composes and sends an email and an SMS, which reach SES and SNS and show in the log', async () => {
    const page = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await page.getByRole('link', { name: 'Compose' }).click();
    await page.getByRole('searchbox', { name: 'Customer' }).fill('tanaka');
    await page.getByRole('button', { name: /Aiko Tanaka/ }).click();
    // Focus follows the choice instead of dropping to the page.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Change customer');
    await page.getByRole('textbox', { name: 'Subject' }).fill('Your paperwork is ready');
    await page
      .getByRole('textbox', { name: 'Message', exact: true })
      .fill('Hi Aiko,\n\nThe compliance papers are ready to sign.');
    await shot(page, 'compose');
    // What the customer receives shows before sending, free-form too.
    await page
      .getByRole('region', { name: 'Your message as sent' })
      .getByText('The compliance papers are ready to sign.')
      .waitFor();
    await page.getByRole('button', { name: 'Send email' }).click();
    await page.getByText('Email queued for sending').waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('compose-content');
    // The form is empty again: a second click cannot send the same message twice.
    await expect(page.getByRole('textbox', { name: 'Subject' }).inputValue()).resolves.toBe('');

    // A template's event fields are named in words, with what they mean.
    await page.getByLabel('Template').selectOption({ label: 'Payment Reminder (email)' });
    await page.getByLabel('Amount due', { exact: false }).first().waitFor();
    await expect(page.getByText('event.amountDue', { exact: true }).count()).resolves.toBe(0);
    await page.getByLabel('Template').selectOption({ label: 'Write your own' });
    await until(
      async () => (await sesSubjects()).includes('Your paperwork is ready'),
      'the email in SES',
      30_000,
    );

    await page.getByRole('button', { name: 'Change customer' }).click();
    await page.getByRole('searchbox', { name: 'Customer' }).fill('sharma');
    await page.getByRole('button', { name: /Priya Sharma/ }).click();
    await page.getByRole('radio', { name: 'SMS' }).check();
    await page
      .getByRole('textbox', { name: 'Message', exact: true })
      .fill('Your WRX deposit is received. Thank you!');
    await page.getByText(/GSM-7 · 1 segment/).waitFor();
    await page.getByRole('button', { name: 'Send SMS' }).click();
    await page.getByText('SMS queued for sending').waitFor();
    await until(
      async () => (await capturedSms()).includes('Your WRX deposit is received. Thank you!'),
      'the SMS',
      30_000,
    );

    await page.getByRole('link', { name: 'Communication log' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('paperwork');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('row', { name: /Your paperwork is ready/ }).waitFor();
    await page.context().close();
  });

  test('logs a call, which shows in the customer history', async () => {
    const page = await signedIn(browser, baseUrl, /Sign in as Sam/);
    await page.getByRole('link', { name: 'Log a call or meeting' }).click();
    await page.getByRole('searchbox', { name: 'Customer' }).fill('zhang');
    await page.getByRole('button', { name: /Wei Zhang/ }).click();
    await page.getByLabel('Duration (minutes)').fill('9');
    await page.getByLabel('Outcome').selectOption({ label: 'Connected' });
    await page.getByLabel('Notes').fill('Called about the GT-R delivery; Saturday morning suits.');
    await page.getByLabel('Open a follow-up task').check();
    await page.getByLabel('What to do').fill('Confirm the Saturday slot with the driver');
    await shot(page, 'log-call');
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.getByRole('heading', { name: 'Wei Zhang' }).waitFor();
    await page.getByRole('row', { name: /Call/ }).first().waitFor();
    await page
      .getByRole('region', { name: 'Tasks' })
      .getByRole('listitem', { name: 'Follow up the call with Wei Zhang' })
      .waitFor();
    await shot(page, 'customer-history');
    await page.getByRole('link', { name: /Nissan Skyline/ }).click();
    await page
      .getByText('Current import stage')
      .or(page.getByRole('heading', { name: 'Import stage' }))
      .first()
      .waitFor();
    await shot(page, 'vehicle-history');
    await page.context().close();
  });

  test('edits a template, submits it, has another user approve it, and activates it', async () => {
    const author = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await author.getByRole('link', { name: 'Templates' }).click();
    // The log also has a "Search" field: type only once the templates page is the one shown.
    await author.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
    // Found by words and channel among all the templates, the choices kept in the address.
    await author.getByRole('searchbox', { name: 'Search' }).fill('status update');
    // One change at a time, as a person makes them: each is in the address before the next.
    await author.waitForURL(/q=status\+update/);
    await author.getByLabel('Channel', { exact: true }).selectOption('SMS');
    await author.waitForURL(/channel=SMS/);
    expect(author.url()).toContain('q=status+update');
    await author.getByText(/^\d+ of \d+ templates$/).waitFor();
    await author.getByRole('link', { name: 'Status Update (SMS)' }).waitFor();
    await expect(author.getByRole('link', { name: 'Status Update (email)' }).count()).resolves.toBe(0);
    await shot(author, 'templates');
    await author.getByRole('link', { name: 'Status Update (SMS)' }).click();
    const editor = author.getByRole('textbox', { name: 'Template content' });
    await editor.click();
    await author.keyboard.press('ControlOrMeta+a');
    await author.keyboard.type(
      '{{ company.name }}: {{ vehicle.description }} is now "{{ event.toStage | stage_label }}".',
    );
    await author.getByRole('region', { name: 'Rendered SMS' }).getByText('is now "Shipped"').waitFor();
    await author.getByLabel('What changed').fill('shorter');
    // The editor says which version the save creates; wait for exactly that one (the list refreshes after).
    const title = (await author.getByText(/saves version \d+ as a draft/).textContent()) ?? '';
    const number = /saves version (\d+)/.exec(title)?.[1];
    expect(number).toBeDefined();
    await author.getByRole('button', { name: 'Save as new version' }).click();
    await author.getByText('Saved as a new draft version').waitFor();
    await author.getByRole('button', { name: `Submit for review: version ${number}` }).click();
    const latest = author.getByRole('list', { name: 'Versions' }).getByRole('listitem').first();
    await latest.getByText('In review').waitFor();
    await shot(author, 'template-editor');
    await author.context().close();

    // The approver finds it in the review inbox (counted in the navigation), against the live version.
    const approver = await signedIn(browser, baseUrl, /Sign in as Liam/);
    const nav = approver.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('status', { name: /waiting for your review/ }).waitFor();
    await nav.getByRole('link', { name: /Reviews/ }).click();
    const item = approver.getByRole('listitem', { name: `Status Update (SMS) v${number}` });
    await item
      .getByRole('region', { name: 'Differences' })
      .getByText(/is now/)
      .first()
      .waitFor();
    await shot(approver, 'reviews');
    await item.getByRole('button', { name: 'Approve' }).click();
    await item.waitFor({ state: 'detached' });
    await approver.goto('/templates/status-update-sms');
    await approver.getByRole('button', { name: `Activate: version ${number}` }).click();
    await approver.getByText(`v${number} is live`).waitFor();
    await approver
      .getByRole('list', { name: 'Versions' })
      .getByRole('listitem')
      .first()
      .getByText('Active')
      .waitFor();
    await approver.context().close();
  });

  test('a follow-up handed to another rep reaches their open "My work" without a reload; they finish it', async () => {
    const assignee = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await assignee.getByRole('link', { name: 'My work' }).click();
    await assignee.getByRole('heading', { name: 'My work' }).waitFor();
    await assignee.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const badge = assignee.getByRole('navigation', { name: 'Main' }).getByRole('status');
    const dueBefore = (await badge.count()) > 0 ? Number(await badge.textContent()) : 0;

    // Another rep logs a meeting and hands its follow-up to Ava, due in ten minutes — kept within today, as the
    // list and the badge go by the calendar day: run in the day's last minutes, it is due at 23:59 (and may be
    // overdue by the time it shows), never tomorrow under "Upcoming".
    const other = await signedIn(browser, baseUrl, /Sign in as Sam/);
    await other.goto('/log-interaction?customerId=CU-2001');
    await other.getByLabel('Type').selectOption('Meeting');
    await other.getByLabel('Outcome').selectOption({ label: 'Held' });
    await other.getByLabel('Notes').fill('Showroom visit; wants the roof rack fitted before delivery.');
    await other.getByLabel('Open a follow-up task').check();
    const lastMinuteOfToday = new Date();
    lastMinuteOfToday.setHours(23, 59, 0, 0);
    const soon = new Date(Math.min(Date.now() + 10 * 60_000, lastMinuteOfToday.getTime()));
    await other
      .getByLabel('Due')
      .fill(new Date(soon.getTime() - soon.getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
    // Reps are chosen by name, not typed as user names.
    await other.getByLabel('For', { exact: true }).selectOption({ label: 'Ava Agent' });
    await other.getByLabel('What to do').fill('Quote the roof rack');
    await other.getByRole('button', { name: 'Log it' }).click();
    await other.getByRole('heading', { name: 'Aiko Tanaka' }).waitFor();
    await other.context().close();

    const dueByTonight = assignee
      .getByRole('region', { name: 'Today' })
      .or(assignee.getByRole('region', { name: 'Overdue' }));
    const task = dueByTonight.getByRole('listitem', { name: 'Follow up the meeting with Aiko Tanaka' });
    await task.waitFor({ timeout: 15_000 });
    await task.getByText('Quote the roof rack').waitFor();
    await task.getByText('from Sam Agent').waitFor();
    await until(
      async () => Number((await badge.textContent()) ?? 0) === dueBefore + 1,
      'the badge to count it',
      10_000,
    );
    await shot(assignee, 'my-work');
    await expect(
      assignee.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).resolves.toBe(true);

    await task.getByRole('button', { name: 'Done' }).click();
    await assignee
      .getByRole('region', { name: 'Done lately' })
      .getByRole('listitem', { name: 'Follow up the meeting with Aiko Tanaka' })
      .waitFor();
    await task.waitFor({ state: 'detached' });
    await assignee.context().close();
  });

  test('a customer’s reply reaches the Inbox without a reload; the rep answers it inline and sees the conversation', async () => {
    const rep = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await rep.goto('/inbox?view=mine');
    await rep.getByRole('heading', { name: 'Inbox' }).waitFor();
    await rep.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    // Ava writes to Aiko (through the API, as the compose screen does); Aiko answers from her mail program, over
    // SMTP, to the reply address on that email. A reply goes to the rep who wrote the message it answers.
    const token = (
      (await (
        await fetch(`${baseUrl}/auth/local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'ava' }),
        })
      ).json()) as { accessToken: string }
    ).accessToken;
    const sent = (await (
      await fetch(`${baseUrl}/api/communications/send-email`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': `inbox-test-${Date.now()}`,
        },
        body: JSON.stringify({
          customerId: 'CU-2001',
          vehicleId: 'VH-1001',
          category: 'transactional',
          subject: 'Collecting your Land Cruiser',
          content: 'Your Land Cruiser reaches Melbourne on the 14th.',
        }),
      })
    ).json()) as { communicationId: string };
    const shipped = await until(
      async () => {
        const detail = (await (
          await fetch(`${baseUrl}/api/communications/${sent.communicationId}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { providerMessageId?: string };
        if (!detail.providerMessageId) return undefined;
        const store = (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as {
          emails: { messageId: string; subject: string; replyTo?: string[] }[];
        };
        return store.emails.find((email) => email.messageId === detail.providerMessageId);
      },
      'Ava’s email handed to SES',
      20_000,
    );
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: Number(runtime.ports.IMPORT_COMMS_SMTP_PORT),
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'Aiko Tanaka <aiko.tanaka@example.com>',
      to: shipped.replyTo?.[0],
      subject: `Re: ${shipped.subject}`,
      text: 'Can I collect it from the port myself?\n\nOn Tue, Harbourline wrote:\n> It is at sea.',
      html: '<p>Can I collect it from the port myself?</p><script>alert(1)</script><img src="https://tracker.example/x.png">',
    });
    transport.close();

    const entry = rep.getByRole('button', { name: /Aiko Tanaka.*Can I collect it from the port myself\?/ });
    await entry.waitFor({ timeout: 20_000 });
    await expect(
      rep.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).resolves.toBe(true);
    await entry.click();
    const panel = rep.getByRole('region', { name: `Re: ${shipped.subject}` });
    await panel
      .getByRole('region', { name: 'What they wrote' })
      .getByText('Can I collect it from the port myself?')
      .waitFor();
    await panel.getByRole('button', { name: 'Show the whole message' }).click();
    const frame = panel.frameLocator('iframe[title="The whole message, as sent"]');
    await frame.getByText('Can I collect it from the port myself?').waitFor();
    await expect(frame.locator('script, img').count()).resolves.toBe(0);
    await shot(rep, 'inbox');

    await panel.getByLabel('Reply by email').fill('Yes — bring your licence; the port office opens at 8.');
    await panel.getByRole('button', { name: 'Send reply' }).click();
    await rep.getByText('Reply sent').waitFor();
    await until(
      async () =>
        (await sesSubjects()).filter((subject) => subject === `Re: ${shipped.subject}`).length === 1,
      'the answer handed to SES once',
      20_000,
    );

    // On the customer's page the conversation reads in order: ours, their reply, our answer.
    await rep.goto('/customers/CU-2001');
    // Their reply and our answer share the subject "Re: …"; either opens the same conversation.
    await rep
      .getByRole('row', { name: `Email Re: ${shipped.subject}` })
      .first()
      .click();
    const conversation = rep.getByRole('region', { name: 'Conversation' });
    await conversation.getByText('Can I collect it from the port myself?').waitFor();
    await conversation.getByText(/bring your licence/).waitFor();
    await shot(rep, 'conversation');
    await rep.context().close();
  });

  test('an approver rejects a version in a dialog that needs a reason; the author reads it by the version', async () => {
    const author = await signedIn(browser, baseUrl, /Sign in as Sam/);
    await author.goto('/templates/welcome-sms');
    const editor = author.getByRole('textbox', { name: 'Template content' });
    await editor.click();
    await author.keyboard.press('ControlOrMeta+End');
    await author.keyboard.type(' See you soon!');
    await author.getByLabel('What changed').fill('friendlier');
    const title = (await author.getByText(/saves version \d+ as a draft/).textContent()) ?? '';
    const number = /saves version (\d+)/.exec(title)?.[1];
    await author.getByRole('button', { name: 'Save as new version' }).click();
    await author.getByText('Saved as a new draft version').waitFor();
    await author.getByRole('button', { name: `Submit for review: version ${number}` }).click();
    await author.getByRole('list', { name: 'Versions' }).getByText('In review').first().waitFor();

    const approver = await signedIn(browser, baseUrl, /Sign in as Noor/);
    await approver.goto('/reviews');
    const item = approver.getByRole('listitem', { name: new RegExp(`v${number}$`) });
    await item.getByRole('button', { name: 'Reject' }).click();
    const dialog = approver.getByRole('dialog', { name: `Reject version ${number}` });
    await dialog.getByRole('button', { name: `Reject version ${number}` }).click();
    await dialog.getByText('Give the author a reason.').waitFor();
    await dialog.getByRole('textbox').fill('Keep the opt-out line at the end.');
    await dialog.getByRole('button', { name: `Reject version ${number}` }).click();
    await dialog.waitFor({ state: 'hidden' });
    await item.waitFor({ state: 'detached' });
    await approver.context().close();

    await author.reload();
    await author.getByText('review: Keep the opt-out line at the end.').waitFor();
    // The author answers beside the version, and is told of the decision on My work.
    await author.getByRole('button', { name: 'Add a comment' }).first().click();
    await author.getByRole('textbox', { name: `Comment on version ${number}` }).fill('Adding the line now.');
    await author.getByRole('button', { name: 'Comment', exact: true }).click();
    await author
      .getByRole('list', { name: `Comments on version ${number}` })
      .getByText('Adding the line now.')
      .waitFor();
    await author.getByRole('link', { name: 'My work' }).click();
    const decided = author.getByRole('region', { name: 'Your template versions, decided' });
    await decided.getByText('“Keep the opt-out line at the end.”').waitFor();
    await author.context().close();
  });

  test('the template editor stores exactly what the author types, key by key', async () => {
    const author = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await author.goto('/templates/status-update-email');
    const editor = author.getByRole('textbox', { name: 'Template content' });
    await editor.click();
    await author.keyboard.press('ControlOrMeta+a');
    await author.keyboard.press('Delete');
    // HTML tags, Liquid output, a tag with its end tag, quotes and brackets: each one an editor likes to close.
    const typed =
      '<p>Hello {{ customer.firstName }},</p>\n<p>{% if vehicle %}Your <b>{{ vehicle.description }}</b>{% endif %} is "{{ event.toStage | stage_label }}" (see [1]).</p>';
    await author.keyboard.type(typed, { delay: 5 });
    await author.getByLabel('What changed').fill('typed by hand');
    const saved = author.waitForResponse(
      (response) =>
        response.request().method() === 'PUT' &&
        response.url().endsWith('/api/templates/status-update-email'),
    );
    await author.getByRole('button', { name: 'Save as new version' }).click();
    const response = await saved;
    expect(response.request().postDataJSON()).toMatchObject({ content: typed });
    expect(response.status()).toBeLessThan(300);
    await expect(response.json()).resolves.toMatchObject({ content: typed });
    await author.context().close();
  });

  test('payment reminders wait for their time; a rep reschedules one, sends it now and cancels the other', async () => {
    const dueDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const published = await fetch(runtime.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({
        Entries: [
          {
            EventBusName: 'import-events',
            Source: 'import.finance',
            DetailType: 'Payment Due',
            Detail: JSON.stringify({
              schemaVersion: 1,
              eventId: 'payment-due-PM-UI-1',
              paymentId: 'PM-UI-1',
              customerId: 'CU-2004',
              vehicleId: 'VH-1005',
              kind: 'BALANCE',
              amountDue: { amount: 9_100, currency: 'AUD' },
              dueDate,
              invoiceNumber: 'INV-UI-1',
              occurredAt: new Date().toISOString(),
            }),
          },
        ],
      }),
    });
    expect(((await published.json()) as { FailedEntryCount: number }).FailedEntryCount).toBe(0);

    const page = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await page.goto('/vehicles/VH-1005');
    const scheduled = (channel: 'Email' | 'SMS') =>
      page.getByRole('row', { name: new RegExp(`^${channel} `) }).filter({ hasText: 'Scheduled' });
    let rows: (string | null)[] = [];
    await until(
      async () => {
        rows = await page
          .getByRole('row')
          .evaluateAll((all) => all.map((row) => row.getAttribute('aria-label')));
        return (await scheduled('SMS').count()) >= 2;
      },
      'the reminder and the overdue notice by SMS, scheduled on the timeline',
      20_000,
      () => rows.join('\n'),
    );
    const detail = page.getByRole('complementary', { name: 'Communication details' });
    const controls = detail.getByRole('region', { name: 'Scheduled message' });
    const history = detail.getByRole('region', { name: 'Status history' });

    // Reschedule an SMS to five days from now, in the rep's own time.
    await scheduled('SMS').first().click();
    await controls.getByText("timed by the payment's due date").waitFor();
    await controls.getByText(/for the customer, Australia\/Perth/).waitFor();
    await shot(page, 'scheduled-message');
    const later = new Date(Date.now() + 5 * 86_400_000);
    const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await controls.getByLabel('New time (yours)').fill(local);
    await controls.getByRole('button', { name: 'Reschedule' }).click();
    const entry = (reason: RegExp) =>
      history.getByRole('listitem').filter({ hasText: reason }).filter({ hasText: 'by Ava Agent' });
    await entry(/rescheduled for/).waitFor();
    await controls.getByText('rescheduled by a rep').waitFor();

    // Send it now: it leaves the schedule and the dispatcher sends it.
    await controls.getByRole('button', { name: 'Send now' }).click();
    await entry(/sent now by a rep/).waitFor();
    await history
      .getByText(/^(Sent|Delivered|Failed)$/)
      .first()
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Close details' }).click();

    // Cancel the other: asked once more in the page, then final.
    await scheduled('SMS').first().click();
    await controls.getByRole('button', { name: 'Cancel message' }).click();
    await controls
      .getByRole('group', { name: 'Cancel this message?' })
      .getByRole('button', { name: 'Yes, cancel it' })
      .click();
    await entry(/cancelled by a rep/).waitFor();
    await history.getByText('Cancelled', { exact: true }).waitFor();
    await controls.waitFor({ state: 'detached' });
    await page.context().close();
  });

  test('a bounced email is sent by SMS instead, linked to it; a retry to the bounced address is refused', async () => {
    const page = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await page.goto('/customers/CU-2004');
    await page
      .getByRole('row', { name: /^Email Update on your/ })
      .filter({ hasText: 'Bounced' })
      .first()
      .click();
    const detail = page.getByRole('complementary', { name: 'Communication details' });
    const again = detail.getByRole('region', { name: 'Send again' });
    await again.getByRole('button', { name: 'Retry by email' }).waitFor();
    await shot(page, 'resend');
    const smsBefore = (await capturedSms()).length;
    await again.getByRole('button', { name: 'Send by SMS instead' }).click();
    // The panel moves to the new message, which says what it sends again.
    await detail.getByRole('button', { name: 'the message that did not arrive' }).waitFor();
    await detail.getByText('+61400000013').waitFor();
    await until(async () => (await capturedSms()).length > smsBefore, 'the SMS at the provider', 15_000);
    expect((await capturedSms()).at(-1)).toContain('Deposit paid');
    await detail.getByRole('button', { name: 'the message that did not arrive' }).click();
    await detail.getByRole('button', { name: 'the new message' }).waitFor();

    // A retry by email before the address is fixed is refused with the reason, and sends nothing.
    const emailsBefore = (await sesSubjects()).length;
    await again.getByRole('button', { name: 'Retry by email' }).click();
    await page
      .locator('[data-sonner-toast]', { hasText: 'Email address bounced or complained earlier' })
      .waitFor();
    await detail.getByRole('button', { name: 'the new message' }).waitFor();
    expect((await sesSubjects()).length).toBe(emailsBefore);
    await page.context().close();
  });

  test('changes preferences and then sees the send refused', async () => {
    const page = await signedIn(browser, baseUrl, /Sign in as Ava/);
    await page.goto('/customers/CU-2003/preferences');
    await page
      .getByRole('group', { name: 'Channels the customer agreed to' })
      .getByRole('checkbox', { name: 'Email' })
      .uncheck();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText(/Preferences saved \(revision \d+\)/).waitFor();
    await page
      .getByText(/Revision \d+ by Ava Agent/)
      .first()
      .waitFor();
    await shot(page, 'preferences');
    await page.goto('/compose?customerId=CU-2003');
    await page.getByRole('alert').filter({ hasText: 'Blocked by the customer' }).waitFor();
    await expect(page.getByRole('button', { name: 'Send email' }).isDisabled()).resolves.toBe(true);
    await page.context().close();
  });

  // Near the end: it fills the log and a customer's history with more than a page, which other flows do not expect.
  test('pages a customer, a vehicle and the log while time passes between pages: each message once, then no more to load', async () => {
    const signIn = await fetch(`${baseUrl}/auth/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sam' }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const CALLS = 30;
    for (let n = 1; n <= CALLS; n++) {
      const logged = await fetch(`${baseUrl}/api/communications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'Call',
          direction: 'outbound',
          customerId: 'CU-2002',
          vehicleId: 'VH-1002',
          subject: `Paging call ${n}`,
          notes: `Call number ${n} about the GT-R.`,
          // One a day over the last month: the pages cross day partitions.
          occurredAt: new Date(Date.now() - n * 86_400_000 + n * 60_000).toISOString(),
        }),
      });
      expect(logged.status).toBe(201);
    }
    const page = await signedIn(browser, baseUrl, /Sign in as Ava/);
    const pagingRows = () => page.getByRole('row').filter({ hasText: /Paging call \d+/ });
    const calledNumbers = async () =>
      (await pagingRows().allInnerTexts()).map((text) => Number(/Paging call (\d+)/.exec(text)?.[1]));
    const everyCall = Array.from({ length: CALLS }, (_, index) => index + 1);

    for (const { path, more } of [
      { path: '/customers/CU-2002', more: 'Older' },
      { path: '/vehicles/VH-1002', more: 'Older' },
    ]) {
      await page.goto(path);
      await pagingRows().first().waitFor();
      const first = await calledNumbers();
      expect(first.length).toBeLessThan(CALLS);
      // A rep reads the first page; time passes before they ask for more (the range was fixed by the first page).
      const older = page.getByRole('button', { name: more });
      for (let pages = 1; (await older.count()) > 0; pages++) {
        expect(pages).toBeLessThan(10);
        const rows = await page.getByRole('row').count();
        await page.waitForTimeout(1_500);
        await older.click();
        await until(
          async () => (await page.getByRole('row').count()) > rows,
          `${path}: its next page`,
          15_000,
        );
      }
      const numbers = await calledNumbers();
      expect([...numbers].sort((a, b) => a - b)).toEqual(everyCall);
      // Newest first across the pages, and nothing more to ask for once everything is shown.
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      await expect(page.getByRole('alert').count()).resolves.toBe(0);
    }

    // The log holds everyone's messages, newest first: page back, a while between pages, until every call shows.
    await page.goto('/log');
    await page.getByRole('row').nth(1).waitFor();
    for (let pages = 1; (await pagingRows().count()) < CALLS; pages++) {
      expect(pages).toBeLessThan(20);
      const rows = await page.getByRole('row').count();
      await page.waitForTimeout(1_500);
      await page.getByRole('button', { name: 'Load more' }).click();
      await until(async () => (await page.getByRole('row').count()) > rows, 'the log’s next page', 15_000);
      await expect(page.getByRole('alert').count()).resolves.toBe(0);
    }
    const inLog = await calledNumbers();
    expect([...inLog].sort((a, b) => a - b)).toEqual(everyCall);
    await page.context().close();
  });

  test('shows the dashboard with counts, rates and queues', async () => {
    const page = await signedIn(browser, baseUrl, /Sign in as Noor/);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('figure', { name: 'Messages per day and channel' }).waitFor();
    await page.getByRole('cell', { name: 'trigger' }).waitFor();
    await page.getByText(/^Figures as of .+, refreshed every 15 seconds$/).waitFor();
    // The legend in the bars' order; its words readable (4.5:1 on the white card), its swatches and so the bars
    // told apart from the card (3:1, WCAG's contrast for graphics).
    const legend = await page.locator('.recharts-legend-item').evaluateAll((items) => {
      const luminance = (colour: string) => {
        const [r, g, b] = (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((channel) => {
          const c = Number(channel) / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
      };
      const onWhite = (colour: string) => 1.05 / (luminance(colour) + 0.05);
      return items.map((item) => {
        const label = item.querySelector('.recharts-legend-item-text') ?? item;
        const words = label.querySelector('span') ?? label;
        const swatch = item.querySelector('path');
        return {
          name: words.textContent,
          text: onWhite(getComputedStyle(words).color) >= 4.5,
          swatch: swatch ? onWhite(getComputedStyle(swatch).fill) >= 3 : false,
        };
      });
    });
    expect(legend).toEqual(
      ['Email sent', 'Email delivered', 'Email failed', 'SMS sent', 'SMS delivered', 'SMS failed'].map(
        (name) => ({ name, text: true, swatch: true }),
      ),
    );
    await shot(page, 'dashboard');
    await page.context().close();
  });
}
