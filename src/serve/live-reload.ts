/**
 * The server side of live reload: a Server-Sent Events stream that every open preview page
 * subscribes to. SSE rather than WebSocket because it is plain HTTP (node:http serves it with
 * no dependency), it only needs to go one way, and browsers reconnect on their own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where pages subscribe. Outside any baseurl, and named so it cannot clash with a site file. */
export const EVENTS_PATH = '/__tryck/events';

/** How long a browser waits before reconnecting after the stream drops (the server restarted). */
const RETRY_MS = 1000;
/** Comment lines keep idle streams open through proxies and surface dead sockets. */
const HEARTBEAT_MS = 15_000;

export class LiveReload {
  readonly #clients = new Set<ServerResponse>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor() {
    this.#heartbeat = setInterval(() => this.#write(': heartbeat\n\n'), HEARTBEAT_MS);
    // A heartbeat alone must not keep the process alive.
    this.#heartbeat.unref();
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  /** Takes over `res` as an event stream; `hello` is the first event, the current state. */
  connect(req: IncomingMessage, res: ServerResponse, hello: unknown): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Reverse proxies (nginx) would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);
    this.#clients.add(res);
    const forget = (): void => {
      this.#clients.delete(res);
    };
    res.on('close', forget);
    // A reset socket must not become an unhandled 'error' event that takes the server down.
    res.on('error', forget);
    res.write(`retry: ${RETRY_MS}\n\n`);
    res.write(formatEvent('hello', hello));
  }

  /** Sends one event to every connected page. */
  send(event: string, data: unknown): void {
    this.#write(formatEvent(event, data));
  }

  /** Ends every stream; browsers will try to reconnect, which is what a restarted server wants. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }

  #write(chunk: string): void {
    for (const res of this.#clients) {
      if (res.destroyed || res.writableEnded) {
        this.#clients.delete(res);
        continue;
      }
      res.write(chunk);
    }
  }
}

/** One SSE message. JSON never contains a raw newline, so one `data:` line is enough. */
function formatEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Path endings whose change only affects stylesheets, which pages can swap without reloading. */
const STYLESHEET_CHANGE = /\.(css|scss|sass|css\.map)$/i;

/**
 * True when every changed path is a stylesheet (output `.css` or its `.scss`/`.sass` source),
 * so pages can swap stylesheets in place. An empty or missing list means "unknown": reload.
 */
export function isStylesheetOnlyChange(changedPaths: readonly string[] | undefined): boolean {
  return changedPaths !== undefined && changedPaths.length > 0 && changedPaths.every((p) => STYLESHEET_CHANGE.test(p));
}
