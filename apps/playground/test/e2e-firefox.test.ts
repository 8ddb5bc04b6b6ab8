import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../src/logger.js';
import { type Playground, startPlayground } from '../src/server.js';
import {
  type ConsolePage,
  puppeteerConsole,
  walkFaults,
  walkRestSession,
  walkSoapSession,
} from './support/console-walk.js';
import { walkLayout, walkRetries } from './support/layout-walk.js';

/**
 * The console end to end in real headless Firefox: Debian's `firefox-esr` package, driven by
 * puppeteer-core over WebDriver BiDi (no geckodriver, no downloaded browser). The same walks as the
 * Chromium test (support/console-walk.ts), with no console error, page error or failed request on
 * the way. Screenshots go to test-results/ (firefox-console.png: the board once the session is closed).
 */

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const SHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results');

/**
 * On top of puppeteer's own test profile (no updates, safe browsing, telemetry upload, add-on
 * lookups…): everything else Firefox would fetch by itself, since the tests run with no network.
 */
const QUIET_PREFS: Record<string, unknown> = {
  'app.normandy.enabled': false,
  'app.update.auto': false,
  'app.update.enabled': false,
  'browser.aboutwelcome.enabled': false,
  'browser.discovery.enabled': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.geoip.url': '',
  'captivedetect.canonicalURL': '',
  'datareporting.healthreport.uploadEnabled': false,
  'dom.push.connection.enabled': false,
  'extensions.blocklist.enabled': false,
  'media.gmp-gmpopenh264.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'services.sync.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
};

let playground: Playground;
let browser: Browser;
let page: Page;
let ui: ConsolePage;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(FIREFOX))
    throw new Error(
      `Firefox is not installed at ${FIREFOX}: install Debian's package ` +
        '(apt-get install -y --no-install-recommends firefox-esr) or set FIREFOX_PATH. This test is never skipped.',
    );
  mkdirSync(SHOTS, { recursive: true });
  playground = await startPlayground({
    port: 0,
    host: '127.0.0.1',
    store: 'memory:',
    logger: createLogger('silent'),
  });
  // A fresh temporary profile (puppeteer makes one and removes it on close), headless, over BiDi.
  browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1366, height: 768 },
    extraPrefsFirefox: QUIET_PREFS,
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
  page.on('requestfailed', (request) => {
    // the event stream is cut when the page goes away, which is not the console's doing
    if (!page.isClosed()) problems.push(`request failed: ${request.method()} ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  ui = puppeteerConsole(page);
  await page.goto(`${playground.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

describe('the console in Firefox', () => {
  test('runs in Firefox itself, at a laptop-sized viewport', async () => {
    expect(await browser.version()).toMatch(/^firefox\//i);
    expect(await page.evaluate('navigator.userAgent')).toContain('Firefox/');
    expect(await page.evaluate('[window.innerWidth, window.innerHeight]')).toEqual([1366, 768]);
  });

  test('a session over REST, from start to close, through both panels', async () => {
    await walkRestSession(ui, {
      assigned: `${SHOTS}/firefox-console-assigned.png`,
      closed: `${SHOTS}/firefox-console.png`,
    });
    expect(problems).toEqual([]);
  }, 60_000);

  test('a session started over SOAP, shown raw as XML and on the board', async () => {
    await walkSoapSession(ui, `${SHOTS}/firefox-console-soap.png`);
    expect(problems).toEqual([]);
  }, 60_000);

  test('faults set in the faults section change the answers, and clear', async () => {
    await walkFaults(ui, `${SHOTS}/firefox-console-faults.png`);
    expect(problems).toEqual([]);
  }, 60_000);

  test('from 800 to 1440 px wide: nothing off screen, chips, words and timers as they should be', async () => {
    for (const width of [800, 1440]) await walkLayout(ui, width, `${SHOTS}/firefox-console-${width}.png`);
    await ui.resize(1366, 768);
    expect(problems).toEqual([]);
  }, 90_000);

  test('the retry policy: an injected 503 retried twice, each retry shown', async () => {
    await ui.click('[data-testid="transport-rest"]');
    await ui.select('[data-testid="operation-select"]', 'startSession');
    await ui.fill('[data-testid="try-form"] [data-testid="field-sessionId"]', '');
    await ui.click('[data-testid="try-submit"]');
    await ui.waitFor('[data-testid="try-output"][data-state="done"][data-operation="startSession"]');
    const { sessionId } = JSON.parse(await ui.text('[data-testid="try-result"]')) as { sessionId: string };
    await walkRetries(ui, sessionId);
    expect(problems).toEqual([]);
  }, 60_000);
});
