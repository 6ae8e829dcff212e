import { describe, expect, it } from 'vitest';
import { createGfmHeaderIdGenerator } from '../../src/markdown/gfm-header-id.ts';
import { createMarkdownProcessor } from '../../src/markdown/create-markdown-processor.ts';

describe('createGfmHeaderIdGenerator (kramdown-parser-gfm generate_gfm_header_id)', () => {
  it('keeps Swedish letters, turns every space into a dash and drops punctuation', () => {
    const id = createGfmHeaderIdGenerator();
    expect(id('3R - Skåne, Stockholm och Västra Götaland')).toBe('3r---skåne-stockholm-och-västra-götaland');
    expect(id('Hur har journalsystemen i Sverige upphandlats?')).toBe('hur-har-journalsystemen-i-sverige-upphandlats');
    expect(id('Tab\tand  two')).toBe('tab-and--two');
  });

  it('numbers duplicates per generator, without counting the prefix', () => {
    const id = createGfmHeaderIdGenerator('p-');
    expect([id('Hej'), id('Hej'), id('Hej')]).toEqual(['p-hej', 'p-hej-1', 'p-hej-2']);
    expect(createGfmHeaderIdGenerator()('Hej')).toBe('hej');
  });

  it('gives an empty id to a header without word characters', () => {
    expect(createGfmHeaderIdGenerator()('!!!')).toBe('');
  });
});

describe('header ids in rendered Markdown', () => {
  const render = (markdown: string) => createMarkdownProcessor().render(markdown);

  it('uses the converted text: smart quotes and dashes vanish, code text stays', () => {
    expect(render('## "Citat" -- `kod` och [länk](x)')).toContain('id="citat--kod-och-länk"');
  });

  it('restarts the duplicate counter on every render', () => {
    const processor = createMarkdownProcessor();
    expect(processor.render('## A\n\n## A')).toContain('id="a-1"');
    expect(processor.render('## A')).toBe(processor.render('## A'));
    expect(processor.render('## A')).not.toContain('a-1');
  });

  it('honours auto_ids and auto_id_prefix', () => {
    expect(createMarkdownProcessor({ auto_ids: false }).render('## A')).not.toContain('id=');
    expect(createMarkdownProcessor({ auto_id_prefix: 'x-' }).render('## A')).toContain('id="x-a"');
  });
});
