/**
 * A bench run that fails says why: the line of its error output that names the error, not the last
 * lines of a backtrace.
 */
import { describe, expect, it } from 'vitest';
import { failureReason, runMeasured } from '../../src/bench/measure-process.ts';

const JEKYLL_WITHOUT_SITEMAP = [
  'Configuration file: /tmp/corpus/_config.yml',
  "\x1b[31m  Dependency Error: Yikes! It looks like you don't have jekyll-sitemap or one of its dependencies installed.\x1b[0m",
  '\x1b[31m                    ------------------------------------------------\x1b[0m',
  "/usr/share/rubygems-integration/all/gems/jekyll-4.3.1/lib/jekyll/external.rb:70:in `rescue in block in require_with_graceful_fail': jekyll-sitemap (Jekyll::Errors::MissingDependencyException)",
  ...Array.from({ length: 30 }, (_, i) => `\tfrom /usr/share/rubygems-integration/all/gems/jekyll-4.3.1/lib/jekyll/command.rb:${i}:in \`each'`),
  "\tfrom /usr/bin/jekyll:25:in `load'",
  "\tfrom /usr/bin/jekyll:25:in `<main>'",
].join('\n');

describe('a failed run', () => {
  it("is reported by the line that names its error, as a Ruby backtrace's cause is", () => {
    const lines = JEKYLL_WITHOUT_SITEMAP.split('\n');
    expect(failureReason(lines.slice(0, 6).join('\n'), lines.slice(-8).join('\n'))).toBe(
      "Dependency Error: Yikes! It looks like you don't have jekyll-sitemap or one of its dependencies installed.",
    );
    expect(failureReason('', 'building…\nKilled')).toBe('building… Killed');
  });

  it('carries that line from a real process', async () => {
    const script = `process.stderr.write(${JSON.stringify(JEKYLL_WITHOUT_SITEMAP)}); process.exit(1);`;
    const result = await runMeasured({ command: process.execPath, args: ['-e', script], cwd: process.cwd() });
    expect(result.code).toBe(1);
    expect(result.reason).toMatch(/^Dependency Error: .*jekyll-sitemap/);
  });
});
