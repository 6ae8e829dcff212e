import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../../src/workers/worker-pool.ts';

describe('the worker pool', () => {
  let pool: WorkerPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('gives every job its own HTML while the queues are consumed and compacted, urgent jobs among the rest', async () => {
    pool = createWorkerPool({}, 2);
    const jobs: Array<{ n: number; html: Promise<string> }> = [];
    // Enough jobs, queued faster than two workers take them, that each queue is cut down many times.
    for (let n = 0; n < 700; n++) {
      const urgent = n % 5 === 0;
      jobs.push({ n, html: pool.convert(`Stycke *nummer ${n}*${urgent ? ' (brådskande)' : ''}.`, urgent) });
    }
    pool.flush();
    const results = await Promise.all(jobs.map((job) => job.html));
    results.forEach((html, n) => {
      expect(html).toBe(`<p>Stycke <em>nummer ${n}</em>${n % 5 === 0 ? ' (brådskande)' : ''}.</p>\n`);
    });
  }, 30_000);

  it('has the main thread convert queued jobs too, to the same HTML as a worker gives', async () => {
    pool = createWorkerPool({}, 1);
    const texts = Array.from({ length: 400 }, (_, n) => `## Rubrik ${n}\n\nText med [länk](/${n}/) och *betoning* — ${n}.`);
    const pending = texts.map((text) => pool!.convert(text));
    pool.flush();
    const results = await Promise.all(pending);
    // The main thread starts on the queue while the worker boots.
    expect(pool.convertedHere).toBeGreaterThan(0);
    results.forEach((html, n) => {
      expect(html).toBe(`<h2 id="rubrik-${n}">Rubrik ${n}</h2>\n\n<p>Text med <a href="/${n}/">länk</a> och <em>betoning</em> — ${n}.</p>\n`);
    });
  }, 30_000);

  it('leaves the main thread its share of the last jobs instead of handing them all to a worker', async () => {
    pool = createWorkerPool({}, 1);
    const text = (n: number): string => `Stycke ${n} om *journalsystem*, [upphandling](/${n}/) och standarder.`;
    // The worker is up and has converted before the last jobs come.
    const first = Array.from({ length: 200 }, (_, n) => pool!.convert(text(n)));
    pool.flush();
    await Promise.all(first);
    const before = pool.convertedHere;
    // The end of a build four times over: fewer jobs than a batch, and no more coming. One batch
    // would have taken each round whole, and the main thread would have waited for it.
    for (let round = 0; round < 4; round++) {
      const numbers = Array.from({ length: 15 }, (_, i) => 1000 * (round + 1) + i);
      const last = numbers.map((n) => pool!.convert(text(n)));
      pool.flush();
      const results = await Promise.all(last);
      results.forEach((html, i) => expect(html).toBe(`<p>Stycke ${numbers[i]} om <em>journalsystem</em>, <a href="/${numbers[i]}/">upphandling</a> och standarder.</p>\n`));
    }
    expect(pool.convertedHere - before).toBeGreaterThanOrEqual(8);
  }, 30_000);
});
