/**
 * Jekyll's URL filters (`relative_url`, `absolute_url`) and the escaping filters built on the
 * same Ruby libraries (`uri_escape` = Addressable's normalize_component, `cgi_escape` = CGI.escape).
 *
 * Jekyll runs every URL through `Addressable::URI.parse(...).normalize`, which percent-encodes
 * non-ASCII and other disallowed characters (UTF-8, upper-case hex), decodes needlessly encoded
 * ones, NFKC-normalizes, lower-cases scheme and host, drops default ports and removes dot segments.
 * {@link normalizeUri} reimplements that much.
 */
import { rubyToS, unwrap } from './ruby-values.ts';

const ALPHA_DIGIT = 'a-zA-Z0-9';
const UNRESERVED = `${ALPHA_DIGIT}\\-._~`;
const SUB_DELIMS = "!$&'()*+,;=";
const GEN_DELIMS = ':/?#\\[\\]@';
const esc = (chars: string): string => chars.replace(/[\\\]^-]/g, (c) => `\\${c}`);

/** Characters each component may hold unencoded (Addressable's CharacterClasses). */
const CLASS = {
  reservedAndUnreserved: `${UNRESERVED}${GEN_DELIMS}${esc(SUB_DELIMS)}`,
  pchar: `${UNRESERVED}${esc(SUB_DELIMS)}:@`,
  fragment: `${UNRESERVED}${esc(SUB_DELIMS)}:@/?`,
  // Addressable's query class leaves out "&" and ";" and keeps "%2B" encoded.
  query: `${UNRESERVED}!$'()*+,=:@/?`,
  host: `${UNRESERVED}${esc(SUB_DELIMS)}\\[:\\]`,
};

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** Per character class: a test for any character outside it, and a global pattern to replace them. */
const disallowedPatterns = new Map<string, { any: RegExp; each: RegExp }>();

function percentEncode(text: string, allowed: string): string {
  let patterns = disallowedPatterns.get(allowed);
  if (!patterns) {
    patterns = { any: new RegExp(`[^${allowed}]`, 'u'), each: new RegExp(`[^${allowed}]`, 'gu') };
    disallowedPatterns.set(allowed, patterns);
  }
  // Most components (a post's URL segments) need nothing encoded.
  if (!patterns.any.test(text)) return text;
  return text.replace(patterns.each, (ch) =>
    Array.from(utf8.encode(ch), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** Decodes every %XX (except those in `leaveEncoded`), as bytes, then reads them as UTF-8. */
function percentDecode(text: string, leaveEncoded = ''): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  const out: string[] = [];
  const flush = (): void => {
    if (bytes.length > 0) out.push(utf8Decoder.decode(new Uint8Array(bytes)));
    bytes.length = 0;
  };
  for (let i = 0; i < text.length;) {
    const m = /^%([0-9a-fA-F]{2})/.exec(text.slice(i, i + 3));
    if (m && !leaveEncoded.includes(String.fromCharCode(parseInt(m[1], 16)))) {
      bytes.push(parseInt(m[1], 16));
      i += 3;
      continue;
    }
    flush();
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    out.push(m ? text.slice(i, i + 3) : ch);
    i += m ? 3 : ch.length;
  }
  flush();
  return out.join('');
}

/** Addressable::URI.normalize_component: decode, NFKC, re-encode what the class does not allow. */
export function normalizeComponent(component: string, allowed = CLASS.reservedAndUnreserved, leaveEncoded = ''): string {
  const decoded = percentDecode(component, leaveEncoded).normalize('NFKC');
  if (leaveEncoded === '') return percentEncode(decoded, allowed);
  // The sequences left encoded (Addressable only ever leaves "%2B" in queries) survive; any
  // other "%" is now a literal percent sign and is encoded as "%25".
  const keep = new RegExp(`^%(?:${Array.from(leaveEncoded, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('|')})`, 'i');
  let out = '';
  for (let i = 0; i < decoded.length; i++) {
    if (decoded[i] === '%') {
      if (keep.test(decoded.slice(i, i + 3))) {
        out += decoded.slice(i, i + 3);
        i += 2;
      } else {
        out += '%25';
      }
      continue;
    }
    const cp = decoded.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    out += percentEncode(ch, allowed);
    i += ch.length - 1;
  }
  return out;
}

const URI_PARTS = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

/** RFC 3986 §5.2.4 remove_dot_segments (Addressable also applies it to relative paths). */
export function removeDotSegments(path: string): string {
  const input = path.split('/');
  const out: string[] = [];
  const absolute = path.startsWith('/');
  for (let i = absolute ? 1 : 0; i < input.length; i++) {
    const seg = input[i];
    const last = i === input.length - 1;
    if (seg === '.') {
      if (last) out.push('');
    } else if (seg === '..') {
      if (out.length > 0) out.pop();
      if (last) out.push('');
    } else {
      out.push(seg);
    }
  }
  return (absolute ? '/' : '') + out.join('/');
}

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ftp: '21', tftp: '69' };

/** `Addressable::URI.parse(uri).absolute?`: true when the URI has a scheme. */
export function isAbsoluteUri(uri: string): boolean {
  // URI_PARTS matches every string, and has a scheme exactly when the string starts with one: this
  // asks only that, without splitting the whole URL (6 ms of a sitemap of 4000 posts).
  return SCHEME.test(uri);
}

const SCHEME = /^[^:/?#]+:/;

const NORMALIZED_LIMIT = 20_000;
let normalized = new Map<string, string>();

/**
 * `Addressable::URI.parse(uri).normalize.to_s`, for the URLs Jekyll builds. A site asks for the
 * same URLs over and over (every listing links every post), so results are remembered, boundedly.
 */
export function normalizeUri(uri: string): string {
  if (PLAIN_URI.test(uri)) return uri;
  let result = normalized.get(uri);
  if (result === undefined) {
    result = computeNormalizedUri(uri);
    if (normalized.size >= NORMALIZED_LIMIT) normalized = new Map();
    normalized.set(uri, result);
  }
  return result;
}

/**
 * A URL that normalizing leaves as it is: http(s), a lower-case host without a port, and a non-empty
 * path of unreserved characters whose segments do not start with a dot (so none is `.` or `..`); or
 * such a path alone. Most URLs a site builds are like this (the sitemap normalized 4000 of them in
 * 70 ms of a warm build); the test checks the shortcut against the full normalization.
 */
const PLAIN_URI = /^(?:https?:\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)?(?:(?:\/[\w~-][\w~.-]*)+\/?|\/)$/;

/** The full normalization, without the shortcut or the memory: exported for the test of both. */
export function computeNormalizedUri(uri: string): string {
  const m = URI_PARTS.exec(uri);
  if (!m) return uri;
  const [, rawScheme, authority, rawPath, query, fragment] = m;
  const scheme = rawScheme?.trim().toLowerCase();
  let out = '';
  if (scheme !== undefined) out += `${scheme}:`;
  if (authority !== undefined) {
    const am = /^(?:([^@]*)@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
    if (am) {
      const [, userinfo, host = '', port] = am;
      let auth = userinfo !== undefined ? `${normalizeComponent(userinfo, `${CLASS.pchar}`)}@` : '';
      let h = percentDecode(host.trim().toLowerCase());
      if (/[^.]\.$/.test(h)) h = h.slice(0, -1);
      try {
        // Addressable converts Unicode hosts to punycode (IDNA).
        if (/[^\x00-\x7f]/.test(h)) h = new URL(`http://${h}`).hostname;
      } catch { /* leave as is */ }
      auth += normalizeComponent(h, CLASS.host);
      if (port !== undefined && port !== '' && !(scheme && DEFAULT_PORTS[scheme] === port)) auth += `:${port}`;
      out += `//${auth}`;
    } else {
      out += `//${authority}`;
    }
  }
  let path = rawPath.trim();
  if (scheme === undefined && /^[^/]*:/.test(path)) path = path.replace(':', '%2F');
  path = removeDotSegments(path.split('/').map((seg) => normalizeComponent(seg, CLASS.pchar)).join('/'));
  if (path === '' && scheme !== undefined && DEFAULT_PORTS[scheme] !== undefined) path = '/';
  out += path;
  if (query !== undefined) {
    const q = query.split('&').map((pair) => normalizeComponent(pair, CLASS.query, '+')).join('&');
    if (q !== '') out += `?${q}`;
  }
  if (fragment !== undefined) {
    const f = normalizeComponent(fragment, CLASS.fragment);
    if (f !== '') out += `#${f}`;
  }
  return out;
}

/** Objects with a `url` (pages, posts, documents) stand for their URL, as in Jekyll. */
function urlOf(input: unknown): unknown {
  const v = unwrap(input);
  if (v !== null && typeof v === 'object' && 'url' in v) return (v as { url: unknown }).url;
  return v;
}

function ensureLeadingSlash(s: string): string {
  return s === '' || s.startsWith('/') ? s : `/${s}`;
}

/** `relative_url`: prefixes the site's baseurl (without its trailing slash); nil stays nil. */
export function relativeUrl(input: unknown, baseurl: string | undefined | null): string | undefined {
  if (input === null || input === undefined) return undefined;
  const url = rubyToS(urlOf(input));
  if (isAbsoluteUri(url)) return url;
  const base = baseurl === null || baseurl === undefined ? '' : String(baseurl).replace(/\/$/, '');
  return normalizeUri(ensureLeadingSlash(base) + ensureLeadingSlash(url));
}

/** `absolute_url`: site url + relative_url; a URI with a scheme is returned as is. */
export function absoluteUrl(input: unknown, siteUrl: string | undefined | null, baseurl: string | undefined | null): string | undefined {
  if (input === null || input === undefined) return undefined;
  const url = rubyToS(urlOf(input));
  if (isAbsoluteUri(url)) return url;
  const relative = relativeUrl(url, baseurl) ?? '';
  if (siteUrl === null || siteUrl === undefined || siteUrl === '') return relative;
  return normalizeUri(String(siteUrl) + relative);
}

/** `uri_escape` = Addressable::URI.normalize_component (keeps reserved characters like / ? # [ ]). */
export function uriEscape(input: unknown): string | undefined {
  const v = unwrap(input);
  if (v === null || v === undefined) return undefined;
  return normalizeComponent(rubyToS(v));
}

/** `cgi_escape` = CGI.escape: everything but A-Z a-z 0-9 _ . - ~ encoded, space as "+". */
export function cgiEscape(input: unknown): string {
  return percentEncode(rubyToS(input), '\\w.\\-~ ').replace(/ /g, '+');
}
