import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { createHighlightTag, renderHighlightBlock } from '../../src/liquid/tags/highlight-tag.ts';

function engine(): Liquid {
  const liquid = new Liquid();
  liquid.registerTag('highlight', createHighlightTag());
  return liquid;
}

const render = (template: string, scope: Record<string, unknown> = {}): Promise<string> => engine().parseAndRender(template, scope);

describe('{% highlight %}', () => {
  // Jekyll 4.3.1's output for these, from a site built with the `jekyll` command.
  it('renders the figure Jekyll makes, after rendering the Liquid inside', async () => {
    const html = await render('{% assign who = "världen" %}{% highlight Ruby %}\ndef hej\n  puts "{{ who }}"\nend\n{% endhighlight %}');
    expect(html).toBe(
      '<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby"><span class="k">def</span> <span class="nf">hej</span>\n' +
        '  <span class="nb">puts</span> <span class="s2">"världen"</span>\n' +
        '<span class="k">end</span></code></pre></figure>',
    );
  });

  it('puts the code in Rouge’s line number table with linenos', async () => {
    const html = await render('{% highlight js linenos %}\nconst a = 1 < 2;\n// comment\n{% endhighlight %}');
    expect(html).toBe(
      '<figure class="highlight"><pre><code class="language-js" data-lang="js"><table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1\n2\n' +
        '</pre></td><td class="code"><pre><span class="kd">const</span> <span class="nx">a</span> <span class="o">=</span> <span class="mi">1</span> <span class="o">&lt;</span> <span class="mi">2</span><span class="p">;</span>\n' +
        '<span class="c1">// comment</span>\n' +
        '</pre></td></tr></tbody></table></code></pre></figure>',
    );
  });

  it('escapes the code of a language without a lexer and keeps it whole', async () => {
    expect(await render('{% highlight nosuchlang %}\na < b & "c"\n{% endhighlight %}')).toBe(
      '<figure class="highlight"><pre><code class="language-nosuchlang" data-lang="nosuchlang">a &lt; b &amp; "c"</code></pre></figure>',
    );
  });

  it('turns + into - in the class only (c++)', async () => {
    expect(await render('{% highlight c++ %}int x;{% endhighlight %}')).toBe('<figure class="highlight"><pre><code class="language-c--" data-lang="c++">int x;</code></pre></figure>');
  });

  it('drops every leading and trailing line break, keeps inner blank lines and indentation', async () => {
    const html = await render('{% highlight text %}\n\r\n  a\n\n  b\n\n\n{% endhighlight %}');
    expect(html).toBe('<figure class="highlight"><pre><code class="language-text" data-lang="text">  a\n\n  b</code></pre></figure>');
  });

  it('accepts the option forms Jekyll accepts (linenos=table, hl_lines="1 2")', async () => {
    const html = await render('{% highlight ruby linenos=table hl_lines="1 2" %}x{% endhighlight %}');
    expect(html).toContain('<pre class="lineno">1\n</pre>');
  });

  it('numbers an empty block as one line', () => {
    expect(renderHighlightBlock('', 'ruby', { linenos: true })).toContain('<pre class="lineno">1\n</pre></td><td class="code"><pre>\n</pre>');
  });

  it('rejects markup Jekyll rejects, naming the fix', () => {
    expect(() => engine().parse('{% highlight %}x{% endhighlight %}')).toThrow(/highlight/);
    expect(() => engine().parse('{% highlight ruby linenos=1,2 %}x{% endhighlight %}')).toThrow(/Valid syntax|highlight/);
  });

  it('fails on a block that is never closed', () => {
    expect(() => engine().parse('{% highlight ruby %}x')).toThrow(/never closed|endhighlight/);
  });

  it('leaves raw Liquid in {% raw %} alone, as Jekyll does', async () => {
    expect(await render('{% highlight liquid %}{% raw %}{{ page.title }}{% endraw %}{% endhighlight %}')).toBe(
      '<figure class="highlight"><pre><code class="language-liquid" data-lang="liquid"><span class="p">{{</span><span class="w"> </span><span class="nv">page</span><span class="p">.</span><span class="nv">title</span><span class="w"> </span><span class="p">}}</span></code></pre></figure>',
    );
  });
});
