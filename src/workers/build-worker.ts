/**
 * One worker thread of a build: converts Markdown with a processor built once from the options it
 * is given, and parses front matter YAML. Both are pure, so a worker's result equals the main
 * thread's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createMarkdownProcessor, type MarkdownOptions } from '../markdown/create-markdown-processor.ts';
import { encodeFrontMatter, parseJekyllYaml } from '../sources/front-matter.ts';

export type WorkerRequest = { id: number; kind: 'markdown'; texts: string[] } | { id: number; kind: 'yaml'; texts: string[]; timeZone: string };

/**
 * Markdown: the HTML of each text; a failure fails the batch. YAML: each front matter encoded
 * (encodeFrontMatter), or null where the main thread must parse it itself to report its error.
 */
export type WorkerResponse = { id: number; results: Array<string | null> } | { id: number; error: string };

const processor = createMarkdownProcessor(workerData as Partial<MarkdownOptions>);

function frontMatter(yaml: string, timeZone: string): string | null {
  try {
    const value = parseJekyllYaml(yaml, '', timeZone);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    return encodeFrontMatter(value as Record<string, unknown>) ?? null;
  } catch {
    return null;
  }
}

parentPort!.on('message', (request: WorkerRequest) => {
  try {
    const results = request.kind === 'markdown' ? request.texts.map((text) => processor.render(text)) : request.texts.map((yaml) => frontMatter(yaml, request.timeZone));
    parentPort!.postMessage({ id: request.id, results } satisfies WorkerResponse);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerResponse);
  }
});
