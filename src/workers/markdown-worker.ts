/**
 * One Markdown worker: builds the processor once from the options it is given, then converts
 * batches of texts. Conversion is pure, so a worker's result equals the main thread's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createMarkdownProcessor, type MarkdownOptions } from '../markdown/create-markdown-processor.ts';

export interface ConvertRequest {
  id: number;
  texts: string[];
}

export type ConvertResponse = { id: number; htmls: string[] } | { id: number; error: string };

const processor = createMarkdownProcessor(workerData as Partial<MarkdownOptions>);

parentPort!.on('message', (request: ConvertRequest) => {
  try {
    const htmls = request.texts.map((text) => processor.render(text));
    parentPort!.postMessage({ id: request.id, htmls } satisfies ConvertResponse);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies ConvertResponse);
  }
});
