// End-to-end: the web console in a real headless Chromium (Debian's, driven by playwright-core) against a
// fresh server on 127.0.0.1:0 per test. Set VODMNS_SCREENSHOTS=docs/images to (re)write the README screenshots.
import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeadLetterEnvelope, vodEventMediaId } from '@vodmns/core';
import { createVodEvent } from '@vodmns/core/testing';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type MnsLocalServer, startMnsLocal } from '../src/index.js';
import { type Chromium, launchChromium } from './helpers/launch-chromium.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const shotsDir = process.env.VODMNS_SCREENSHOTS;

async function screenshot(page: Page, name: string): Promise<void> {
  if (shotsDir === undefined || shotsDir === '') return;
  const dir = isAbsolute(shotsDir) ? shotsDir : resolve(repoRoot, shotsDir);
  mkdirSync(dir, { recursive: true });
  // Without the transient toast, and with transitions finished: a stable picture for the README.
  await page.locator('[data-testid=toast]').evaluate((el) => el.classList.remove('show'));
  await page.screenshot({ path: join(dir, name), animations: 'disabled' });
}

// One browser for the file, launched by the first test. A missing Chromium fails every test with how to install
// it (a failing beforeAll would only mark them skipped).
let launched: Promise<Chromium> | undefined;
const browser = (): Promise<Chromium> => {
  launched ??= launchChromium();
  return launched;
};
afterAll(async () => {
  const running = await launched?.catch(() => undefined);
  await running?.[Symbol.asyncDispose]();
});

/** Opens the console of `server` and waits until it has loaded its server info. */
async function openConsole(server: MnsLocalServer): Promise<Page> {
  const page = await (await browser()).context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
  expect(server.consoleUrl).toBeDefined();
  await page.goto(server.consoleUrl!);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

function pageProblems(page: Page): string[] {
  return (page as Page & { problems: string[] }).problems;
}

async function openQueue(page: Page, name: string): Promise<void> {
  await page.click(`[data-testid=queue-item][data-queue="${name}"]`);
  await page.waitForSelector(`[data-testid=queue-title]:text-is("${name}")`);
}

/** Waits until the page has polled the message list `n` more times (the console's live refresh). */
async function pollsOf(page: Page, n: number, queue: string): Promise<void> {
  let seen = 0;
  await new Promise<void>((done) => {
    const onResponse = (r: { url(): string }): void => {
      if (r.url().includes(`/console/api/queues/${queue}/messages?`)) seen += 1;
      if (seen >= n) {
        page.off('response', onResponse);
        done();
      }
    };
    page.on('response', onResponse);
  });
}

// Generous: a real browser on a loaded 2-core CI machine.
describe('mns-local console in Chromium', { timeout: 90_000 }, () => {
  it('creates a queue, sends a VOD event, shows it decoded, purges', async () => {
    await using server = await startMnsLocal();
    const page = await openConsole(server);
    await page.fill('[data-testid=new-queue-name]', 'vod-events');
    await page.click('[data-testid=create-queue]');
    await page.waitForSelector('[data-testid=queue-title]:text-is("vod-events")');
    expect(server.admin.queues().map((q) => q.name)).toEqual(['vod-events']);

    await page.click('[data-testid=tab-send]');
    await page.selectOption('[data-testid=sample-type]', 'TranscodeComplete');
    await page.click('[data-testid=send-sample]');
    await page.waitForSelector('[data-testid=toast]:has-text("Sent a sample TranscodeComplete")');
    const [stored] = server.admin.peek('vod-events');
    expect(stored).toBeDefined();
    const event = JSON.parse(stored!.body) as { EventType: string; VideoId: string };
    expect(event.EventType).toBe('TranscodeComplete');

    await page.fill('[data-testid=new-queue-name]', 'other-queue');
    await page.click('[data-testid=create-queue]');
    await openQueue(page, 'vod-events');
    await page.click('[data-testid=tab-messages]');
    const row = page.locator('[data-testid=message-row]');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('TranscodeComplete');
    await row.first().click();
    await page.waitForSelector('[data-testid=event-type]:text-is("TranscodeComplete")');
    const fields = await page.locator('[data-testid=event-fields]').textContent();
    expect(fields).toContain(vodEventMediaId(event as never));
    expect(fields).toContain('StreamInfos');
    expect(await page.locator('[data-testid=queue-counts]').textContent()).toContain('1 active');
    await screenshot(page, 'mns-local-console-queue.png');

    await page.click('[data-testid=view-raw]');
    expect(await page.locator('[data-testid=raw-view]').textContent()).toBe(stored!.body);
    await page.click('[data-testid=view-base64]');
    expect(await page.locator('[data-testid=base64-view]').textContent()).toBe(
      Buffer.from(stored!.body).toString('base64'),
    );

    await page.click('[data-testid=purge-queue]');
    await page.click('[data-testid=purge-queue]'); // second click confirms
    await page.waitForSelector('[data-testid=no-messages]');
    expect(server.admin.peek('vod-events')).toEqual([]);

    await page.click('[data-testid=delete-queue]');
    await page.click('[data-testid=delete-queue]');
    await page.waitForSelector('[data-queue="vod-events"]', { state: 'detached' });
    expect(server.admin.queues().map((q) => q.name)).toEqual(['other-queue']);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('peeks: listing and opening messages leaves visibility and DequeueCount unchanged', async () => {
    await using server = await startMnsLocal({ auth: false });
    server.admin.createQueue('q');
    server.admin.sendMessage(
      'q',
      JSON.stringify(createVodEvent('FileUploadComplete', undefined, { seed: 3 })),
    );
    server.admin.sendMessage('q', JSON.stringify(createVodEvent('SnapshotComplete', undefined, { seed: 4 })));
    // Receive one for real: it becomes inactive with DequeueCount 1.
    const received = await server.handle({ method: 'GET', url: '/queues/q/messages', headers: {} });
    expect(received.status).toBe(200);
    const before = server.admin.peek('q').map((m) => [m.id, m.state, m.dequeueCount, m.visibleAt]);
    expect(before.map((m) => m.slice(1, 3))).toEqual([
      ['active', 0],
      ['inactive', 1],
    ]);

    const page = await openConsole(server);
    await openQueue(page, 'q');
    const rows = page.locator('[data-testid=message-row]');
    await rows.nth(1).waitFor();
    await rows.nth(0).click();
    await page.waitForSelector('[data-testid=detail-dequeue-count]:text-is("0")');
    await rows.nth(1).click();
    await page.waitForSelector('[data-testid=detail-dequeue-count]:text-is("1")');
    await pollsOf(page, 3, 'q');
    expect(await page.locator('[data-testid=dequeue-count]').allTextContents()).toEqual(['0', '1']);
    expect(server.admin.peek('q').map((m) => [m.id, m.state, m.dequeueCount, m.visibleAt])).toEqual(before);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('shows the parse issues of a body that is not a valid VOD event', async () => {
    await using server = await startMnsLocal();
    server.admin.createQueue('inbox');
    server.admin.sendMessage('inbox', JSON.stringify(createVodEvent('FileUploadComplete')));
    server.admin.sendMessage('inbox', '{"EventType":"TranscodeComplete","Status":42}');
    server.admin.sendMessage('inbox', 'hello, not JSON');
    const page = await openConsole(server);
    await openQueue(page, 'inbox');
    const rows = page.locator('[data-testid=message-row]');
    await rows.nth(2).waitFor();
    expect(await rows.nth(1).textContent()).toContain('not a VOD event');
    await rows.nth(1).click();
    await page.waitForSelector('[data-testid=issues]');
    expect(await page.locator('[data-testid=issue-code]').textContent()).toBe('ERR_VOD_EVENT_SCHEMA');
    const issues = await page.locator('[data-testid=issues] li').allTextContents();
    expect(issues).toContain('Status expected string, received number (42)');
    expect(issues.some((i) => i.startsWith('VideoId'))).toBe(true);
    await screenshot(page, 'mns-local-console-issues.png');
    await rows.nth(2).click();
    await page.waitForSelector('[data-testid=issue-code]:text-is("ERR_VOD_EVENT_INVALID_JSON")');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('decodes a vodmns dead-letter envelope sent through the page, and the original event inside it', async () => {
    await using server = await startMnsLocal();
    server.admin.createQueue('vod-events-dlq');
    const original = createVodEvent('StreamTranscodeComplete', undefined, { seed: 9, outcome: 'failure' });
    const envelope = createDeadLetterEnvelope({
      sourceQueue: 'vod-events',
      reason: 'max-deliveries',
      error: 'handler failed 5 times: storage unavailable',
      now: Date.UTC(2026, 0, 2),
      message: {
        messageId: 'E1F2A3B4C5D6E7F8A9B0C1D2E3F4A5B6',
        messageBody: JSON.stringify(original),
        messageBodyMd5: 'D41D8CD98F00B204E9800998ECF8427E',
        dequeueCount: 5,
        enqueueTime: Date.UTC(2026, 0, 1),
        firstDequeueTime: Date.UTC(2026, 0, 1),
        priority: 8,
      },
    });
    const page = await openConsole(server);
    await openQueue(page, 'vod-events-dlq');
    await page.click('[data-testid=tab-send]');
    await page.fill('[data-testid=send-body]', envelope);
    await page.click('[data-testid=send-message]');
    await page.waitForSelector('[data-testid=toast]:has-text("Sent message")');
    expect(server.admin.peek('vod-events-dlq').map((m) => m.body)).toEqual([envelope]);
    await page.click('[data-testid=tab-messages]');
    const row = page.locator('[data-testid=message-row]').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('dead letter');
    await row.click();
    await page.waitForSelector('[data-testid=dead-letter]');
    const fields = await page.locator('[data-testid=dead-letter-fields]').textContent();
    expect(fields).toContain('vod-events');
    expect(fields).toContain('max-deliveries');
    expect(fields).toContain('storage unavailable');
    expect(fields).toContain('2026-01-02T00:00:00.000Z');
    expect(await page.locator('[data-testid=event-type]').textContent()).toBe('StreamTranscodeComplete');
    await screenshot(page, 'mns-local-console-dead-letter.png');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('plays a VOD upload into the routed region queue and shows the deliveries arrive', async () => {
    await using server = await startMnsLocal();
    const page = await openConsole(server);
    await page.click('[data-testid=nav-simulate]');
    await page.selectOption('[data-testid=sim-region]', 'cn-beijing');
    await page.fill('[data-testid=sim-pace]', '150');
    await page.click('[data-testid=sim-play]');
    await page.waitForSelector('[data-testid=sim-route]');
    expect(await page.locator('[data-testid=sim-route]').textContent()).toContain('vod-events-cn-shanghai');
    await page.waitForSelector('[data-testid=sim-progress]:has-text("done")');
    const outcomes = await page
      .locator('[data-testid=sim-delivery]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
    expect(outcomes.length).toBeGreaterThanOrEqual(5);
    expect(new Set(outcomes)).toEqual(new Set(['delivered']));
    const stored = server.admin.peek('vod-events-cn-shanghai').map((m) => JSON.parse(m.body).EventType);
    expect(stored).toHaveLength(outcomes.length);
    expect(stored[0]).toBe('FileUploadComplete');
    expect(stored.at(-1)).toBe('TranscodeComplete');
    await screenshot(page, 'mns-local-console-simulate.png');
    await openQueue(page, 'vod-events-cn-shanghai');
    const last = page.locator('[data-testid=message-row]').nth(outcomes.length - 1);
    await last.waitFor();
    await last.click();
    await page.waitForSelector('[data-testid=event-type]:text-is("TranscodeComplete")');
    await screenshot(page, 'mns-local-console.png');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  it('never puts a secret on the page or in what the page loads', async () => {
    const secret = 'console-test-secret-Zq81';
    await using server = await startMnsLocal({ accessKeyId: 'console-test-key', accessKeySecret: secret });
    server.admin.createQueue('q');
    server.admin.sendMessage('q', JSON.stringify(createVodEvent('FileUploadComplete')));
    const loaded: Promise<string>[] = [];
    const page = await (await browser()).context.newPage();
    page.on('response', (r) => {
      loaded.push(Promise.resolve(JSON.stringify(r.headers())), r.text());
    });
    await page.goto(server.consoleUrl!);
    await page.waitForSelector('body[data-ready="true"]');
    await openQueue(page, 'q');
    await page.locator('[data-testid=message-row]').first().click();
    await page.waitForSelector('[data-testid=event-type]');
    await page.click('[data-testid=view-json]');
    await pollsOf(page, 2, 'q');
    const html = await page.content();
    const bodies = await Promise.all(loaded);
    expect(bodies.length).toBeGreaterThan(8);
    for (const text of [html, ...bodies]) {
      expect(text).not.toContain(secret);
      expect(text.toLowerCase()).not.toContain('authorization');
      expect(text).not.toContain('console-test-key');
    }
    expect(html).toContain(server.endpoint);
    await page.close();
  });
});
