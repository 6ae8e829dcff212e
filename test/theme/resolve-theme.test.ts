/**
 * Finding `theme: NAME` and trusting no more than the theme's own folder.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildError } from '../../src/errors.ts';
import { resolveTheme } from '../../src/theme/resolve-theme.ts';
import { listThemeFiles } from '../../src/theme/list-theme-files.ts';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tryck-theme-'));
  scratch.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const noGems = { gemHomes: [], askGem: false, file: '_config.yml' };

function thrown(run: () => unknown): BuildError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuildError);
    return error as BuildError;
  }
  throw new Error('expected a BuildError');
}

describe('resolveTheme', () => {
  it('finds jekyll-theme-NAME in the site’s node_modules', () => {
    const root = tree({ 'site/node_modules/jekyll-theme-vard/_layouts/default.html': 'x', 'site/node_modules/jekyll-theme-vard/_sass/_a.scss': '' });
    const resolved = resolveTheme({ ...noGems, name: 'Vard ', source: path.join(root, 'site') });
    expect(resolved?.theme.name).toBe('vard');
    expect(resolved?.theme.root).toBe(path.join(root, 'site/node_modules/jekyll-theme-vard'));
    expect(resolved?.theme.layoutsDir).toBe(path.join(root, 'site/node_modules/jekyll-theme-vard/_layouts'));
    expect(resolved?.theme.includesDir).toBeUndefined();
  });

  it('finds the newest installed gem and the plugins its gemspec needs', () => {
    const root = tree({
      'gems/gems/vard-1.9.0/_layouts/default.html': 'old',
      'gems/gems/vard-1.10.0/_layouts/default.html': 'new',
      'gems/gems/vardkontakt-9.0.0/_layouts/default.html': 'another gem',
      'gems/specifications/vard-1.10.0.gemspec': 's.add_runtime_dependency(%q<jekyll-feed>.freeze, ["~> 0.9"])\n',
      'site/index.html': '',
    });
    const resolved = resolveTheme({ ...noGems, gemHomes: [path.join(root, 'gems')], name: 'vard', source: path.join(root, 'site') });
    expect(resolved?.theme.root).toBe(path.join(root, 'gems/gems/vard-1.10.0'));
    expect(resolved?.theme.foundIn).toBe('gem vard 1.10.0');
    expect(resolved?.dependencies).toEqual(['jekyll-feed']);
  });

  it('says where it looked and how to install a theme it cannot find', () => {
    const root = tree({ 'site/index.html': '' });
    const error = thrown(() => resolveTheme({ ...noGems, gemHomes: ['/opt/gems'], name: 'saknas', source: path.join(root, 'site') }));
    expect(error.message).toBe("The theme 'saknas' could not be found.");
    expect(error.file).toBe('_config.yml');
    expect(error.hint).toContain('node_modules/jekyll-theme-saknas');
    expect(error.hint).toContain('/opt/gems/gems/saknas-*');
    expect(error.hint).toContain('npm install jekyll-theme-saknas');
    expect(error.hint).toContain('gem install saknas');
  });

  it('explains remote_theme and how to use a local copy', () => {
    const error = thrown(() => resolveTheme({ ...noGems, name: undefined, remoteTheme: 'pages-themes/cayman@v0.2.0', source: '/tmp' }));
    expect(error.message).toContain('remote_theme: pages-themes/cayman@v0.2.0 is not supported');
    expect(error.hint).toContain('git clone https://github.com/pages-themes/cayman _themes/cayman');
    expect(error.hint).toContain('theme_dir: _themes/cayman');
  });

  it('takes theme_dir from _config.yml only inside the site, --theme-dir anywhere', () => {
    const root = tree({ 'site/_themes/egen/_layouts/default.html': '', 'elsewhere/_layouts/default.html': '' });
    const source = path.join(root, 'site');
    expect(resolveTheme({ ...noGems, name: undefined, configThemeDir: '_themes/egen', source })?.theme.name).toBe('egen');
    expect(thrown(() => resolveTheme({ ...noGems, name: undefined, configThemeDir: '../elsewhere', source })).message).toContain('is outside the site');
    expect(resolveTheme({ ...noGems, name: 'x', themeDir: path.join(root, 'elsewhere'), source })?.theme.root).toBe(path.join(root, 'elsewhere'));
  });

  it('refuses a theme name that is a path', () => {
    expect(thrown(() => resolveTheme({ ...noGems, name: '../../etc', source: '/tmp' })).message).toContain('is not a theme name');
  });

  it('does not follow a theme folder or file that symlinks out of the theme', () => {
    const root = tree({
      'secrets/_layouts/default.html': 'secret layout',
      'secrets/token.html': 'secret',
      'theme/_includes/ok.html': 'ok',
      'theme/_includes/inner/target.html': 'inside',
      'site/index.html': '',
    });
    symlinkSync(path.join(root, 'secrets/_layouts'), path.join(root, 'theme/_layouts'));
    symlinkSync(path.join(root, 'secrets/token.html'), path.join(root, 'theme/_includes/token.html'));
    symlinkSync(path.join(root, 'theme/_includes/inner/target.html'), path.join(root, 'theme/_includes/link.html'));
    const { theme } = resolveTheme({ ...noGems, name: 't', themeDir: path.join(root, 'theme'), source: path.join(root, 'site') })!;
    expect(theme.layoutsDir).toBeUndefined();
    const warnings: string[] = [];
    const names = listThemeFiles(theme, theme.includesDir, warnings, 'inside').map((file) => file.inFolder).sort();
    expect(names).toEqual(['inner/target.html', 'link.html', 'ok.html']);
    expect(warnings).toEqual([expect.stringContaining('token.html, a symlink that leads outside the theme')]);
    // Assets: no symlink at all, as ThemeAssetsReader.
    expect(listThemeFiles(theme, theme.includesDir, [], 'never').map((file) => file.inFolder).sort()).toEqual(['inner/target.html', 'ok.html']);
  });
});
