/**
 * `tryck build` on untrusted sites (CI builds pull requests): real folders, the real CLI. Nothing
 * outside the source is read, nothing outside the destination is written, hostile templates and
 * texts stop with an error naming file and line, and bad input never passes silently.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const bin = path.join(repoRoot, 'bin/tryck.js');
const scratch: string[] = [];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function tryck(args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: repoRoot, env: { ...process.env, TZ: 'UTC' }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A site folder with these files (text, or a symlink target given as { link }), inside a scratch folder. */
function site(files: Record<string, string | Buffer | { link: string }>): { root: string; source: string; out: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-safe-'));
  scratch.push(root);
  const source = path.join(root, 'sajt');
  mkdirSync(source);
  for (const [name, contents] of Object.entries({ '_config.yml': 'title: Vårdportalen\ntimezone: UTC\n', ...files })) {
    const file = path.join(source, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof contents !== 'string' && !Buffer.isBuffer(contents)) symlinkSync((contents as { link: string }).link, file);
    else writeFileSync(file, contents);
  }
  return { root, source, out: path.join(root, 'ut') };
}

const build = (where: { source: string; out: string }, ...extra: string[]) => tryck(['build', '-s', where.source, '-d', where.out, ...extra]);

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('symlinks that leave the site', () => {
  const secret = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tryck-secret-'));
    scratch.push(dir);
    writeFileSync(path.join(dir, 'journal.txt'), 'personnummer 19121212-1212');
    return dir;
  };

  it.each([
    ['_includes/sidfot.html', 'file'],
    ['_posts/2024-01-15-lank.md', 'file'],
    ['_data/kliniker.yml', 'file'],
    ['assets/journal.txt', 'file'],
    ['assets/hemligt', 'folder'],
    ['_layouts/default.html', 'file'],
  ])('are refused in %s (a %s), naming the link and its target, and nothing is written', async (link, kind) => {
    const outside = secret();
    const target = kind === 'file' ? path.join(outside, 'journal.txt') : outside;
    const where = site({ 'index.html': '---\n---\nHej\n', [link]: { link: target } });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${link}: This symlink points to ${kind === 'file' ? path.join(outside, 'journal.txt') : outside}`);
    expect(existsSync(where.out)).toBe(false);
  });

  it('a symlink to a file inside the site is read as Jekyll reads it', async () => {
    const where = site({ 'assets/logga.svg': '<svg/>', 'assets/logo.svg': { link: 'logga.svg' }, 'index.html': '---\n---\nHej\n' });
    const result = await build(where);
    expect(result.stderr).toBe('');
    expect(readFileSync(path.join(where.out, 'assets/logo.svg'), 'utf8')).toBe('<svg/>');
  });

  it('a symlink loop is an error that names the link, with a short message', async () => {
    const where = site({ 'index.html': '---\n---\nHej\n', 'assets/upp': { link: '..' } });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('assets/upp: This symlink makes a loop');
    expect(result.stderr.length).toBeLessThan(400);
  });

  it('include_relative cannot read through a symlink out of the site', async () => {
    const outside = secret();
    const where = site({ 'index.md': '---\n---\n{% include_relative del.txt %}\n', 'del.txt': { link: path.join(outside, 'journal.txt') } });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('del.txt: This symlink points to');
    expect(result.stderr).not.toContain('19121212');
  });
});

describe('the destination', () => {
  it('is never a file: an existing file given to -d stays as it was', async () => {
    const where = site({ 'index.html': '---\n---\nHej\n' });
    writeFileSync(where.out, 'viktig fil');
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is a file, not a folder');
    expect(readFileSync(where.out, 'utf8')).toBe('viktig fil');
  });

  it('is never a folder that holds the source', async () => {
    const where = site({ 'index.html': '---\n---\nHej\n', 'behall.txt': 'kvar' });
    const result = await tryck(['build', '-s', where.source, '-d', where.root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('holds the source folder');
    expect(readFileSync(path.join(where.source, 'behall.txt'), 'utf8')).toBe('kvar');
  });

  it('a destination outside the site named by _config.yml is refused', async () => {
    const where = site({ 'index.html': '---\n---\nHej\n' });
    writeFileSync(path.join(where.source, '_config.yml'), `title: x\ndestination: ${where.out}\n`);
    const result = await tryck(['build', '-s', where.source]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('_config.yml: destination:');
    expect(existsSync(where.out)).toBe(false);
  });

  it('a file named .tryck-cache is a plain error, not ENOTDIR', async () => {
    const where = site({ 'index.html': '---\n---\nHej\n', '.tryck-cache': 'inte en mapp' });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('.tryck-cache: .tryck-cache is a file');
    expect(result.stderr).not.toContain('ENOTDIR');
  });
});

describe('limits', () => {
  it('a Liquid loop over a huge range stops with the page and line, not a V8 crash', async () => {
    const where = site({ 'index.html': '---\n---\n<p>Hej</p>\n{% for i in (1..300000000) %}{% endfor %}\n' });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/index\.html:4:\d+: Liquid made more than 100,000,000 items/);
    expect(result.stderr).toContain('tryck_limits: liquid_memory');
  });

  it('a page rendering past the time limit stops, and the limit is raised in _config.yml', async () => {
    const page = '---\n---\n{% for i in (1..3000) %}{% for j in (1..3000) %}{% endfor %}{% endfor %}\n';
    const where = site({ 'index.html': page, '_config.yml': 'tryck_limits: {liquid_render_seconds: 0.2}\n' });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/index\.html:3:\d+: Liquid rendered this page for more than 0\.2 s/);
  });

  it('an include that includes itself stops at the include depth limit', async () => {
    const where = site({ 'index.html': '---\n---\n{% include lista.html %}\n', '_includes/lista.html': '<li>{% include lista.html %}</li>' });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("_includes/lista.html:1:5: Includes are nested more than 50 deep here (does 'lista.html' include itself?)");
  });

  it('Markdown nested 1,000 deep is refused at once, naming the line', async () => {
    const lines = Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- punkt`);
    const where = site({ '_posts/2024-01-15-djup.md': `---\ntitle: Djup\n---\nInledning\n\n${lines.join('\n')}\n` });
    const started = Date.now();
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('_posts/2024-01-15-djup.md:106: Lists or block quotes are nested more than 100 deep here.');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a text file over the size limit is refused before it is read', async () => {
    const where = site({ 'om.md': `---\ntitle: Om\n---\n${'Vård. '.repeat(400)}\n`, '_config.yml': 'tryck_limits: {file_bytes: 1000}\n' });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('om.md: This file is 3 KB, more than the 1000 bytes a text file may have.');
  });

  it('an unknown limit in _config.yml is an error listing the known ones', async () => {
    const where = site({ 'index.html': '---\n---\nHej\n', '_config.yml': 'tryck_limits: {loops: 5}\n' });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tryck_limits: unknown limit 'loops'");
  });
});

describe('interrupted builds', () => {
  it('a staging folder left by a process that no longer runs is removed by the next build', async () => {
    const where = site({ 'index.html': '---\n---\nHej\n' });
    const gone = await exitedPid();
    const stale = path.join(where.root, `.ut.tryck-staging-${gone}`);
    mkdirSync(path.join(stale, 'halvfardig'), { recursive: true });
    const running = path.join(where.root, `.ut.tryck-staging-${process.pid}`);
    mkdirSync(running);
    const result = await build(where);
    expect(result.code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    // A build still running (this test's process) keeps its folder.
    expect(existsSync(running)).toBe(true);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s during a build leaves no staging folder and the last site as it was', async (signal) => {
    // Many pages that each take a while: the build is stopped between two of them.
    const pages = (text: string) => Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`sida-${i}.html`, text]));
    const where = site(pages('---\n---\nHej\n'));
    expect((await build(where, '--no-cache')).code).toBe(0);
    for (const name of Object.keys(pages(''))) writeFileSync(path.join(where.source, name), '---\n---\n{% for i in (1..300) %}{% for j in (1..300) %}{% endfor %}{% endfor %}Ny\n');
    const child = spawn(process.execPath, [bin, 'build', '-s', where.source, '-d', where.out, '--no-cache'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', (code, how) => resolve(how)));
    await waitFor(() => existsSync(path.join(where.root, `.ut.tryck-staging-${child.pid}`)), 30_000);
    child.kill(signal);
    expect(await exited).toBe(signal);
    expect(readdirSync(where.root).sort()).toEqual(['sajt', 'ut']);
    expect(readFileSync(path.join(where.out, 'sida-149.html'), 'utf8')).toBe('Hej\n');
  });
});

describe('bad input is an error (or a warning where Jekyll accepts it) with file and line', () => {
  it.each([
    ['invalid UTF-8', { '_posts/2024-01-15-a.md': Buffer.from('---\ntitle: a\n---\nH\xe4lsa\n', 'latin1') }, '_posts/2024-01-15-a.md:4:2: This file is not valid UTF-8 text.'],
    ['a NUL byte', { '_posts/2024-01-15-a.md': '---\ntitle: a\n---\nHej\0då\n' }, '_posts/2024-01-15-a.md:4:4: This file contains a NUL byte'],
    ['a time of day out of range', { '_posts/2024-01-15-a.md': '---\ntitle: a\ndate: 2024-01-15 25:61\n---\nx\n' }, "_posts/2024-01-15-a.md:3:7: Invalid date '2024-01-15 25:61'"],
    ['an include parameter without a value', { 'index.html': '---\n---\n{% include x.html date= %}\n', '_includes/x.html': 'x' }, 'index.html:3:1: Invalid syntax for include tag: date='],
    ['paginate that is no number', { 'index.html': '---\n---\nx\n', '_config.yml': 'plugins: [jekyll-paginate]\npaginate: fem\n' }, '_config.yml: paginate should be the number of posts per page, but is "fem".'],
    ['a tag with no letter for its page', { '_posts/2024-01-15-a.md': '---\ntitle: a\ntags: ["???"]\n---\nx\n', '_layouts/tagg.html': '{{ content }}', '_config.yml': 'tag_pages: {layout: tagg}\n' }, "_posts/2024-01-15-a.md:3:9: The tag '???' has no letter or digit"],
    ['a permalink with %2e%2e', { 'om.md': '---\npermalink: /%2e%2e/%2e%2e/x.html\n---\nx\n' }, "om.md:2:1: The permalink of this page climbs out of the site with '..'"],
    ['a collection document whose permalink climbs out', { '_config.yml': 'timezone: UTC\ncollections: {rutiner: {output: true}}\n', '_rutiner/a.md': '---\npermalink: /%2e%2e/%2e%2e/x.html\n---\nx\n' }, "_rutiner/a.md:2:1: The permalink of this page climbs out of the site with '..'"],
    ['a permalink with a NUL', { 'om.md': '---\npermalink: "/a\\0b.html"\n---\nx\n' }, 'om.md:2:1: The permalink of this page holds a NUL byte'],
  ])('%s', async (_name, files, message) => {
    const where = site(files);
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('unclosed front matter is text, as in Jekyll, with a warning that says so', async () => {
    const where = site({ 'om.md': '---\ntitle: Om\n\nText som: inte är YAML\n' });
    const result = await build(where);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('om.md:1:1: The front matter that starts on line 1 is never closed');
  });

  it('a YAML alias bomb is refused, naming the file', async () => {
    let yaml = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1, previous = 'a'; i < 12; previous = `b${i}`, i++) yaml += `b${i}: &b${i} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    const where = site({ '_posts/2024-01-15-a.md': `---\n${yaml}---\nx\n` });
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('_posts/2024-01-15-a.md: This YAML repeats aliases');
  });

  it('a binary file named .md is reported without printing its bytes', async () => {
    const where = site({});
    writeFileSync(path.join(where.source, 'bild.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a, 0xff, 0xfe]));
    const result = await build(where);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bild.md:2:5: This file contains a NUL byte');
    expect(result.stderr).not.toMatch(/[\x00\x1a\ufffd]/);
  });

  it('a key given twice in front matter is a warning with its line; the last one wins, as in Jekyll', async () => {
    const where = site({ '_posts/2024-01-15-a.md': '---\ntitle: Första\ntitle: Andra\n---\nx\n', '_layouts/default.html': '{{ page.title }}' });
    writeFileSync(path.join(where.source, '_config.yml'), 'defaults: [{scope: {path: ""}, values: {layout: default}}]\n');
    const result = await build(where);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("_posts/2024-01-15-a.md:3:1: the key 'title' appears twice");
    expect(readFileSync(path.join(where.out, '2024/01/15/a.html'), 'utf8')).toBe('Andra');
  });
});

describe('our theme', () => {
  it('escapes a post title that holds markup, on the post and on every page that lists it', async () => {
    const where = site({});
    for (const name of ['_config.yml', '_layouts', '_includes', '_data', 'index.html', 'kategorier.html']) {
      rmSync(path.join(where.source, name), { recursive: true, force: true });
      cpSync(path.join(repoRoot, name), path.join(where.source, name), { recursive: true });
    }
    mkdirSync(path.join(where.source, '_posts'));
    writeFileSync(
      path.join(where.source, '_posts/2024-05-05-xss.md'),
      '---\nlayout: post\ntitle: "</title><script>alert(1)</script>"\ndescription: "<b>fet</b>"\ntags: ["<i>Vård</i>"]\n---\nText.\n',
    );
    const result = await build(where);
    expect(result.code).toBe(0);
    const pages = ['index.html', '2024/05/05/xss.html', 'kategorier.html'].map((page) => readFileSync(path.join(where.out, page), 'utf8'));
    for (const html of pages) expect(html).not.toMatch(/<script>alert|<b>fet|<i>Vård/);
    expect(pages[1]).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

/** The id of a process that has exited (so no longer runs). */
function exitedPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '0']);
    child.on('exit', () => resolve(child.pid!));
  });
}

async function waitFor(condition: () => boolean, timeout: number): Promise<void> {
  const until = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
