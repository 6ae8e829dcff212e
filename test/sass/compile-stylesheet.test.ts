/**
 * Stylesheet pages as a build sees them: compile errors are BuildErrors that point into the file,
 * and imports cannot reach outside the site.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planSite } from '../../src/build.ts';
import { BuildError } from '../../src/errors.ts';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function site(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-sass-'));
  scratch.push(root);
  const source = path.join(root, 'site');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(source, name)), { recursive: true });
    writeFileSync(path.join(source, name), text);
  }
  return source;
}

async function buildError(source: string): Promise<BuildError> {
  const error = await planSite({ source, workers: false }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

describe('Sass stylesheet pages', () => {
  it('reports a syntax error in the page with its line in the file and its column', async () => {
    const source = site({
      '_config.yml': 'title: Journal\n',
      'assets/main.scss': '---\ntitle: stil\n---\n.journal {\n  color: #005b96;\n  @include ;\n}\n',
    });
    const error = await buildError(source);
    expect(error.file).toBe('assets/main.scss');
    expect(error.line).toBe(6);
    expect(error.column).toBe(12);
    expect(error.message).toBe('Sass: Expected identifier.');
    expect(error.excerpt).toContain('@include ;');
  });

  it('reports an error in a partial against the partial', async () => {
    const source = site({
      'assets/main.scss': '---\n---\n@import "recept";\n',
      '_sass/_recept.scss': '.recept {\n  color: $saknas;\n}\n',
    });
    const error = await buildError(source);
    expect(error.file).toBe('_sass/_recept.scss');
    expect(error.line).toBe(2);
    expect(error.column).toBe(10);
    expect(error.message).toContain('Undefined variable');
  });

  it('says where it looked for an import it cannot find', async () => {
    const source = site({ 'assets/main.scss': '---\n---\n@import "saknas";\n', '_sass/_annat.scss': '' });
    const error = await buildError(source);
    expect(error.message).toContain("Can't find stylesheet to import");
    expect(error.hint).toBe('Imports are looked up in _sass.');
  });

  it('does not read a file outside the site through a relative import', async () => {
    const source = site({ 'assets/main.scss': '---\n---\n@import "../../hemlig";\n' });
    writeFileSync(path.join(path.dirname(source), '_hemlig.scss'), '.hemlig { color: red; }\n');
    const error = await buildError(source);
    expect(error.message).toMatch(/outside the site/);
  });

  it('refuses a load path outside the site, as Jekyll in safe mode', async () => {
    const source = site({ '_config.yml': 'sass:\n  load_paths: ["../../etc"]\n', 'assets/main.scss': '---\n---\nb { c: d }\n' });
    const error = await buildError(source);
    expect(error.message).toContain("The Sass load path '../../etc' is outside the site.");
  });

  it('leaves a stylesheet without front matter as a static file and never puts a stylesheet in a layout', async () => {
    const source = site({
      '_config.yml': 'defaults:\n  - scope: { path: "" }\n    values: { layout: sida }\n',
      '_layouts/sida.html': '<main>{{ content }}</main>',
      'assets/main.scss': '---\n---\n$f: #005b96;\na { color: $f; }\n',
      'assets/raw.scss': 'a { color: $f; }\n',
    });
    const plan = await planSite({ source, workers: false, keepOutputs: true, onPage: undefined });
    const css = plan.rendered.find((page) => page.document.relativePath === 'assets/main.scss');
    expect(css?.document.outputPath).toBe('assets/main.css');
    expect(css?.output).toBe('a {\n  color: #005b96;\n}\n\n/*# sourceMappingURL=main.css.map */');
    expect(plan.generated.map((file) => file.outputPath)).toContain('assets/main.css.map');
    expect(plan.sources.staticFiles.map((file) => file.relativePath)).toEqual(['assets/raw.scss']);
  });

  it('writes no source map with sourcemap: never, nor with development outside development', async () => {
    const css = async (config: string, environment: string): Promise<{ output?: string; maps: string[] }> => {
      const source = site({ '_config.yml': config, 'assets/main.scss': '---\n---\na { b: c; }\n' });
      const saved = process.env.JEKYLL_ENV;
      process.env.JEKYLL_ENV = environment;
      try {
        const plan = await planSite({ source, workers: false, keepOutputs: true });
        return { output: plan.rendered[0]?.output, maps: plan.generated.map((file) => file.outputPath).filter((file) => file.endsWith('.map')) };
      } finally {
        if (saved === undefined) delete process.env.JEKYLL_ENV;
        else process.env.JEKYLL_ENV = saved;
      }
    };
    expect(await css('sass:\n  sourcemap: never\n', 'development')).toEqual({ output: 'a {\n  b: c;\n}\n', maps: [] });
    expect(await css('sass:\n  sourcemap: development\n', 'production')).toEqual({ output: 'a {\n  b: c;\n}\n', maps: [] });
    expect((await css('sass:\n  sourcemap: development\n', 'development')).maps).toEqual(['assets/main.css.map']);
  });
});
