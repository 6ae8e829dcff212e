/**
 * Helpers for the dev-server tests: a throwaway site on disk, raw HTTP requests that send the
 * request target byte-for-byte (fetch and URL normalise `..` and escapes away, which would hide
 * exactly what the traversal tests need to send), and an event-stream reader.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TempSite {
  /** The folder holding root and the "secret" next to it. */
  dir: string;
  /** The site's output folder, as passed to startDevServer. */
  root: string;
  remove(): Promise<void>;
}

/** Creates `dir/site/` with the given files, and `dir/secret.txt` outside it. */
export async function makeSite(files: Record<string, string | Buffer>): Promise<TempSite> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tryck-serve-'));
  const root = path.join(dir, 'site');
  await writeFiles(root, files);
  await writeFile(path.join(dir, 'secret.txt'), 'TOP-SECRET outside the site\n');
  return { dir, root, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeFiles(root: string, files: Record<string, string | Buffer>): Promise<void> {
  await mkdir(root, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `METHOD target HTTP/1.0` over a plain socket. HTTP/1.0 so the server answers with a
 * plain body ended by closing the connection: no chunked decoding needed here.
 */
export function rawRequest(url: string, target: string, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error(`timeout for ${target}`)));
    socket.on('connect', () => socket.write(`${method} ${target} HTTP/1.0\r\nHost: ${hostname}\r\n\r\n`, 'latin1'));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: split === -1 ? '' : text.slice(split + 4) });
    });
  });
}

export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** Subscribes to the live-reload stream and queues its events for the test to take in order. */
export class EventStreamReader {
  readonly #events: ServerSentEvent[] = [];
  readonly #waiters: Array<() => void> = [];
  #buffer = '';
  #request: http.ClientRequest | undefined;

  static async open(url: string): Promise<EventStreamReader> {
    const reader = new EventStreamReader();
    await new Promise<void>((resolve, reject) => {
      reader.#request = http.get(new URL('/__tryck/events', url), (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => reader.#feed(chunk));
        res.on('error', () => undefined);
        resolve();
      });
      reader.#request.on('error', reject);
    });
    return reader;
  }

  /** The next event (of the given name, skipping others), or a rejection after `timeoutMs`. */
  async next(name?: string, timeoutMs = 3000): Promise<ServerSentEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.#events.findIndex((e) => name === undefined || e.event === name);
      if (at !== -1) return this.#events.splice(at, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no '${name ?? 'any'}' event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Events received and not yet taken. */
  pending(): readonly ServerSentEvent[] {
    return this.#events;
  }

  close(): void {
    this.#request?.destroy();
  }

  #feed(chunk: string): void {
    this.#buffer += chunk;
    let end: number;
    while ((end = this.#buffer.indexOf('\n\n')) !== -1) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length === 0) continue; // retry: and heartbeat comments
      this.#events.push({ event, data: JSON.parse(data.join('\n')) as unknown });
    }
    for (const wake of this.#waiters.splice(0)) wake();
  }
}
