/**
 * jekyll-include-cache 0.2: `{% include_cached file.html key=value %}` renders as `{% include %}`,
 * once per build for each file and set of parameters; later uses get the first output. (Its quirk,
 * kept: an include that reads `page` shows the first page's values wherever it is cached.)
 */
import { evalToken, type Context, type Emitter, type Liquid } from 'liquidjs';
import { DEPENDENCIES_REGISTER, type RenderDependencies } from '../liquid/include-tag.ts';
import { recorderIn, type RenderRecorder, type TimeFact } from '../liquid/render-recorder.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';

export const jekyllIncludeCache: JekyllPlugin = {
  name: 'jekyll-include-cache',
  tags: ['include_cached'],
  liquid(liquid) {
    liquid.registerTag('include_cached', createIncludeCachedTag(liquid));
  },
};

interface IncludeInternals {
  file: unknown;
  hash: { render(ctx: Context): Generator<unknown, Record<string, unknown>, unknown> };
}

type TagClass = Liquid['tags'][string];
type RenderMethod = (this: unknown, ctx: Context, emitter: Emitter) => Generator<unknown, unknown, unknown>;

function createIncludeCachedTag(liquid: Liquid): TagClass {
  const Include = liquid.tags.include;
  // What each (file, parameters) wrote, as the values written, replayed on a hit, and what its first
  // render read, so the page cache ties every page that shows it to the same inputs.
  const cache = new Map<string, { written: unknown[]; reads: RecordedReads | undefined }>();
  // Parameters that are objects (a page, a list) count by identity, as the gem hashes Drops by object id.
  const identities = new WeakMap<object, number>();
  let identified = 0;
  const identify = (value: object): number => {
    let id = identities.get(value);
    if (id === undefined) identities.set(value, (id = ++identified));
    return id;
  };
  const renderInclude = Include.prototype.render as RenderMethod;
  const describe = (value: unknown): string =>
    typeof value === 'object' && value !== null ? `#${identify(value)}` : typeof value === 'function' ? '' : JSON.stringify(value ?? null);

  return class IncludeCachedTag extends Include {
    override *render(ctx: Context, emitter: Emitter): Generator<unknown, unknown, unknown> {
      const self = this as unknown as IncludeInternals;
      const file = self.file;
      let name: string;
      if (typeof file === 'string') name = file;
      else if (Array.isArray(file)) name = String(yield liquid.renderer.renderTemplates(file, ctx));
      else name = String(yield evalToken(file as Parameters<typeof evalToken>[0], ctx));
      const params = (yield self.hash.render(ctx)) as Record<string, unknown>;
      const key = `${name.trim()}\u0000${Object.keys(params)
        .sort()
        .map((param) => `${param}=${describe(params[param])}`)
        .join('\u0000')}`;
      const recorder = recorderIn(ctx.environments);
      let entry = cache.get(key);
      if (entry === undefined) {
        const written: unknown[] = [];
        const capture: Emitter = { buffer: '', write: (html: unknown) => written.push(html) };
        const before = recorder && noteReads(recorder);
        yield renderInclude.call(this, ctx, capture);
        entry = { written, reads: recorder && before && readsSince(before, noteReads(recorder)) };
        cache.set(key, entry);
      } else {
        // The include is still one this page uses, for the watcher's record of what to rebuild.
        ctx.getRegister<RenderDependencies>(DEPENDENCIES_REGISTER, { includes: new Set() }).includes.add(name.trim());
        if (recorder) replayReads(recorder, entry.reads);
      }
      for (const html of entry.written) emitter.write(html);
      return undefined;
    }
  };
}

/** What a render read beyond its own inputs, as the page cache's recorder notes it. */
interface RecordedReads {
  corpus: boolean;
  readsContent: boolean;
  neighbours: boolean;
  volatile: string | undefined;
  timeFacts: TimeFact[];
  groups: string[];
}

function noteReads(recorder: RenderRecorder): RecordedReads {
  const { corpus, readsContent, neighbours, volatile } = recorder;
  return { corpus, readsContent, neighbours, volatile, timeFacts: [...recorder.timeFacts], groups: [...recorder.groups] };
}

function readsSince(before: RecordedReads, after: RecordedReads): RecordedReads {
  return {
    corpus: after.corpus && !before.corpus,
    readsContent: after.readsContent && !before.readsContent,
    neighbours: after.neighbours && !before.neighbours,
    volatile: before.volatile === undefined ? after.volatile : undefined,
    timeFacts: after.timeFacts.slice(before.timeFacts.length),
    groups: after.groups.filter((group) => !before.groups.includes(group)),
  };
}

/** A cached output counts as read again; unknown reads (its first render was not recorded) make the page unreusable. */
function replayReads(recorder: RenderRecorder, reads: RecordedReads | undefined): void {
  if (reads === undefined) {
    recorder.markVolatile('it shows an include_cached output first rendered by a page the page cache did not record');
    return;
  }
  if (reads.corpus) recorder.corpus = true;
  if (reads.readsContent) recorder.readsContent = true;
  if (reads.neighbours) recorder.neighbours = true;
  if (reads.volatile !== undefined) recorder.markVolatile(reads.volatile);
  for (const fact of reads.timeFacts) recorder.recordTimeFact(fact);
  for (const group of reads.groups) recorder.groups.add(group);
}
