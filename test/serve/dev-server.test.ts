import { readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/serve/dev-server.ts';
import { makeSite, rawRequest, writeFiles, type TempSite } from './support.ts';

const PAGE = '<!doctype html><html><head><title>Home</title></head><body><h1>Home</h1></body></html>';

const FILES: Record<string, string | Buffer> = {
  'index.html': PAGE,
  'about.html': '<html><body><p>About page</p></BODY ></html>',
  'fragment.html': '<p>No body tag here</p>',
  'blog/index.html': '<html><body>Blog index</body></html>',
  'blog/first-post/index.html': '<html><body>First post</body></html>',
  'assets/site.css': 'body { color: rgb(10, 20, 30); }',
  'assets/app.js': 'console.log(1);',
  'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/photo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  'assets/photo.jpg': Buffer.from([0xff, 0xd8, 0xff]),
  'assets/photo.webp': Buffer.from('RIFF'),
  'assets/font.woff2': Buffer.from('wOF2'),
  'sitemap.xml': '<?xml version="1.0"?><urlset/>',
  'feed.xml': '<?xml version="1.0"?><feed/>',
  'search.json': '{"pages":[]}',
  'robots.txt': 'User-agent: *',
  'a..b.txt': 'dots inside a name are fine',
  'café.txt': 'unicode name',
};

let site: TempSite;
let server: DevServer;

beforeAll(async () => {
  site = await makeSite(FILES);
  // One symlink that stays inside the site, two that point out of it.
  await symlink(path.join(site.root, 'about.html'), path.join(site.root, 'alias.html'));
  await symlink(path.join(site.dir, 'secret.txt'), path.join(site.root, 'leak.txt'));
  await symlink(site.dir, path.join(site.root, 'leakdir'));
  server = await startDevServer({ root: site.root, host: '127.0.0.1', port: 0, baseurl: '' });
});

afterAll(async () => {
  await server?.close();
  await site?.remove();
});

describe('safety', () => {
  it('binds to 127.0.0.1 by default and reports its URL', async () => {
    const other = await startDevServer({ root: site.root, port: 0 });
    try {
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      await other.close();
    }
  });

  it.each([
    '/../secret.txt',
    '/../../../../../../etc/passwd',
    '/blog/../../secret.txt',
    '/./../secret.txt',
    '//../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e/secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/index.html%00.txt',
    '/index.html%00',
    '/leak.txt',
    '/leakdir/secret.txt',
    '/leakdir/',
    'http://127.0.0.1/../secret.txt',
  ])('refuses %j without revealing anything outside root', async (target) => {
    const res = await rawRequest(server.url, target);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body).not.toContain('TOP-SECRET');
    expect(res.body).not.toContain('root:');
  });

  it('refuses a raw NUL byte in the request line', async () => {
    const res = await rawRequest(server.url, '/index.html\u0000.txt');
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body).not.toContain('<h1>Home</h1>');
  });

  it('follows symlinks that stay inside root', async () => {
    const res = await fetch(new URL('/alias.html', server.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('About page');
  });

  it('serves names that merely contain dots or non-ASCII', async () => {
    expect(await (await fetch(new URL('/a..b.txt', server.url))).text()).toBe('dots inside a name are fine');
    expect(await (await fetch(new URL('/café.txt', server.url))).text()).toBe('unicode name');
  });

  it('answers only GET and HEAD', async () => {
    const res = await fetch(new URL('/index.html', server.url), { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('resolution', () => {
  it('serves index.html for directories', async () => {
    expect(await (await fetch(server.url)).text()).toContain('<h1>Home</h1>');
    expect(await (await fetch(new URL('/blog/', server.url))).text()).toContain('Blog index');
    expect(await (await fetch(new URL('/blog/first-post/', server.url))).text()).toContain('First post');
  });

  it('redirects a directory without its trailing slash, keeping the query', async () => {
    const res = await fetch(new URL('/blog/first-post?utm=x', server.url), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/blog/first-post/?utm=x');
  });

  it('never redirects to another host', async () => {
    const res = await rawRequest(server.url, '//evil.example/blog');
    expect(res.status).toBe(404);
    const dir = await rawRequest(server.url, '//blog');
    expect(dir.status).toBe(302);
    expect(dir.headers.location).toBe('/blog/');
  });

  it('serves /about from about.html', async () => {
    const res = await fetch(new URL('/about', server.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('About page');
  });

  it('answers 404 with a built-in page when the site has no 404.html', async () => {
    const res = await fetch(new URL('/nope/', server.url));
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).toContain('Not found');
    expect(body).toContain('/__tryck/client.js');
  });

  it('escapes the requested path in the built-in 404 page', async () => {
    const res = await rawRequest(server.url, '/%3Cscript%3Ealert(1)%3C/script%3E');
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('&lt;script&gt;');
  });

  it("answers 404 with the site's own 404.html when present", async () => {
    await writeFile(path.join(site.root, '404.html'), '<html><body><h1>Lost?</h1></body></html>');
    try {
      const res = await fetch(new URL('/missing.png', server.url));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const body = await res.text();
      expect(body).toContain('<h1>Lost?</h1>');
      expect(body).toContain('/__tryck/client.js');
    } finally {
      await rm(path.join(site.root, '404.html'));
    }
  });
});

describe('responses', () => {
  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/assets/site.css', 'text/css; charset=utf-8'],
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
    ['/assets/photo.png', 'image/png'],
    ['/assets/photo.jpg', 'image/jpeg'],
    ['/assets/photo.webp', 'image/webp'],
    ['/assets/font.woff2', 'font/woff2'],
    ['/sitemap.xml', 'application/xml; charset=utf-8'],
    ['/feed.xml', 'application/xml; charset=utf-8'],
    ['/search.json', 'application/json; charset=utf-8'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
  ])('serves %s as %s, uncached', async (file, type) => {
    const res = await fetch(new URL(file, server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const onDisk = await readFile(path.join(site.root, file));
    if (!type.startsWith('text/html')) expect(Buffer.from(await res.arrayBuffer()).equals(onDisk)).toBe(true);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await rawRequest(server.url, '/assets/site.css');
    const head = await rawRequest(server.url, '/assets/site.css', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.body).toBe('');
    const page = await rawRequest(server.url, '/', 'HEAD');
    expect(page.status).toBe(200);
    expect(Number(page.headers['content-length'])).toBeGreaterThan(PAGE.length);
    expect(page.body).toBe('');
  });

  it('injects the live-reload script into served HTML only, never into the file on disk', async () => {
    const served = await (await fetch(server.url)).text();
    expect(served).toMatch(/<script src="\/__tryck\/client\.js" data-tryck-token="[^"]+"><\/script><\/body>/);
    expect(served.replace(/<script src="\/__tryck[^>]*><\/script>/, '')).toBe(PAGE);
    expect(await readFile(path.join(site.root, 'index.html'), 'utf8')).toBe(PAGE);
  });

  it('injects before a </BODY > in any case, and at the end when there is none', async () => {
    const about = await (await fetch(new URL('/about.html', server.url))).text();
    expect(about).toMatch(/<\/script><\/BODY ><\/html>$/);
    const fragment = await (await fetch(new URL('/fragment.html', server.url))).text();
    expect(fragment).toMatch(/^<p>No body tag here<\/p><script src="\/__tryck\/client\.js"/);
  });

  it('does not inject into non-HTML responses', async () => {
    expect(await (await fetch(new URL('/assets/app.js', server.url))).text()).toBe('console.log(1);');
  });

  it('serves the client script', async () => {
    const res = await fetch(new URL('/__tryck/client.js', server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toContain("new EventSource(\"/__tryck/events\")");
  });
});

describe('baseurl', () => {
  let blog: DevServer;
  beforeAll(async () => {
    blog = await startDevServer({ root: site.root, host: '127.0.0.1', port: 0, baseurl: 'blog/' });
  });
  afterAll(() => blog.close());

  it('puts the baseurl in its URL and serves the site under it', async () => {
    expect(blog.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/blog\/$/);
    expect(await (await fetch(blog.url)).text()).toContain('<h1>Home</h1>');
    expect(await (await fetch(new URL('/blog/assets/site.css', blog.url))).text()).toContain('rgb(10, 20, 30)');
  });

  it('redirects / and the bare baseurl to the baseurl with a slash', async () => {
    const root = await fetch(new URL('/', blog.url), { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/blog/');
    const bare = await fetch(new URL('/blog', blog.url), { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/blog/');
  });

  it('handles a baseurl that needs encoding', async () => {
    const odd = await startDevServer({ root: site.root, host: '127.0.0.1', port: 0, baseurl: '/min blogg/' });
    try {
      expect(odd.url).toMatch(/\/min%20blogg\/$/);
      expect(await (await fetch(odd.url)).text()).toContain('<h1>Home</h1>');
      const root = await fetch(new URL('/', odd.url), { redirect: 'manual' });
      expect(root.headers.get('location')).toBe('/min%20blogg/');
    } finally {
      await odd.close();
    }
  });

  it('answers 404 outside the baseurl', async () => {
    expect((await fetch(new URL('/assets/site.css', blog.url))).status).toBe(404);
  });
});

describe('robustness', () => {
  const extra: DevServer[] = [];
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((s) => s.close()));
  });

  it('survives clients that disconnect mid-download', async () => {
    await writeFile(path.join(site.root, 'big.bin'), Buffer.alloc(8 * 1024 * 1024, 7));
    await Promise.all(
      Array.from({ length: 10 }, () =>
        new Promise<void>((resolve) => {
          const req = http.get(new URL('/big.bin', server.url), (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          });
          req.on('error', () => resolve());
        })),
    );
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('answers many concurrent requests', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => fetch(new URL(i % 2 ? '/about' : '/assets/site.css', server.url)).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      })),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('answers 200 or 404, never fails, while the build swaps the whole folder', async () => {
    const swapping = await makeSite({ 'index.html': '<body>v0</body>', 'page.html': '<body>p</body>' });
    const s = await startDevServer({ root: swapping.root, host: '127.0.0.1', port: 0, baseurl: '' });
    extra.push(s);
    let stop = false;
    const swapper = (async () => {
      for (let i = 1; !stop; i += 1) {
        const next = `${swapping.root}.next`;
        await writeFiles(next, { 'index.html': `<body>v${i}</body>`, 'page.html': '<body>p</body>' });
        await rename(swapping.root, `${swapping.root}.old${i}`);
        await new Promise((r) => setTimeout(r, 2));
        await rename(next, swapping.root);
      }
    })();
    const statuses: number[] = [];
    const deadline = Date.now() + 600;
    while (Date.now() < deadline) {
      const batch = await Promise.all(
        ['/', '/page', '/index.html', '/page.html'].map(async (p) => {
          const r = await fetch(new URL(p, s.url));
          await r.text();
          return r.status;
        }),
      );
      statuses.push(...batch);
    }
    stop = true;
    await swapper;
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.every((st) => st === 200 || st === 404)).toBe(true);
    await swapping.remove();
  });

  it('serves a helpful 404 before the first build, and the site once it exists', async () => {
    const later = await makeSite({});
    const root = path.join(later.dir, 'not-yet');
    const s = await startDevServer({ root, host: '127.0.0.1', port: 0, baseurl: '' });
    extra.push(s);
    const before = await fetch(s.url);
    expect(before.status).toBe(404);
    expect(await before.text()).toContain('has not been built yet');
    await writeFiles(root, { 'index.html': '<body>built</body>' });
    expect(await (await fetch(s.url)).text()).toContain('built');
    await later.remove();
  });

  it('reports a port in use clearly', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startDevServer({ root: site.root, host: '127.0.0.1', port, baseurl: '' })).rejects.toThrow(/already in use/);
  });

  it('closes with open keep-alive connections and event streams', async () => {
    const s = await startDevServer({ root: site.root, host: '127.0.0.1', port: 0, baseurl: '' });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get(s.url, { agent }, (res) => res.resume().on('end', resolve)));
    await new Promise<void>((resolve) => http.get(new URL('/__tryck/events', s.url), () => resolve()).on('error', () => undefined));
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await s.close(); // idempotent
    agent.destroy();
  });
});
