/**
 * The script the dev server adds to every HTML page it serves. It is served from its own URL
 * rather than inlined, so pages whose Content-Security-Policy allows `script-src 'self'` but
 * not inline scripts still get live reload.
 *
 * Protocol (see live-reload.ts for the stream itself):
 * - Each served page carries a token naming the server instance and build generation.
 *   `hello`, sent on every (re)connect, carries the current token and error: a page that
 *   missed a rebuild between being served and connecting, or that reconnects to a restarted
 *   server, sees a different token and reloads.
 * - `reload`: reload now. `css`: swap same-origin stylesheets in place, no reload.
 * - `build-error`: show (or replace) the overlay. `clear`: remove it and reload.
 *   (Not named `error`: that name is taken by EventSource's own connection errors.)
 *
 * Plain ES2017 with no build step, since it runs as-is in whatever browser the author uses.
 */
import { OVERLAY_TAG } from './error-overlay.ts';
import { EVENTS_PATH } from './live-reload.ts';

export const CLIENT_SCRIPT_PATH = '/__tryck/client.js';

/** The attribute on the injected `<script>` that carries the page's token. */
export const TOKEN_ATTRIBUTE = 'data-tryck-token';

export const liveReloadClientScript = `(function () {
  'use strict';
  var script = document.currentScript;
  var token = script ? script.getAttribute(${JSON.stringify(TOKEN_ATTRIBUTE)}) : null;
  // One stream per page, even if a page somehow got the script twice.
  if (window.__tryckLiveReload || typeof EventSource !== 'function') return;
  var state = (window.__tryckLiveReload = { connected: false });
  var TAG = ${JSON.stringify(OVERLAY_TAG)};
  var reloading = false;

  function reload() {
    // clearError and reload() often arrive together; one navigation is enough.
    if (reloading) return;
    reloading = true;
    location.reload();
  }

  function remembered() {
    try { return sessionStorage.getItem('tryck-reloaded-for'); } catch (e) { return null; }
  }
  function remember(value) {
    try { sessionStorage.setItem('tryck-reloaded-for', value); } catch (e) { /* storage disabled */ }
  }

  function overlayHost() {
    return document.querySelector(TAG);
  }

  function hideOverlay() {
    var host = overlayHost();
    if (host) host.remove();
  }

  function wire(root) {
    var button = root.querySelector('[data-tryck-dismiss]');
    if (button) button.addEventListener('click', hideOverlay);
  }

  function showOverlay(content) {
    var host = overlayHost();
    if (!host) {
      host = document.createElement(TAG);
      (document.body || document.documentElement).appendChild(host);
    }
    var root = host.shadowRoot || host.attachShadow({ mode: 'open' });
    // Server-rendered with every error field escaped (error-overlay.ts).
    root.innerHTML = content;
    wire(root);
  }

  // Browsers without declarative shadow DOM leave the served <template> inert: attach it by hand.
  function upgradeServedOverlay() {
    var host = overlayHost();
    if (!host) return;
    if (!host.shadowRoot) {
      var template = host.querySelector('template');
      var root = host.attachShadow({ mode: 'open' });
      if (template) {
        root.appendChild(template.content);
        template.remove();
      }
    }
    wire(host.shadowRoot);
  }

  function swapStylesheets(version) {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]:not([data-tryck-replaced])');
    Array.prototype.forEach.call(links, function (old) {
      var url = new URL(old.href, location.href);
      // Leave CDN fonts and other sites' stylesheets alone.
      if (url.origin !== location.origin) return;
      url.searchParams.set('tryck-reload', version);
      var next = old.cloneNode(false);
      next.href = url.href;
      old.setAttribute('data-tryck-replaced', '');
      // Remove the old sheet only once the new one applies, so the page never flashes unstyled.
      function done() { old.remove(); }
      next.addEventListener('load', done);
      next.addEventListener('error', done);
      old.after(next);
    });
  }

  var source = new EventSource(${JSON.stringify(EVENTS_PATH)});
  function on(name, handle) {
    source.addEventListener(name, function (event) { handle(JSON.parse(event.data)); });
  }
  on('hello', function (data) {
    state.connected = true;
    if (data.token !== token) {
      // Still an old token right after reloading for this one: the page comes from a cache
      // (a service worker, say), and reloading again would loop forever.
      if (remembered() === data.token) {
        console.warn('[tryck] This page is not coming from the preview server (a service worker?); live reload may show stale pages.');
      } else {
        remember(data.token);
        return reload();
      }
    }
    if (data.error) showOverlay(data.error);
    else hideOverlay();
  });
  on('reload', function () { reload(); });
  on('css', function (data) {
    token = data.token;
    swapStylesheets(data.token);
  });
  on('build-error', function (data) { showOverlay(data.overlay); });
  on('clear', function () {
    hideOverlay();
    reload();
  });
  source.addEventListener('error', function () { state.connected = false; });

  // Free the connection when leaving (browsers allow only a few per host), and reload a page
  // restored from the back/forward cache: its stream is gone and its content may be stale.
  window.addEventListener('pagehide', function () { source.close(); });
  window.addEventListener('pageshow', function (event) { if (event.persisted) reload(); });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', upgradeServedOverlay);
  else upgradeServedOverlay();
})();
`;
