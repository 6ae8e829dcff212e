import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/serve/dev-server.ts';
import { escapeHtml, renderErrorOverlayContent } from '../../src/serve/error-overlay.ts';
import { isStylesheetOnlyChange } from '../../src/serve/live-reload.ts';
import { EventStreamReader, makeSite, rawRequest, type TempSite } from './support.ts';

let site: TempSite;
let server: DevServer;
const readers: EventStreamReader[] = [];

async function subscribe(): Promise<EventStreamReader> {
  const reader = await EventStreamReader.open(server.url);
  readers.push(reader);
  return reader;
}

beforeAll(async () => {
  site = await makeSite({ 'index.html': '<html><body><h1>Hi</h1></body></html>' });
  server = await startDevServer({ root: site.root, host: '127.0.0.1', port: 0, baseurl: '' });
});

afterEach(() => {
  server.clearError();
  for (const reader of readers.splice(0)) reader.close();
});

afterAll(async () => {
  await server?.close();
  await site?.remove();
});

function tokenOf(html: string): string {
  const match = /data-tryck-token="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no token in page');
  return match[1];
}

describe('event stream', () => {
  it('is served as text/event-stream, uncached, and greets with the current token', async () => {
    const page = await (await fetch(server.url)).text();
    const res = await fetch(new URL('/__tryck/events', server.url));
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    await res.body?.cancel();
    const reader = await subscribe();
    expect(await reader.next('hello')).toEqual({ event: 'hello', data: { token: tokenOf(page), error: null } });
  });

  it('delivers reload() to every connected page, with a new token', async () => {
    const clients = await Promise.all(Array.from({ length: 25 }, () => subscribe()));
    const hellos = await Promise.all(clients.map((c) => c.next('hello')));
    server.reload(['index.html']);
    const events = await Promise.all(clients.map((c) => c.next()));
    for (const [i, event] of events.entries()) {
      expect(event.event).toBe('reload');
      expect(event.data).not.toEqual({ token: (hellos[i]!.data as { token: string }).token });
    }
    // Pages served from now on carry the new token, so they do not reload again on connect.
    const page = await (await fetch(server.url)).text();
    expect(events[0]!.data).toEqual({ token: tokenOf(page) });
  });

  it('sends a css event instead when only stylesheets changed', async () => {
    const reader = await subscribe();
    await reader.next('hello');
    server.reload(['assets/site.css', 'assets/print.css']);
    expect((await reader.next()).event).toBe('css');
    server.reload(['_sass/base.scss']);
    expect((await reader.next()).event).toBe('css');
    server.reload(['assets/site.css', 'index.html']);
    expect((await reader.next()).event).toBe('reload');
    server.reload();
    expect((await reader.next()).event).toBe('reload');
  });

  it('keeps serving when clients vanish, including while events are sent', async () => {
    const leaving = await Promise.all(Array.from({ length: 10 }, () => subscribe()));
    await Promise.all(leaving.map((c) => c.next('hello')));
    for (const c of leaving) c.close();
    server.reload();
    server.reload(['a.css']);
    const staying = await subscribe();
    await staying.next('hello');
    server.reload();
    expect((await staying.next()).event).toBe('reload');
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('answers HEAD on the stream without holding it open', async () => {
    const res = await rawRequest(server.url, '/__tryck/events', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  });
});

describe('error overlay', () => {
  const error = {
    message: 'Liquid syntax error: tag "endfor" was never closed <img src=x onerror=alert(1)>',
    file: '_layouts/post.html',
    line: 12,
    column: 5,
    excerpt: '11 | {% for tag in page.tags %}\n12 |   <a href="{{ tag }}">\n   |     ^',
  };

  it('pushes the overlay to open pages', async () => {
    const reader = await subscribe();
    await reader.next('hello');
    server.showError(error);
    const event = await reader.next('build-error');
    const overlay = (event.data as { overlay: string }).overlay;
    expect(overlay).toContain('_layouts/post.html:12:5');
    expect(overlay).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(overlay).not.toContain('<img');
    expect(overlay).toContain('&lt;a href=&quot;{{ tag }}&quot;&gt;');
  });

  it('embeds the overlay in pages loaded while the error stands, and in the hello', async () => {
    server.showError(error);
    const page = await (await fetch(server.url)).text();
    expect(page).toMatch(/<tryck-error-overlay><template shadowrootmode="open"><style>.*Build failed.*<\/template><\/tryck-error-overlay><script src="\/__tryck\/client\.js"/s);
    expect(page).toContain('_layouts/post.html:12:5');
    expect(page).not.toContain('<img src=x');
    const reader = await subscribe();
    const hello = (await reader.next('hello')).data as { error: string | null };
    expect(hello.error).toContain('Liquid syntax error');
  });

  it('clearError removes the overlay from later pages and tells open ones to reload', async () => {
    server.showError(error);
    const reader = await subscribe();
    await reader.next('hello');
    server.clearError();
    const clear = await reader.next('clear');
    const page = await (await fetch(server.url)).text();
    expect(page).not.toContain('tryck-error-overlay');
    expect(clear.data).toEqual({ token: tokenOf(page) });
  });

  it('clearError does nothing when no error stands', async () => {
    const reader = await subscribe();
    await reader.next('hello');
    server.clearError();
    server.reload();
    expect((await reader.next()).event).toBe('reload');
  });
});

describe('renderErrorOverlayContent', () => {
  it('shows location, message, excerpt and hint, all escaped', () => {
    const html = renderErrorOverlayContent({
      message: '"quoted" & <b>bold</b>',
      file: "it's.md",
      line: 3,
      excerpt: '</pre><script>x</script>',
      hint: 'Close the <tag>',
    });
    expect(html).toContain('<div class="location">it&#39;s.md:3</div>');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('<pre class="excerpt">&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;</pre>');
    expect(html).toContain('Close the &lt;tag&gt;');
    expect(html).not.toMatch(/<script|<b>|<tag>/);
  });

  it('drops terminal colour codes', () => {
    const html = renderErrorOverlayContent({ message: '\u001b[31mUnknown tag\u001b[39m \u001b[1mfoo\u001b[22m' });
    expect(html).toContain('<p class="message">Unknown tag foo</p>');
  });

  it('leaves out what it does not have', () => {
    const html = renderErrorOverlayContent({ message: 'Out of memory' });
    expect(html).not.toContain('class="location"');
    expect(html).not.toContain('class="excerpt"');
    expect(html).not.toContain('class="hint"');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('isStylesheetOnlyChange', () => {
  it('is true only when every changed path is a stylesheet', () => {
    expect(isStylesheetOnlyChange(['a.css', 'b/C.CSS', 'x.scss', 'y.sass', 'a.css.map'])).toBe(true);
    expect(isStylesheetOnlyChange(['a.css', 'index.html'])).toBe(false);
    expect(isStylesheetOnlyChange([])).toBe(false);
    expect(isStylesheetOnlyChange(undefined)).toBe(false);
  });
});
