/**
 * The preview server behind `tryck watch`: serves the built site from its output folder, adds
 * live reload to every HTML page, and shows build errors on top of the page.
 *
 * The watcher owns building; it calls `reload()` after each successful (re)build and
 * `showError()` when one fails. Everything here is for one author on their own machine, so
 * it binds to 127.0.0.1 by default and forbids caching: a stale page is the worst outcome.
 */
import { constants as fsConstants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { BuildError } from '../errors.ts';
import { contentTypeFor, isHtmlType } from './content-type.ts';
import {
  escapeHtml,
  renderErrorOverlayContent,
  renderErrorOverlayElement,
  type DevServerError,
} from './error-overlay.ts';
import { injectBeforeBodyEnd } from './inject-before-body-end.ts';
import { CLIENT_SCRIPT_PATH, liveReloadClientScript, TOKEN_ATTRIBUTE } from './live-reload-client.ts';
import { EVENTS_PATH, isStylesheetOnlyChange, LiveReload } from './live-reload.ts';
import { parseRequestPath } from './request-path.ts';
import { resolveSiteFile } from './resolve-site-file.ts';

export type { DevServerError } from './error-overlay.ts';

export interface DevServerOptions {
  /** The output folder to serve, e.g. `_site`. It may not exist yet (first build pending). */
  root: string;
  /** Interface to bind. Default '127.0.0.1': a preview of unpublished posts stays on this machine. */
  host?: string;
  /** Default 4000 (Jekyll's); 0 picks any free port, see `url`. */
  port?: number;
  /** '' or e.g. '/blog': the site is served under it, and '/' redirects to it. */
  baseurl?: string;
  /** Extra markup for one served page (by its path relative to root), e.g. a draft banner. */
  pageNotice?: (relativePath: string) => string | undefined;
}

export interface DevServer {
  /** Where the site is, e.g. `http://127.0.0.1:4000/blog/`. */
  readonly url: string;
  /**
   * Tells open pages to reload. When every changed path is a stylesheet (`.css`, or a
   * `.scss`/`.sass` source), pages swap their stylesheets in place instead.
   */
  reload(changedPaths?: string[]): void;
  /** Shows the error over every open page, and over pages loaded while it stands. */
  showError(error: DevServerError): void;
  /** Removes a standing error overlay and reloads open pages; does nothing when none stands. */
  clearError(): void;
  /** Stops listening and drops every connection, including open pages' event streams. */
  close(): Promise<void>;
}

/** How long to wait before the one retry when a file vanished mid-request (the build swapping folders). */
const SWAP_RETRY_MS = 50;

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const root = path.resolve(options.root);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4000;
  const baseSegments = (options.baseurl ?? '').split('/').filter(Boolean);
  /** '' or '/blog', percent-encoded for use in URLs and Location headers. */
  const base = encodePath(baseSegments);

  // The instance id makes pages served by a previous run of `tryck watch` reload when their
  // stream reconnects to this one; the generation does the same for rebuilds they missed.
  const instance = randomBytes(4).toString('hex');
  let generation = 0;
  const token = (): string => `${instance}.${generation}`;
  /** The standing error's overlay content, or null. */
  let overlay: string | null = null;
  let closed = false;

  const live = new LiveReload();

  /** What gets added to every HTML page served: the overlay when an error stands, and the script. */
  const pageSnippet = (realPath?: string): string =>
    (realPath && options.pageNotice ? (options.pageNotice(path.relative(root, realPath).split(path.sep).join('/')) ?? '') : '') +
    (overlay === null ? '' : renderErrorOverlayElement(overlay)) +
    `<script src="${CLIENT_SCRIPT_PATH}" ${TOKEN_ATTRIBUTE}="${escapeHtml(token())}"></script>`;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, error));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';

    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(req, res, 405, 'Method not allowed');
    }
    const targetPath = target.replace(/[?#].*$/s, '');
    if (targetPath === EVENTS_PATH) return live.connect(req, res, { token: token(), error: overlay });
    if (targetPath === CLIENT_SCRIPT_PATH) {
      return send(req, res, 200, 'text/javascript; charset=utf-8', Buffer.from(liveReloadClientScript));
    }

    const parsed = parseRequestPath(target);
    if (!parsed.ok) return sendText(req, res, parsed.status, `${http.STATUS_CODES[parsed.status]}: ${parsed.reason}`);
    const { segments, trailingSlash, query } = parsed;

    let siteSegments = segments;
    if (baseSegments.length > 0) {
      if (startsWith(segments, baseSegments)) {
        if (segments.length === baseSegments.length && !trailingSlash) return redirect(req, res, `${base}/${query}`);
        siteSegments = segments.slice(baseSegments.length);
      } else if (segments.length === 0) {
        return redirect(req, res, `${base}/${query}`);
      } else {
        return notFound(req, res, target);
      }
    }

    // A file can vanish between lookup and open while the build swaps the output folder:
    // try once more after a moment, then answer 404.
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await serveSiteFile(req, res, siteSegments, trailingSlash);
      if (outcome === 'served') return;
      if (outcome === 'redirect') return redirect(req, res, `${encodePath(segments)}/${query}`);
      if (outcome === 'forbidden') return sendText(req, res, 403, 'Forbidden');
      if (outcome === 'vanished' && attempt === 1) {
        await delay(SWAP_RETRY_MS);
        continue;
      }
      return notFound(req, res, target);
    }
  }

  async function serveSiteFile(
    req: IncomingMessage,
    res: ServerResponse,
    segments: readonly string[],
    trailingSlash: boolean,
    status = 200,
  ): Promise<'served' | 'redirect' | 'forbidden' | 'missing' | 'vanished'> {
    const found = await resolveSiteFile(root, segments, trailingSlash);
    switch (found.kind) {
      case 'forbidden':
        return 'forbidden';
      case 'directory-without-slash':
        return 'redirect';
      case 'missing':
        // A missing root means a swap is under way (or the first build has not finished).
        return found.rootMissing || !(await exists(root)) ? 'vanished' : 'missing';
      case 'file':
        return (await sendFile(req, res, found.realPath, status)) ? 'served' : 'vanished';
    }
  }

  /** Sends a file found inside root; false when it disappeared before it could be opened. */
  async function sendFile(req: IncomingMessage, res: ServerResponse, realPath: string, status: number): Promise<boolean> {
    let file: FileHandle;
    try {
      // realPath has no symlinks left; O_NOFOLLOW refuses one swapped in since (not on Windows).
      file = await open(realPath, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
    } catch {
      return false;
    }
    let streaming = false;
    try {
      const info = await file.stat();
      if (!info.isFile()) return false;
      const type = contentTypeFor(realPath);
      if (isHtmlType(type)) {
        const html = await file.readFile();
        send(req, res, status, type, injectBeforeBodyEnd(html, pageSnippet(realPath)));
        return true;
      }
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': info.size });
      if (req.method === 'HEAD' || info.size === 0) {
        res.end();
        return true;
      }
      streaming = true;
      // The stream closes the handle when it ends or fails. A client leaving mid-download
      // rejects the pipeline; that is routine, not an error.
      await pipeline(file.createReadStream({ start: 0, end: info.size - 1 }), res).catch(() => undefined);
      return true;
    } finally {
      if (!streaming) await file.close().catch(() => undefined);
    }
  }

  /** 404 with the site's own 404.html when it has one, like GitHub Pages and Jekyll do. */
  async function notFound(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
    const outcome = await serveSiteFile(req, res, ['404.html'], false, 404);
    if (outcome === 'served') return;
    // A built-in page rather than plain text, so live reload and the error overlay still work
    // before the first successful build.
    const siteBuilt = await exists(root);
    const page =
      '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head>' +
      '<body style="font: 16px/1.5 system-ui, sans-serif; margin: 3rem; color: #222">' +
      `<h1 style="font-size: 1.5rem">Not found</h1><p><code>${escapeHtml(readablePath(target))}</code> ` +
      (siteBuilt ? 'is not part of the site.' : 'cannot be served: the site has not been built yet.') +
      '</p></body></html>';
    send(req, res, 404, 'text/html; charset=utf-8', injectBeforeBodyEnd(Buffer.from(page), pageSnippet()));
  }

  function fail(res: ServerResponse, error: unknown): void {
    // Never let one bad request take the preview down; the author is mid-sentence.
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`Internal server error: ${error instanceof Error ? error.message : String(error)}\n`);
  }

  await listen(server, host, port);
  // Once listening, errors here are transient (say, out of file descriptors while accepting);
  // unhandled they would end the process and the author's session with it.
  server.on('error', () => undefined);
  const address = server.address() as AddressInfo;

  return {
    url: `http://${hostForUrl(address)}:${address.port}${base}/`,

    reload(changedPaths?: string[]): void {
      if (closed) return;
      generation += 1;
      live.send(isStylesheetOnlyChange(changedPaths) ? 'css' : 'reload', { token: token() });
    },

    showError(error: DevServerError): void {
      if (closed) return;
      overlay = renderErrorOverlayContent(error);
      live.send('build-error', { overlay });
    },

    clearError(): void {
      if (closed || overlay === null) return;
      overlay = null;
      generation += 1;
      live.send('clear', { token: token() });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      live.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() alone waits for keep-alive sockets and event streams to go away by themselves.
      server.closeAllConnections();
      await stopped;
    },
  };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  send(req, res, status, 'text/plain; charset=utf-8', Buffer.from(`${text}\n`));
}

/**
 * 302, not 301: browsers cache permanent redirects for good, and what is a directory today
 * may be a page tomorrow, or the baseurl may change between sessions.
 * `location` is always built from vetted segments and starts with a single `/`, so it can
 * never become a protocol-relative `//other.host` redirect.
 */
function redirect(req: IncomingMessage, res: ServerResponse, location: string): void {
  res.setHeader('Location', location);
  sendText(req, res, 302, `Found: ${location}`);
}

/** The path as the author typed it (`café`, not `caf%C3%A9`), for messages only. */
function readablePath(target: string): string {
  const pathOnly = target.replace(/[?#].*$/s, '');
  try {
    return decodeURIComponent(pathOnly);
  } catch {
    return pathOnly;
  }
}

function encodePath(segments: readonly string[]): string {
  return segments.map((s) => `/${encodeURIComponent(s)}`).join('');
}

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= segments.length && prefix.every((s, i) => segments[i] === s);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE') {
        reject(new BuildError(`Cannot serve the site: ${where} is already in use`, {
          hint: 'Stop the other server, or choose another port with --port.',
          cause: error,
        }));
      } else if (error.code === 'EACCES') {
        reject(new BuildError(`Cannot serve the site: no permission to listen on ${where}`, {
          hint: 'Ports below 1024 need privileges; choose another port with --port.',
          cause: error,
        }));
      } else {
        reject(new BuildError(`Cannot serve the site on ${where}: ${error.message}`, { cause: error }));
      }
    };
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** A host to print in the URL: wildcard binds are reachable as localhost; IPv6 needs brackets. */
function hostForUrl(address: AddressInfo): string {
  if (address.address === '0.0.0.0' || address.address === '::') return 'localhost';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}
