/**
 * Markdown conversion is a pure function of its text, so its result can be kept: a watcher keeps one
 * cache across rebuilds and converts only text that changed since the last build.
 */
import { hash } from 'node:crypto';
import type { MarkdownProcessor } from './create-markdown-processor.ts';

/** Conversions by key (MarkdownKeys.keyOf). */
export interface MarkdownCache {
  get(key: string): string | undefined;
  /** Whether `get` would hit, without counting it as a use. */
  has(key: string): boolean;
  set(key: string, html: string): void;
}

/**
 * The keys conversions are kept under: a SHA-256 of the processor's options (`scope`) and the text.
 * A build asks for a text's key several times (offered to the workers, stored, read, recorded for
 * its page) and hashing 6 KB costs about 20 µs, so each text's key is remembered, by the string
 * itself. A one-shot build forgets a text once its page has its content; a watcher keeps one
 * generation of them across rebuilds, as its cache does.
 */
export class MarkdownKeys {
  private previous = new Map<string, { scope: string; key: string }>();
  private current = new Map<string, { scope: string; key: string }>();

  keyOf(scope: string, markdown: string): string {
    let known = this.current.get(markdown);
    if (known === undefined) {
      known = this.previous.get(markdown);
      if (known !== undefined) this.current.set(markdown, known);
    }
    if (known?.scope === scope) return known.key;
    const key = markdownCacheKey(scope, markdown);
    this.current.set(markdown, { scope, key });
    return key;
  }

  /** Forgets texts no one will ask about again, so they need not be held. */
  forget(...markdowns: string[]): void {
    for (const markdown of markdowns) this.current.delete(markdown);
  }

  /** Call after each build: texts it did not convert are forgotten at the next one. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** The key a conversion of `markdown` is kept under, for processors with options `scope`. */
export function markdownCacheKey(scope: string, markdown: string): string {
  return hash('sha256', `${scope}\u0000${markdown}`, 'base64url');
}

/** `scope` separates processors with different options (e.g. kramdown settings) sharing one cache. */
export function withMarkdownCache(processor: MarkdownProcessor, cache: MarkdownCache, keys: MarkdownKeys, scope: string): MarkdownProcessor {
  return {
    render(markdown) {
      const key = keys.keyOf(scope, markdown);
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const html = processor.render(markdown);
      cache.set(key, html);
      return html;
    },
  };
}

/** A cache for one build only, so texts converted in parallel beforehand are not converted again. */
export class BuildMarkdownCache implements MarkdownCache {
  private readonly entries = new Map<string, string>();
  get(key: string): string | undefined {
    return this.entries.get(key);
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  set(key: string, html: string): void {
    this.entries.set(key, html);
  }
}
