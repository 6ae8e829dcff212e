/**
 * The speed patches the bundle applies to dependencies (bin/dependency-patches.js) still fit the
 * installed versions, and the patched code converts Markdown to exactly the HTML the published code
 * gives.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module without types
import { DEPENDENCY_PATCHES, patchSource } from '../../bin/dependency-patches.js';
// @ts-expect-error: a plain JavaScript module without types
import { bundleSettings } from '../../bin/ensure-bundle.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { createMarkdownProcessor, type MarkdownProcessor } from '../../src/markdown/create-markdown-processor.ts';
import { planPosts, renderPost } from '../../src/bench/generate-corpus.ts';

interface Patch {
  file: RegExp;
  find: string;
  replace: string;
}

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function filesUnder(dir: string, wanted: (name: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => wanted(file) && statSync(file).isFile());
}

/** The Markdown stage bundled as `tryck` bundles it, patches included. */
async function bundledProcessor(): Promise<MarkdownProcessor> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tryck-patches-'));
  dirs.push(dir);
  await build(bundleSettings(root, { markdown: 'src/markdown/create-markdown-processor.ts' }, dir));
  const bundled = (await import(pathToFileURL(path.join(dir, 'markdown.mjs')).href)) as { createMarkdownProcessor: typeof createMarkdownProcessor };
  return bundled.createMarkdownProcessor();
}

/** The Markdown sources the patched code is compared on: every fixture, and 300 generated posts. */
function markdownSamples(): string[] {
  const fixtures = filesUnder(path.join(root, 'test/fixtures'), (file) => /\.(md|markdown)$/.test(file)).map((file) => readFileSync(file, 'utf8'));
  expect(fixtures.length).toBeGreaterThan(50);
  const plan = planPosts(300);
  return [...fixtures, ...plan.map((_, index) => renderPost(plan, index).replace(/^---\n[\s\S]*?\n---\n/, ''))];
}

/** A syntax tree with every node's position, from the patched micromark and from-markdown. */
type TreeOf = (markdown: string) => unknown;

/** The parser alone, bundled with the patches, with the GFM tables and footnotes tryck parses. */
async function bundledParser(): Promise<TreeOf> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tryck-patches-'));
  dirs.push(dir);
  const settings = bundleSettings(root, [], dir);
  delete settings.entryPoints;
  await build({
    ...settings,
    stdin: {
      contents: `import { unified } from 'unified';
import remarkParse from 'remark-parse';
        import { gfmTable } from 'micromark-extension-gfm-table';
        import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
        import { gfmFootnote } from 'micromark-extension-gfm-footnote';
        import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
        const parser = unified().use(remarkParse).data({ micromarkExtensions: [gfmTable(), gfmFootnote()], fromMarkdownExtensions: [gfmTableFromMarkdown(), gfmFootnoteFromMarkdown()] });
        export const treeOf = (markdown) => parser.parse(markdown);`,
      resolveDir: root,
      sourcefile: 'parser.js',
    },
  });
  const [bundle] = readdirSync(dir);
  return ((await import(pathToFileURL(path.join(dir, bundle)).href)) as { treeOf: TreeOf }).treeOf;
}

describe('the dependency patches', () => {
  it('each fit exactly one installed file', () => {
    const installed = filesUnder(path.join(root, 'node_modules'), (file) => file.endsWith('.js'));
    for (const patch of DEPENDENCY_PATCHES as Patch[]) {
      const targets = installed.filter((file) => patch.file.test(file));
      expect(targets, `${patch.file}: the file it is for`).toHaveLength(1);
      const { source, missed } = patchSource(targets[0], readFileSync(targets[0], 'utf8'));
      expect(missed, `${targets[0]} no longer has the code the patch replaces: look at it again`).toEqual([]);
      // Only the first match is replaced: a piece found twice may patch the wrong place.
      expect(readFileSync(targets[0], 'utf8').split(patch.find).length - 1, `${patch.find}: found once in ${targets[0]}`).toBe(1);
      expect(source).toContain(patch.replace);
    }
  });

  it('give the same HTML as the published code, for every Markdown fixture and 300 generated posts', async () => {
    const patched = await bundledProcessor();
    const published = createMarkdownProcessor();
    const samples = markdownSamples();
    let compared = 0;
    for (const markdown of samples) {
      expect(patched.render(markdown)).toBe(published.render(markdown));
      compared += 1;
    }
    expect(compared).toBe(samples.length);
  });

  it('give the same syntax tree, every position included, for every Markdown fixture and 300 generated posts', async () => {
    // The HTML alone would not show a column or offset counted wrong by the tokenizer's patches.
    const patched = await bundledParser();
    const parser = unified().use(remarkParse).data({ micromarkExtensions: [gfmTable(), gfmFootnote()], fromMarkdownExtensions: [gfmTableFromMarkdown(), gfmFootnoteFromMarkdown()] });
    const published: TreeOf = (markdown) => parser.parse(markdown);
    // Tabs and CRLF line endings, which the tokenizer keeps as codes of their own, inside and around text.
    const edgeCases = ['a\tb *c*\td\r\ne\rf\n', '| a\t| b |\n|---|---|\n| c\\| | *d* e |\n', '\u0000x `y`\n\n> q\n> r [^1]\n\n[^1]: n\n'];
    for (const markdown of [...markdownSamples(), ...edgeCases]) expect(patched(markdown)).toEqual(published(markdown));
  });

  it('keep esprima out of a bundle that parses front matter, which still reads YAML as before', async () => {
    // Inside the package, as dist/ is, so that a require the bundle makes finds node_modules.
    const dir = mkdtempSync(path.join(root, '.dist-test-'));
    dirs.push(dir);
    await build(bundleSettings(root, { 'front-matter': 'src/sources/front-matter.ts' }, dir, 'cjs'));
    const require = createRequire(path.join(dir, 'front-matter.cjs'));
    const loadedBefore = Object.keys(require.cache).filter((file) => file.includes(`${path.sep}esprima${path.sep}`));
    const bundled = require(path.join(dir, 'front-matter.cjs')) as { parseFrontMatter: typeof import('../../src/sources/front-matter.ts').parseFrontMatter };
    expect(Object.keys(require.cache).filter((file) => file.includes(`${path.sep}esprima${path.sep}`))).toEqual(loadedBefore);
    const parsed = bundled.parseFrontMatter('---\ntitle: "Hej: världen"\ndate: 2022-06-16\ntags: [a, b]\n---\nText\n', 'a.md', 'Europe/Stockholm');
    expect(parsed.data.title).toBe('Hej: världen');
    expect(String(parsed.data.date)).toBe('2022-06-16');
    expect(parsed.body).toBe('Text\n');
  });
});
