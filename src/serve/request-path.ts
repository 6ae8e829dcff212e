/**
 * Turns the raw request target of an HTTP request into decoded path segments, or refuses it.
 *
 * This is the first of two safety layers (the second, in resolve-site-file.ts, checks that the
 * file found on disk really lies inside the site folder). It works on the raw bytes the client
 * sent, before anything is joined to a file path, because that is where traversal tricks live:
 * `..` segments, separators smuggled in as `%2f`/`%5c`, backslashes, NUL bytes, and double
 * encoding (`%252e` decodes to `%2e`, which a second, careless decode would turn into `.`).
 * Anything suspicious is refused outright instead of "cleaned up": a preview server has no
 * legitimate client that sends such paths, and cleaning is where bugs hide.
 */

export type RequestPath =
  | {
      ok: true;
      /** Decoded path segments, without empty ones (`//` collapses, as static servers do). */
      segments: string[];
      /** Whether the path ended in `/` (a directory request). */
      trailingSlash: boolean;
      /** The query string including its `?`, or ''; kept so redirects preserve it. */
      query: string;
    }
  | { ok: false; status: 400 | 403; reason: string };

/** Control characters (C0 and DEL). No file in a site is named with them. */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A percent escape left over after decoding once: the request was encoded twice. */
const LEFTOVER_ESCAPE = /%[0-9a-f]{2}/i;
/** `.`, `..`, and names Windows would treat like them (`...`, `.. `: it strips trailing dots and spaces). */
const DOTS_ONLY = /^[.\s]+$/;

export function parseRequestPath(rawTarget: string): RequestPath {
  // Absolute-form (`GET http://host/path`) and asterisk-form targets are for proxies, not us.
  if (!rawTarget.startsWith('/')) return refuse(400, 'request target is not a path');

  const queryAt = rawTarget.search(/[?#]/);
  const rawPath = queryAt === -1 ? rawTarget : rawTarget.slice(0, queryAt);
  const query = queryAt === -1 || rawTarget[queryAt] === '#' ? '' : rawTarget.slice(queryAt).replace(/#.*$/, '');

  if (rawPath.includes('\\')) return refuse(400, 'backslash in path');
  if (CONTROL.test(rawPath)) return refuse(400, 'control character in path');

  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // Malformed escapes and invalid UTF-8 (including overlong `%c0%ae` dots).
      return refuse(400, 'malformed percent-encoding');
    }
    if (DOTS_ONLY.test(decoded)) return refuse(403, 'dot segment in path');
    if (decoded.includes('/') || decoded.includes('\\')) return refuse(400, 'encoded path separator');
    if (CONTROL.test(decoded)) return refuse(400, 'control character in path');
    if (LEFTOVER_ESCAPE.test(decoded)) return refuse(400, 'double percent-encoding');
    segments.push(decoded);
  }

  return { ok: true, segments, trailingSlash: rawPath.endsWith('/'), query };
}

function refuse(status: 400 | 403, reason: string): RequestPath {
  return { ok: false, status, reason };
}
