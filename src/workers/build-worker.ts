/**
 * One worker thread of a build: converts Markdown with a processor built once from the options it
 * is given. Conversion is pure, so a worker's result equals the main thread's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createMarkdownProcessor, type MarkdownOptions } from '../markdown/create-markdown-processor.ts';

export type WorkerRequest = { id: number; texts: string[] };

/** The HTML of each text; a failure fails the batch. */
export type WorkerResponse = { id: number; results: string[] } | { id: number; error: string };

const processor = createMarkdownProcessor(workerData as Partial<MarkdownOptions>);

parentPort!.on('message', (request: WorkerRequest) => {
  try {
    const results = request.texts.map((text) => processor.render(text));
    parentPort!.postMessage({ id: request.id, results } satisfies WorkerResponse);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerResponse);
  }
});
