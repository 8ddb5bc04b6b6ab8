import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, playground } from './support.js';

/**
 * The console's webhooks section in real headless Chromium: a receiver that answers, then one
 * that is down, as the integrator sees them.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let hits = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    hits++;
    res.writeHead(204).end();
  });
});
let receiverUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium): never skipped.`);
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((ok) => receiver.close(ok));
});

test('the console shows each receiver: delivered, pending, and a failing one', async () => {
  const down = 'http://127.0.0.1:9/down';
  const mcc = await playground({
    gateway: {
      webhooks: [
        { url: receiverUrl, secret: 's' },
        { url: down, secret: 's' },
      ],
    },
  });
  await call(`${mcc.url}/mc/cxf/rest/json/startSession?channelId=1003&serviceid=SUPPORT&sessionId=hook-1`);
  await call(`${mcc.url}/mc/cxf/rest/json/closeSession?sessionId=hook-1`);
  for (let i = 0; i < 200 && hits < 2; i++) await new Promise((r) => setTimeout(r, 20));
  const browser = await chromium.launch({
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
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${mcc.url}/`);
    const panel = page.getByTestId('webhooks-panel');
    await expect.poll(() => panel.getByTestId('webhooks-count').textContent()).toBe('2 receivers');
    await panel.locator('summary').click();
    const rows = panel.getByTestId('webhook-receiver');
    await expect.poll(() => rows.count()).toBe(2);
    const ok = rows.filter({ hasText: receiverUrl });
    await expect.poll(() => ok.getByTestId('webhook-delivered').textContent()).toBe('2');
    expect(await ok.getByTestId('webhook-pending').textContent()).toBe('0');
    const failing = rows.filter({ hasText: down });
    expect(await failing.getAttribute('class')).toBe('failing');
    expect(await failing.getByTestId('webhook-pending').textContent()).toBe('2');
    expect(await panel.getByTestId('webhooks-count').getAttribute('class')).toBe('webhooks-count failing');
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
