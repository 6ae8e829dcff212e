/**
 * The keys converted Markdown is cached under: remembered per text, but never shared between
 * kramdown settings, so a watcher whose _config.yml changes its kramdown options converts again.
 */
import { describe, expect, it } from 'vitest';
import { MarkdownKeys, markdownCacheKey } from '../../src/markdown/cached-markdown-processor.ts';

describe('MarkdownKeys', () => {
  it('gives a text the key of its content and options, however often and from whichever copy it is asked', () => {
    const keys = new MarkdownKeys();
    const text = 'Journalen *i* Region Gävleborg.\n';
    const copy = [...text].join('');
    expect(keys.keyOf('a', text)).toBe(markdownCacheKey('a', text));
    expect(keys.keyOf('a', copy)).toBe(markdownCacheKey('a', text));
    expect(keys.keyOf('a', text + ' ')).not.toBe(keys.keyOf('a', text));
  });

  it('gives other options another key, and the first ones theirs again', () => {
    const keys = new MarkdownKeys();
    const text = '"Citat" -- och mer.\n';
    const first = keys.keyOf('{"smart_quotes":"lsquo"}', text);
    const second = keys.keyOf('{"smart_quotes":"apos"}', text);
    expect(second).not.toBe(first);
    expect(second).toBe(markdownCacheKey('{"smart_quotes":"apos"}', text));
    expect(keys.keyOf('{"smart_quotes":"lsquo"}', text)).toBe(first);
  });

  it('keeps the keys through a generation and gives the same ones after two', () => {
    const keys = new MarkdownKeys();
    const text = 'Upphandling av journalsystem.\n';
    const key = keys.keyOf('s', text);
    keys.nextGeneration();
    expect(keys.keyOf('s', text)).toBe(key);
    keys.nextGeneration();
    keys.nextGeneration();
    expect(keys.keyOf('s', text)).toBe(key);
  });
});
