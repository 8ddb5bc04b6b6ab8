import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../src/logger.js';
import { type Playground, startPlayground } from '../src/server.js';

/**
 * The console end to end, in real headless Chromium (Debian's `chromium` package, driven by
 * playwright-core): a session walked through its whole life from the browser, over REST, then a
 * start over SOAP, with no console error on the way. Screenshots go to test-results/.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results');

let playground: Playground;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH. This test is never skipped.',
    );
  mkdirSync(SHOTS, { recursive: true });
  playground = await startPlayground({
    port: 0,
    host: '127.0.0.1',
    store: 'memory:',
    logger: createLogger('silent'),
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${playground.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

const id = (testid: string) => `[data-testid="${testid}"]`;

/** Fills the integrator's form for `operation` (other fields left as they are) and sends it. */
async function tryOperation(
  operation: string,
  fields: Record<string, string> = {},
): Promise<{ outcome: string; result: any; request: string; response: string }> {
  await page.selectOption(id('operation-select'), operation);
  for (const [name, value] of Object.entries(fields)) {
    const field = page.locator(`${id('try-form')} ${id(`field-${name}`)}`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.click(id('try-submit'));
  await page.waitForSelector(`${id('try-output')}[data-state="done"][data-operation="${operation}"]`);
  const text = async (testid: string) => (await page.locator(id(testid)).textContent()) ?? '';
  return {
    outcome: await text('try-outcome'),
    result: JSON.parse(await text('try-result')),
    request: await text('raw-request'),
    response: await text('raw-response'),
  };
}

/** Each panel whole (the window made tall enough for both not to scroll), then back to 1366×768. */
async function panelScreenshots(suffix: string): Promise<void> {
  const heights = await page
    .locator('.panel')
    .evaluateAll((panels) => panels.map((panel) => (panel as { scrollHeight: number }).scrollHeight));
  const tallest = Math.max(...heights);
  await page.setViewportSize({ width: 1366, height: Math.min(4000, tallest + 80) });
  await page.locator(id('integrator-panel')).screenshot({ path: `${SHOTS}/integrator-panel-${suffix}.png` });
  await page
    .locator(id('contact-center-panel'))
    .screenshot({ path: `${SHOTS}/contact-center-panel-${suffix}.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The session's card on the board, once it shows `status` (in that status's column). */
function card(sessionId: string, status: string, extra = '') {
  return page.waitForSelector(
    `${id(`column-${status}`)} [data-session-id="${sessionId}"][data-status="${status}"]${extra}`,
  );
}

describe('the console in Chromium', () => {
  test('a session over REST, from start to close, through both panels', async () => {
    await page.click(id('transport-rest'));
    const started = await tryOperation('startSession', { channelId: '1003', serviceid: 'SUPPORT' });
    expect(started.outcome).toContain('SUCCESS');
    const sessionId = started.result.sessionId as string;
    expect(sessionId).toMatch(/\S{8,}/);
    expect(started.request).toContain('GET ');
    expect(started.request).toContain('/mc/cxf/rest/json/startSession?channelId=1003&serviceid=SUPPORT');
    expect(started.response).toContain('HTTP 200');
    expect(started.response).toContain(`"sessionId": "${sessionId}"`);
    // remembered, and shown on the board as NEW
    await page.waitForSelector(`${id('recent-session')}[data-session-id="${sessionId}"]`);
    await card(sessionId, 'NEW');

    // the integrator books it to bob; the board shows it BOOKED to bob
    const accepted = await tryOperation('sessionAccept', { sessionId, user: 'bob' });
    expect(accepted.outcome).toContain('SUCCESS');
    expect(accepted.request).toContain(`sessionAccept?sessionId=${sessionId}&user=bob`);
    await card(sessionId, 'BOOKED', '[data-username="bob"]');
    expect(await page.locator(`[data-session-id="${sessionId}"] ${id('session-agent')}`).textContent()).toBe(
      'bob',
    );

    // bob accepts from the contact-center panel
    await page.locator(`[data-session-id="${sessionId}"] ${id('session-accept')}`).click();
    await card(sessionId, 'ASSIGNED', '[data-username="bob"]');
    await page.waitForSelector(`${id('agent-bob-1003')} ${id('agent-load-bob-1003')}:has-text("1/3")`);

    // bob sets a custom message; the integrator sees ASSIGNED and the message in checkSession
    await page.locator(`[data-session-id="${sessionId}"] ${id('session-message-edit')}`).click();
    await page.fill(`[data-session-id="${sessionId}"] ${id('session-message-input')}`, 'Hi, Bob here');
    await page.click(`[data-session-id="${sessionId}"] ${id('session-message-set')}`);
    await page.waitForSelector(
      `[data-session-id="${sessionId}"] ${id('session-message')}:has-text("Hi, Bob here")`,
    );
    const checked = await tryOperation('checkSession', { sessionId });
    await page.screenshot({ path: `${SHOTS}/console-assigned.png` });
    expect(checked.outcome).toContain('ASSIGNED');
    expect(checked.result).toMatchObject({
      result: 'SUCCESS',
      status: 'ASSIGNED',
      customMessage: 'Hi, Bob here',
    });

    // the caller closes it; the board shows it CLOSED
    const closed = await tryOperation('closeSession', { sessionId, reason: 'REQUEST_FROM_CALLER' });
    expect(closed.result).toMatchObject({ result: 'SUCCESS', sessionId });
    expect(closed.request).toContain('reason=REQUEST_FROM_CALLER');
    await card(sessionId, 'CLOSED');
    await page.waitForSelector(`${id('licences-1003')}:has-text("0/50")`);

    await page.screenshot({ path: `${SHOTS}/console-closed.png` });
    await panelScreenshots('rest');
    expect(problems).toEqual([]);
  }, 60_000);

  test('a session started over SOAP, shown raw as XML and on the board', async () => {
    await page.click(id('transport-soap'));
    const started = await tryOperation('startSession', {
      channelId: '1003',
      serviceid: 'SUPPORT',
      data: 'from SOAP',
    });
    expect(started.outcome).toContain('SUCCESS');
    const sessionId = started.result.sessionId as string;
    await card(sessionId, 'NEW');
    expect(await page.locator(`[data-session-id="${sessionId}"] ${id('session-data')}`).textContent()).toBe(
      'from SOAP',
    );

    // bob goes not ready from the panel; queued without a user, alice (who answers by herself) gets it
    await page.click(id('agent-ready-bob-1003'));
    await page.waitForSelector(`${id('agent-bob-1003')}[data-ready="false"]`);
    const accepted = await tryOperation('sessionAccept', { sessionId, user: '' });
    expect(accepted.outcome).toContain('SUCCESS');
    await card(sessionId, 'ASSIGNED', '[data-username="alice"]');
    await page.click(id('agent-ready-bob-1003'));
    await page.waitForSelector(`${id('agent-bob-1003')}[data-ready="true"]`);
    // the raw exchange, XML indented one element per line (soft: the rest of the walk still runs)
    expect.soft(started.request).toContain('POST ');
    expect.soft(started.request).toContain('/mc/cxf/soap');
    expect.soft(started.request).toMatch(/<\w+:Envelope/);
    expect.soft(started.request).toContain('<serviceid>SUPPORT</serviceid>');
    expect.soft(started.response).toContain('HTTP 200');
    expect.soft(started.response).toContain(sessionId);
    expect
      .soft(started.request.split('\n').some((line) => /^\s+<channelId>1003<\/channelId>$/.test(line)))
      .toBe(true);

    await page.screenshot({ path: `${SHOTS}/console-soap.png` });
    await panelScreenshots('soap');
    expect(problems).toEqual([]);
  }, 60_000);

  test('the XML indenter puts one element per line', async () => {
    const xml =
      '<?xml version="1.0"?><s:Envelope xmlns:s="urn:x"><s:Body><m:op xmlns:m="urn:m">' +
      '<a>1 &amp; 2</a><b/><c></c><d><e>x</e></d></m:op></s:Body></s:Envelope>';
    // a string, so that the test runner's transform leaves the browser's import() alone
    const pretty = await page.evaluate<string>(
      `import('/js/format.js').then((format) => format.prettyXml(${JSON.stringify(xml)}))`,
    );
    expect(pretty).toBe(
      [
        '<?xml version="1.0"?>',
        '<s:Envelope xmlns:s="urn:x">',
        '  <s:Body>',
        '    <m:op xmlns:m="urn:m">',
        '      <a>1 &amp; 2</a>',
        '      <b/>',
        '      <c></c>',
        '      <d>',
        '        <e>x</e>',
        '      </d>',
        '    </m:op>',
        '  </s:Body>',
        '</s:Envelope>',
      ].join('\n'),
    );
  });

  test('the clock control moves virtual time', async () => {
    const before = await playground.clock.now();
    await page.click(id('clock-toggle'));
    await page.waitForSelector(`${id('clock-state')}:has-text("paused")`);
    await page.click(id('clock-plus-1h'));
    await page.click(id('clock-plus-10m'));
    await page.click(id('clock-plus-1m'));
    await expect.poll(() => playground.clock.now() - before).toBeGreaterThanOrEqual(71 * 60_000);
    expect(playground.clock.running).toBe(false);
    await page.click(id('clock-toggle'));
    await page.waitForSelector(`${id('clock-state')}:has-text("running")`);
    expect(problems).toEqual([]);
  }, 30_000);
});
