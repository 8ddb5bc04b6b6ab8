import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../src/logger.js';
import { type Playground, startPlayground } from '../src/server.js';
import {
  id,
  playwrightConsole,
  walkFaults,
  walkRestSession,
  walkSoapSession,
} from './support/console-walk.js';
import { walkLayout, walkRetries } from './support/layout-walk.js';

/**
 * The console end to end, in real headless Chromium (Debian's `chromium` package, driven by
 * playwright-core): a session walked through its whole life from the browser, over REST, then a
 * start over SOAP, with no console error on the way. Screenshots go to test-results/. The walks
 * themselves are shared with the Firefox test (support/console-walk.ts).
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

describe('the console in Chromium', () => {
  test('a session over REST, from start to close, through both panels', async () => {
    await walkRestSession(playwrightConsole(page), {
      assigned: `${SHOTS}/console-assigned.png`,
      closed: `${SHOTS}/console-closed.png`,
    });
    await panelScreenshots('rest');
    expect(problems).toEqual([]);
  }, 60_000);

  test('a session started over SOAP, shown raw as XML and on the board', async () => {
    await walkSoapSession(playwrightConsole(page), `${SHOTS}/console-soap.png`);
    await panelScreenshots('soap');
    expect(problems).toEqual([]);
  }, 60_000);

  test('faults set in the faults section change the answers, and clear', async () => {
    await walkFaults(playwrightConsole(page), `${SHOTS}/console-faults.png`);
    expect(playground.faults.settings().operations).toEqual({});
    // the form's texts as the API's body, and back (a string, as for the XML indenter below)
    const settings = {
      latency: { minMs: 100, maxMs: 300, rate: 0.5 },
      unavailable: { rate: 0.2, retryAfterSeconds: 2 },
      serverError: { rate: 0.1, message: 'down' },
    };
    const built = await page.evaluate<unknown>(
      `import('/js/faults.js').then((f) => f.buildFaults(f.formValues(${JSON.stringify(settings)})))`,
    );
    expect(built).toEqual(settings);
    expect(
      await page.evaluate<unknown>(
        `import('/js/faults.js').then((f) => f.buildFaults({ 'latency-min': '250', 'drop-rate': ' 0.5 ' }))`,
      ),
    ).toEqual({ latency: { ms: 250 }, drop: { rate: 0.5 } });
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

  test('from 800 to 1440 px wide: nothing off screen, chips, words and timers as they should be', async () => {
    const ui = playwrightConsole(page);
    for (const width of [800, 1440]) await walkLayout(ui, width, `${SHOTS}/chromium-console-${width}.png`);
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(problems).toEqual([]);
  }, 90_000);

  test('the retry policy: an injected 503 retried twice, each retry shown', async () => {
    const ui = playwrightConsole(page);
    const started = await tryOperationForRetries(ui);
    await walkRetries(ui, started);
    expect(problems).toEqual([]);
  }, 60_000);
});

/** A session to check (started over REST) for the retry walk. */
async function tryOperationForRetries(ui: ReturnType<typeof playwrightConsole>): Promise<string> {
  await ui.click('[data-testid="transport-rest"]');
  await ui.select('[data-testid="operation-select"]', 'startSession');
  await ui.fill('[data-testid="try-form"] [data-testid="field-sessionId"]', '');
  await ui.click('[data-testid="try-submit"]');
  await ui.waitFor('[data-testid="try-output"][data-state="done"][data-operation="startSession"]');
  return (JSON.parse(await ui.text('[data-testid="try-result"]')) as { sessionId: string }).sessionId;
}
