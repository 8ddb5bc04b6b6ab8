import { expect } from 'vitest';
import { type ConsolePage, card, id, tryOperation } from './console-walk.js';

/**
 * Layout checks at one viewport width, whatever the browser (the console must work from 800 px
 * wide up): nothing wider than the window, the Send button on screen, recent-session chips showing
 * the whole id and filling it in, board cards that never break a word in two and speak of timers
 * in words. Leaves a screenshot of the whole page at `shot`.
 */
export async function walkLayout(page: ConsolePage, width: number, shot: string): Promise<void> {
  await page.resize(width, 900);
  await page.click(id('transport-soap'));
  const suffix = `${width}-${Math.random().toString(36).slice(2, 6)}`;
  const sessionId = `ui-soap-${suffix}`;
  const started = await tryOperation(page, 'startSession', {
    channelId: '1003',
    serviceid: 'SUPPORT',
    sessionId,
  });
  expect(started.outcome).toContain('SUCCESS');
  await card(page, sessionId, 'NEW');
  // one booked to bob too: a bookingTimeout timer on the board
  const booked = `ui-rest-${suffix}`;
  await page.click(id('transport-rest'));
  await tryOperation(page, 'startSession', { channelId: '1003', serviceid: 'SUPPORT', sessionId: booked });
  await tryOperation(page, 'sessionAccept', { sessionId: booked, user: 'bob' });
  await card(page, booked, 'BOOKED');

  // nothing sticks out sideways; the Send button is inside the window
  const layout = await page.evaluate<{ scroll: number; inner: number; send: number[] }>(`(() => {
    const send = document.querySelector('[data-testid="try-submit"]').getBoundingClientRect();
    return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
      send: [send.left, send.right, send.width, send.height] };
  })()`);
  expect(layout.scroll, 'page wider than the window').toBeLessThanOrEqual(layout.inner);
  const [left = -1, right = Infinity, w = 0, h = 0] = layout.send;
  expect(left).toBeGreaterThanOrEqual(0);
  expect(right).toBeLessThanOrEqual(layout.inner);
  expect(w * h).toBeGreaterThan(0);
  await page.evaluate(
    `document.querySelector('[data-testid="try-submit"]').scrollIntoView({ block: 'nearest' })`,
  );
  const visible = await page.evaluate<boolean>(`(() => {
    const r = document.querySelector('[data-testid="try-submit"]').getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && hit.closest('[data-testid="try-submit"]') !== null;
  })()`);
  expect(visible, 'the Send button can be scrolled to and clicked').toBe(true);

  // the chip shows the whole id (no cut), and a click fills it in (startSession moves to checkSession)
  const chip = `${id('recent-session')}[data-session-id="${sessionId}"]`;
  const chipText = await page.evaluate<{ text: string; cut: boolean }>(`(() => {
    const code = document.querySelector(${JSON.stringify(`${chip} code`)});
    return { text: code.textContent, cut: code.scrollWidth > code.clientWidth };
  })()`);
  expect(chipText).toEqual({ text: sessionId, cut: false });
  await page.select(id('operation-select'), 'startSession');
  await page.click(chip);
  expect(await page.evaluate(`document.querySelector('[data-testid="operation-select"]').value`)).toBe(
    'checkSession',
  );
  expect(
    await page.evaluate(
      `document.querySelector('[data-testid="try-form"] [data-testid="field-sessionId"]').value`,
    ),
  ).toBe(sessionId);

  // board cards: timers in words, and no word split across two lines
  const timers = await page.evaluate<string[]>(
    `Array.from(document.querySelectorAll('[data-testid="session-board"] [data-testid="session-timer"]')).map((d) => d.textContent)`,
  );
  expect(timers.length).toBeGreaterThan(0);
  for (const text of timers) expect(text).not.toMatch(/expire|bookingTimeout|autoAnswer|finishClose|purge/);
  const split = await page.evaluate<string[]>(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector('[data-testid="session-board"]'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
    return out;
  })()`);
  expect(split, 'words broken across lines on the board').toEqual([]);
  await page.screenshot(shot, true);
  // leave the contact center as it was found (bob's load, the licences) for the walks after this one
  for (const sid of [sessionId, booked])
    await page.evaluate(`fetch('/mc/cxf/rest/json/closeSession?sessionId=${sid}').then((r) => r.status)`);
}

/**
 * The retry policy on the integrator panel: with an injected 503 on every checkSession and two
 * retries, the outcome says so and lists each retry.
 */
export async function walkRetries(page: ConsolePage, sessionId: string): Promise<void> {
  await page.evaluate(`fetch('/api/faults/operations/checkSession', { method: 'PUT',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ unavailable: { rate: 1 } }) })`);
  try {
    await page.select(id('retries-select'), '2');
    const tried = await tryOperation(page, 'checkSession', { sessionId });
    expect(tried.outcome).toContain('after 2 retries');
    expect(await page.text(id('try-retries'))).toMatch(/attempt 1: .*retried after \d+ ms.*attempt 2:/s);
  } finally {
    await page.select(id('retries-select'), '0');
    await page.evaluate(`fetch('/api/faults', { method: 'DELETE' })`);
  }
}
