import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { expect } from 'vitest';

/**
 * The console walks the end-to-end tests share, whatever drives the browser: Chromium through
 * playwright-core (e2e.test.ts), Firefox through puppeteer-core over WebDriver BiDi
 * (e2e-firefox.test.ts). Each driver is seen through {@link ConsolePage}, a thin adapter whose
 * selectors are plain CSS; every method waits for its element like Playwright's actions do.
 */
export interface ConsolePage {
  /** Clicks the element (waits until it is visible and enabled). */
  click(selector: string): Promise<void>;
  /** Replaces a text field's value, as typed. */
  fill(selector: string, value: string): Promise<void>;
  /** Picks the `<select>`'s option with that value (fails if there is none). */
  select(selector: string, value: string): Promise<void>;
  /** The element's tag name (upper case, as the DOM gives it). */
  tagName(selector: string): Promise<string>;
  /** The element's text content. */
  text(selector: string): Promise<string>;
  /** Waits until a visible element matches `selector` (and, given `text`, contains it). */
  waitFor(selector: string, text?: string): Promise<void>;
  /** The viewport (or, with `fullPage`, the whole page), as PNG. */
  screenshot(path: string, fullPage?: boolean): Promise<void>;
  /** The value of a JavaScript expression in the page (a string: the tests have no DOM types). */
  evaluate<T>(expression: string): Promise<T>;
  /** Resizes the viewport. */
  resize(width: number, height: number): Promise<void>;
}

/** The selector of a `data-testid`. */
export const id = (testid: string) => `[data-testid="${testid}"]`;

/** A playwright-core page as a {@link ConsolePage} (strict locators: one element per selector). */
export function playwrightConsole(page: PlaywrightPage): ConsolePage {
  return {
    click: (selector) => page.locator(selector).click(),
    fill: (selector, value) => page.locator(selector).fill(value),
    select: async (selector, value) => {
      await page.locator(selector).selectOption(value);
    },
    tagName: (selector) => page.locator(selector).evaluate((el) => el.tagName),
    text: async (selector) => (await page.locator(selector).textContent()) ?? '',
    waitFor: async (selector, text) => {
      await page.waitForSelector(
        text === undefined ? selector : `${selector}:has-text(${JSON.stringify(text)})`,
      );
    },
    screenshot: async (path, fullPage = false) => {
      await page.screenshot({ path, fullPage });
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    resize: (width, height) => page.setViewportSize({ width, height }),
  };
}

/** A puppeteer-core page (any browser, CDP or WebDriver BiDi) as a {@link ConsolePage}. */
export function puppeteerConsole(page: PuppeteerPage): ConsolePage {
  const element = async (selector: string) => {
    const handle = await page.waitForSelector(selector);
    if (!handle) throw new Error(`no element matches ${selector}`);
    return handle;
  };
  return {
    click: (selector) => page.locator(selector).click(),
    fill: async (selector, value) => {
      if (value !== '') return page.locator(selector).fill(value);
      // puppeteer's fill('') empties the field without an input event; clear it from the keyboard
      const field = await element(selector);
      await field.focus();
      await field.evaluate((el) => (el as unknown as { select(): void }).select());
      await field.press('Backspace');
    },
    select: async (selector, value) => {
      const picked = await (await element(selector)).select(value);
      if (!picked.includes(value)) throw new Error(`${selector} has no option "${value}"`);
    },
    tagName: async (selector) => (await element(selector)).evaluate((el) => el.tagName),
    text: async (selector) => (await element(selector)).evaluate((el) => el.textContent ?? ''),
    waitFor: async (selector, text) => {
      if (text === undefined) {
        await page.waitForSelector(selector, { visible: true });
        return;
      }
      // a string, as the tests are type-checked without the DOM's names
      await page.waitForFunction(
        `Array.from(document.querySelectorAll(${JSON.stringify(selector)})).some((el) =>
          (el.textContent ?? '').includes(${JSON.stringify(text)}) && el.getClientRects().length > 0)`,
        { polling: 100 },
      );
    },
    screenshot: async (path, fullPage = false) => {
      await page.screenshot({ path: path as `${string}.png`, fullPage });
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    resize: (width, height) => page.setViewport({ width, height }),
  };
}

/** What the integrator panel showed for one operation. */
export interface Tried {
  outcome: string;
  result: any;
  request: string;
  response: string;
}

/** Fills the integrator's form for `operation` (other fields left as they are) and sends it. */
export async function tryOperation(
  page: ConsolePage,
  operation: string,
  fields: Record<string, string> = {},
): Promise<Tried> {
  await page.select(id('operation-select'), operation);
  for (const [name, value] of Object.entries(fields)) {
    const field = `${id('try-form')} ${id(`field-${name}`)}`;
    if ((await page.tagName(field)) === 'SELECT') await page.select(field, value);
    else await page.fill(field, value);
  }
  await page.click(id('try-submit'));
  await page.waitFor(`${id('try-output')}[data-state="done"][data-operation="${operation}"]`);
  return {
    outcome: await page.text(id('try-outcome')),
    result: JSON.parse(await page.text(id('try-result'))),
    request: await page.text(id('raw-request')),
    response: await page.text(id('raw-response')),
  };
}

/** Waits for the session's card on the board to show `status` (in that status's column). */
export function card(page: ConsolePage, sessionId: string, status: string, extra = ''): Promise<void> {
  return page.waitFor(
    `${id(`column-${status}`)} [data-session-id="${sessionId}"][data-status="${status}"]${extra}`,
  );
}

/**
 * A session over REST through its whole life, from both panels: started on LiveHelp (1003) for
 * SUPPORT, booked to bob by the integrator, accepted by bob on the board, given a custom message,
 * seen ASSIGNED in checkSession, closed by the caller and seen CLOSED. Screenshots (viewport) once
 * ASSIGNED and once CLOSED. Returns the session id.
 */
export async function walkRestSession(
  page: ConsolePage,
  shots: { assigned: string; closed: string },
): Promise<string> {
  await page.click(id('transport-rest'));
  const started = await tryOperation(page, 'startSession', { channelId: '1003', serviceid: 'SUPPORT' });
  expect(started.outcome).toContain('SUCCESS');
  const sessionId = started.result.sessionId as string;
  expect(sessionId).toMatch(/\S{8,}/);
  expect(started.request).toContain('GET ');
  expect(started.request).toContain('/mc/cxf/rest/json/startSession?channelId=1003&serviceid=SUPPORT');
  expect(started.response).toContain('HTTP 200');
  expect(started.response).toContain(`"sessionId": "${sessionId}"`);
  // remembered, and shown on the board as NEW
  await page.waitFor(`${id('recent-session')}[data-session-id="${sessionId}"]`);
  await card(page, sessionId, 'NEW');

  // the integrator books it to bob; the board shows it BOOKED to bob
  const accepted = await tryOperation(page, 'sessionAccept', { sessionId, user: 'bob' });
  expect(accepted.outcome).toContain('SUCCESS');
  expect(accepted.request).toContain(`sessionAccept?sessionId=${sessionId}&user=bob`);
  await card(page, sessionId, 'BOOKED', '[data-username="bob"]');
  expect(await page.text(`[data-session-id="${sessionId}"] ${id('session-agent')}`)).toBe('bob');

  // bob accepts from the contact-center panel
  await page.click(`[data-session-id="${sessionId}"] ${id('session-accept')}`);
  await card(page, sessionId, 'ASSIGNED', '[data-username="bob"]');
  await page.waitFor(`${id('agent-bob-1003')} ${id('agent-load-bob-1003')}`, '1/3');

  // bob sets a custom message; the integrator sees ASSIGNED and the message in checkSession
  await page.click(`[data-session-id="${sessionId}"] ${id('session-message-edit')}`);
  await page.fill(`[data-session-id="${sessionId}"] ${id('session-message-input')}`, 'Hi, Bob here');
  await page.click(`[data-session-id="${sessionId}"] ${id('session-message-set')}`);
  await page.waitFor(`[data-session-id="${sessionId}"] ${id('session-message')}`, 'Hi, Bob here');
  const checked = await tryOperation(page, 'checkSession', { sessionId });
  await page.screenshot(shots.assigned);
  expect(checked.outcome).toContain('ASSIGNED');
  expect(checked.result).toMatchObject({
    result: 'SUCCESS',
    status: 'ASSIGNED',
    customMessage: 'Hi, Bob here',
  });

  // the caller closes it; the board shows it CLOSED
  const closed = await tryOperation(page, 'closeSession', { sessionId, reason: 'REQUEST_FROM_CALLER' });
  expect(closed.result).toMatchObject({ result: 'SUCCESS', sessionId });
  expect(closed.request).toContain('reason=REQUEST_FROM_CALLER');
  await card(page, sessionId, 'CLOSED');
  await page.waitFor(id('licences-1003'), '0/50');

  await page.screenshot(shots.closed);
  return sessionId;
}

/**
 * A session started over SOAP (shown raw as indented XML and on the board with its data), then,
 * bob not ready, queued without a user and answered by alice. Screenshot (viewport) at the end.
 * Returns the session id.
 */
export async function walkSoapSession(page: ConsolePage, shot: string): Promise<string> {
  await page.click(id('transport-soap'));
  const started = await tryOperation(page, 'startSession', {
    channelId: '1003',
    serviceid: 'SUPPORT',
    data: 'from SOAP',
  });
  expect(started.outcome).toContain('SUCCESS');
  const sessionId = started.result.sessionId as string;
  await card(page, sessionId, 'NEW');
  expect(await page.text(`[data-session-id="${sessionId}"] ${id('session-data')}`)).toBe('from SOAP');

  // bob goes not ready from the panel; queued without a user, alice (who answers by herself) gets it
  await page.click(id('agent-ready-bob-1003'));
  await page.waitFor(`${id('agent-bob-1003')}[data-ready="false"]`);
  const accepted = await tryOperation(page, 'sessionAccept', { sessionId, user: '' });
  expect(accepted.outcome).toContain('SUCCESS');
  await card(page, sessionId, 'ASSIGNED', '[data-username="alice"]');
  await page.click(id('agent-ready-bob-1003'));
  await page.waitFor(`${id('agent-bob-1003')}[data-ready="true"]`);
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

  await page.screenshot(shot);
  return sessionId;
}

/**
 * The faults section: a 503 set on checkSession and a fail reason on startSession from the form,
 * seen in the list and in the integrator's answers (over REST), then everything cleared and
 * checkSession answered normally again. Leaves no fault behind and the section closed.
 */
export async function walkFaults(page: ConsolePage, shot: string): Promise<void> {
  await page.click(id('transport-rest'));
  await page.click(id('faults-toggle'));
  await page.select(id('faults-operation'), 'checkSession');
  await page.fill(id('faults-unavailable-rate'), '1');
  await page.click(id('faults-apply'));
  await page.waitFor(id('faults-row-checkSession'), '503 (always)');
  await page.select(id('faults-operation'), 'startSession');
  await page.select(id('faults-failReason-reason'), 'DATABASE_ERROR');
  await page.click(id('faults-apply'));
  await page.waitFor(id('faults-row-startSession'), 'DATABASE_ERROR (always)');
  await page.waitFor(id('faults-count'), '2 on');
  await page.screenshot(shot);

  const unavailable = await tryOperation(page, 'checkSession', { sessionId: 'no-such-session' });
  expect(unavailable.outcome).toContain('HTTP_ERROR');
  expect(unavailable.response).toContain('HTTP 503');
  expect(unavailable.response).toContain('SERVICE_UNAVAILABLE');
  const failed = await tryOperation(page, 'startSession', { channelId: '1003', serviceid: 'SUPPORT' });
  expect(failed.outcome).toContain('FAILED · DATABASE_ERROR');

  await page.click(id('faults-clear-all'));
  await page.waitFor(id('faults-count'), 'off');
  const normal = await tryOperation(page, 'checkSession', { sessionId: 'no-such-session' });
  expect(normal.outcome).toContain('FAILED · INVALID_SESSION_ID');
  await page.click(id('faults-toggle'));
}
