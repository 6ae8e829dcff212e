/**
 * End to end: `tryck build` (the CLI, as a child process) on a small site with a highlight tag and a
 * fenced code block gives the page Jekyll 4.3.1 built from the same source, token spans included.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { canonicalHtml } from '../support/html-tree.ts';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const scratch = mkdtempSync(path.join(tmpdir(), 'tryck-highlight-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const PAGE = `---
layout: null
---
{% assign who = "världen" %}
{% highlight Ruby %}
def hej
  puts "{{ who }}"
end
{% endhighlight %}

{% highlight js linenos %}
const a = 1 < 2;
// comment
{% endhighlight %}

{% highlight nosuchlang %}
a < b & c
{% endhighlight %}

\`\`\`js
const x = 1;

let y = 'z';
\`\`\`
`;

/** What \`jekyll build\` (4.3.1, kramdown 2.4.0, Rouge 3.30.0) wrote for PAGE. */
const JEKYLL = `
<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby"><span class="k">def</span> <span class="nf">hej</span>
  <span class="nb">puts</span> <span class="s2">"världen"</span>
<span class="k">end</span></code></pre></figure>

<figure class="highlight"><pre><code class="language-js" data-lang="js"><table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1
2
</pre></td><td class="code"><pre><span class="kd">const</span> <span class="nx">a</span> <span class="o">=</span> <span class="mi">1</span> <span class="o">&lt;</span> <span class="mi">2</span><span class="p">;</span>
<span class="c1">// comment</span>
</pre></td></tr></tbody></table></code></pre></figure>

<figure class="highlight"><pre><code class="language-nosuchlang" data-lang="nosuchlang">a &lt; b &amp; c</code></pre></figure>

<div class="language-js highlighter-rouge"><div class="highlight"><pre class="highlight"><code><span class="kd">const</span> <span class="nx">x</span> <span class="o">=</span> <span class="mi">1</span><span class="p">;</span>

<span class="kd">let</span> <span class="nx">y</span> <span class="o">=</span> <span class="dl">'</span><span class="s1">z</span><span class="dl">'</span><span class="p">;</span>
</code></pre></div></div>
`;

it('tryck build renders highlight tags and fenced code as Jekyll does', async () => {
  const source = path.join(scratch, 'site');
  const destination = path.join(scratch, 'out');
  mkdirSync(source);
  writeFileSync(path.join(source, '_config.yml'), 'title: t\nmarkdown: kramdown\n');
  writeFileSync(path.join(source, 'index.md'), PAGE);
  const result = await new Promise<{ error: Error | null; stderr: string }>((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'bin/tryck.js'), 'build', '-s', source, '-d', destination], { cwd: repoRoot }, (error, _stdout, stderr) =>
      resolve({ error, stderr }),
    );
  });
  expect(result.error, result.stderr).toBeNull();
  const html = readFileSync(path.join(destination, 'index.html'), 'utf8');
  expect(canonicalHtml(html)).toBe(canonicalHtml(JEKYLL));
}, 30_000);
