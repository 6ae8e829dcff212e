/**
 * The build-error overlay shown on top of every preview page while a build error stands.
 *
 * The markup is rendered here, on the server, by one function for both paths: embedded in
 * freshly served pages, and pushed over the event stream to pages already open. Everything in
 * the error is untrusted text (a template can put anything in a message or excerpt), so every
 * field goes through `escapeHtml` and nothing else is interpolated.
 *
 * It lives in a shadow root so the site's own CSS cannot restyle it, and the site's layout
 * cannot be broken by it: served pages carry it as a declarative shadow root (`<template
 * shadowrootmode>`), the live client attaches one itself.
 */

/** What `showError` accepts; a `BuildError` from src/errors.ts fits as is. */
export interface DevServerError {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** The offending source line(s), shown verbatim in monospace. */
  excerpt?: string;
  /** How to fix it, when known. */
  hint?: string;
}

/** The custom element that hosts the overlay's shadow root. */
export const OVERLAY_TAG = 'tryck-error-overlay';

/** The overlay's shadow-root content: styles and markup. */
export function renderErrorOverlayContent(error: DevServerError): string {
  const where = formatLocation(error);
  const parts = [
    `<style>${OVERLAY_CSS}</style>`,
    '<div class="backdrop">',
    // role=alert, not alertdialog: it does not take focus away from the author's page.
    '<section class="panel" role="alert">',
    '<header><span class="label">Build failed</span>',
    '<button type="button" class="dismiss" data-tryck-dismiss>Dismiss</button></header>',
    where ? `<div class="location">${text(where)}</div>` : '',
    `<p class="message">${text(error.message)}</p>`,
    error.excerpt ? `<pre class="excerpt">${text(error.excerpt)}</pre>` : '',
    error.hint ? `<p class="hint"><span>Hint:</span> ${text(error.hint)}</p>` : '',
    '<footer>Fix the problem and save: the page reloads once the site builds again.</footer>',
    '</section></div>',
  ];
  return parts.join('');
}

/** The overlay as an element to embed in a served page. */
export function renderErrorOverlayElement(content: string): string {
  return `<${OVERLAY_TAG}><template shadowrootmode="open">${content}</template></${OVERLAY_TAG}>`;
}

/** `file:line:column`, the form terminals and editors turn into links. */
function formatLocation(error: DevServerError): string {
  if (!error.file) return '';
  let where = error.file;
  if (error.line !== undefined) where += `:${error.line}`;
  if (error.line !== undefined && error.column !== undefined) where += `:${error.column}`;
  return where;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Terminal colour codes, which messages formatted for the console may carry; noise in a page. */
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Escaped, for the overlay: without terminal colour codes. */
function text(value: string): string {
  return escapeHtml(String(value).replace(ANSI_ESCAPE, ''));
}

const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

// `:host { all: initial !important }` because page styles beat :host rules otherwise.
const OVERLAY_CSS = `
:host { all: initial !important; }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; box-sizing: border-box; overflow: auto;
  display: flex; align-items: flex-start; justify-content: center; padding: 8vh 16px 16px;
  background: rgba(12, 14, 18, 0.78);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #e6e7ea; text-align: left; -webkit-font-smoothing: antialiased; }
.panel { box-sizing: border-box; width: 100%; max-width: 860px; padding: 22px 28px 20px;
  background: #1c1e24; border-top: 5px solid #ef4444; border-radius: 10px;
  box-shadow: 0 24px 60px rgba(0, 0, 0, 0.55); }
header { display: flex; align-items: center; justify-content: space-between; gap: 16px; }
.label { color: #f87171; font-size: 13px; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; }
.dismiss { font: inherit; font-size: 13px; color: #c4c7cf; background: transparent; cursor: pointer;
  border: 1px solid #3a3e49; border-radius: 6px; padding: 3px 10px; }
.dismiss:hover, .dismiss:focus-visible { color: #fff; border-color: #6b7280; }
.location { margin-top: 14px; font-family: ${MONO}; font-size: 14px; color: #8ab4f8; overflow-wrap: anywhere; }
.message { margin: 6px 0 0; font-size: 19px; font-weight: 600; line-height: 1.4; color: #fff;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.excerpt { margin: 18px 0 0; padding: 14px 16px; overflow: auto; max-height: 50vh;
  background: #121418; border: 1px solid #2d3039; border-radius: 6px;
  font-family: ${MONO}; font-size: 14px; line-height: 1.55; color: #e6e7ea; white-space: pre; tab-size: 4; }
.hint { margin: 16px 0 0; color: #fcd34d; white-space: pre-wrap; overflow-wrap: anywhere; }
.hint span { font-weight: 700; }
footer { margin-top: 20px; padding-top: 12px; border-top: 1px solid #2d3039; font-size: 13px; color: #9ca0aa; }
`
  .replace(/\n\s*/g, ' ')
  .trim();
