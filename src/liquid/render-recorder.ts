/**
 * What a document's rendering read beyond its own source, so the page cache knows when its output
 * can be reused: whether it read the site's lists of posts and pages (the corpus), which values it
 * derived from the build time, and whether it did anything that cannot be repeated (random numbers,
 * files outside the site's templates, the build time in raw form).
 *
 * The recorder rides in the Liquid scope under a symbol, where filters and tags find it; `site` is
 * seen through a proxy that notes reads of the corpus keys and hands out the build time as a
 * TrackedTime, which notes any use other than a date filter's.
 */
import { JekyllTime } from '../sources/jekyll-time.ts';
type Payload = Record<string, unknown>;

/** The scope key the recorder is kept under; a symbol, so no template can read or shadow it. */
export const RECORDER = Symbol('tryck:render-recorder');

/** A date filter applied to the build time, and what it gave: still true if it gives the same again. */
export interface TimeFact {
  filter: string;
  /** 'time' for site.time, or the string given ('now', 'today'). */
  input: string;
  args: Array<string | number | boolean | null>;
  result: string;
}

/** The `site` keys that list other documents: reading any of them ties the output to all of them. */
const CORPUS_KEYS = new Set(['posts', 'pages', 'html_pages', 'documents', 'collections', 'static_files', 'related_posts']);
/**
 * The `site` keys that group posts by name: reading one group (`site.tags[page.tag]`) ties the output
 * to that group's posts only; listing the names ties it to all of them.
 */
const GROUP_KEYS = new Set(['tags', 'categories']);

/** The recorder of the render in progress, for reads that Liquid's scope does not see. */
let active: RenderRecorder | undefined;

export class RenderRecorder {
  /** Read the site's posts, pages, tags, categories or static files. */
  corpus = false;
  /**
   * Read another document's converted content (not its excerpt): a listing that did is tied to
   * every listed document's body, not only to what a listing shows of it.
   */
  readsContent = false;
  /** Read `page.previous` or `page.next`. */
  neighbours = false;
  /** Why the output cannot be reused, if it cannot. */
  volatile: string | undefined;
  readonly timeFacts: TimeFact[] = [];
  /** Groups read one by one, as `tags\u0000<name>` or `categories\u0000<name>`. */
  readonly groups = new Set<string>();
  private site: Payload | undefined;
  private page: Payload | undefined;
  private pageProxy: Payload | undefined;
  private readonly groupViews = new Map<string, Payload>();
  private siteView: Payload | undefined;
  private time: TrackedTime | undefined;

  /** `collections`: the labels of the site's other collections, whose `site.NAME` lists documents too. */
  constructor(private readonly collections: ReadonlySet<string> = new Set()) {}

  readCorpus(): void {
    this.corpus = true;
  }

  /** Runs a render whose reads of other documents' content are noted by `recorder`. */
  static during<T>(recorder: RenderRecorder | undefined, render: () => T): T {
    const previous = active;
    active = recorder;
    try {
      return render();
    } finally {
      active = previous;
    }
  }

  /** Called where a value that depends on the build time is handed out outside `site.time`. */
  static noteVolatileRead(reason: string): void {
    active?.markVolatile(reason);
  }

  /** Called where another document's converted content is handed out. */
  static noteContentRead(): void {
    if (active) active.readsContent = true;
  }

  markVolatile(reason: string): void {
    this.volatile ??= reason;
  }

  recordTimeFact(fact: TimeFact): void {
    this.timeFacts.push(fact);
  }

  /** The recorder's state now, and a way back to it, for a render that is abandoned and done again. */
  checkpoint(): () => void {
    const { corpus, neighbours, volatile, readsContent } = this;
    const facts = this.timeFacts.length;
    const groups = [...this.groups];
    return () => {
      this.corpus = corpus;
      this.readsContent = readsContent;
      this.neighbours = neighbours;
      this.volatile = volatile;
      this.timeFacts.length = facts;
      this.groups.clear();
      for (const group of groups) this.groups.add(group);
    };
  }

  /** True once anything that makes the output depend on more than its inputs' contents was seen. */
  get timeDependent(): boolean {
    return this.volatile !== undefined || this.timeFacts.length > 0;
  }

  /** True once the output read other documents: the site's lists, a tag's posts, or its neighbours. */
  get readsOthers(): boolean {
    return this.corpus || this.neighbours || this.groups.size > 0;
  }

  /** `page` as this document's templates see it: reads of its neighbours are noted. */
  pageView(page: Payload): Payload {
    if (this.page === page && this.pageProxy) return this.pageProxy;
    const recorder = this;
    this.page = page;
    this.pageProxy = new Proxy(page, {
      get(target, key, receiver) {
        if (key === 'next' || key === 'previous') recorder.neighbours = true;
        // An archive page's own list of posts (jekyll-archives) ties it to them as site.posts would.
        else if (key === 'posts') recorder.corpus = true;
        return Reflect.get(target, key, receiver);
      },
    });
    return this.pageProxy;
  }

  /** `site` as this document's templates see it: the same values, with reads noted. */
  view(site: Payload): Payload {
    if (this.site === site && this.siteView) return this.siteView;
    const recorder = this;
    this.site = site;
    this.groupViews.clear();
    this.siteView = new Proxy(site, {
      get(target, key, receiver) {
        if (typeof key === 'string') {
          if (CORPUS_KEYS.has(key) || recorder.collections.has(key)) recorder.corpus = true;
          else if (GROUP_KEYS.has(key)) return recorder.groupView(key, Reflect.get(target, key, receiver));
          else if (key === 'time') {
            const time = Reflect.get(target, key, receiver);
            if (time instanceof JekyllTime) return (recorder.time ??= new TrackedTime(time, recorder));
            return time;
          }
        }
        return Reflect.get(target, key, receiver);
      },
      ownKeys(target) {
        // Listing every key (jsonify, a loop over site) reads the lists too.
        recorder.corpus = true;
        return Reflect.ownKeys(target);
      },
    });
    return this.siteView;
  }

  /** `site.tags` or `site.categories`, noting which groups are read. */
  private groupView(kind: string, groups: unknown): unknown {
    if (groups === null || typeof groups !== 'object') return groups;
    let view = this.groupViews.get(kind);
    if (!view) {
      const recorder = this;
      const read = (name: string | symbol): void => {
        if (typeof name === 'string') recorder.groups.add(`${kind}\u0000${name}`);
      };
      view = new Proxy(groups as Payload, {
        get(target, name, receiver) {
          read(name);
          return Reflect.get(target, name, receiver);
        },
        has(target, name) {
          read(name);
          return Reflect.has(target, name);
        },
        getOwnPropertyDescriptor(target, name) {
          read(name);
          return Reflect.getOwnPropertyDescriptor(target, name);
        },
        ownKeys(target) {
          // Listing the names (a loop over site.tags) reads every group.
          recorder.corpus = true;
          return Reflect.ownKeys(target);
        },
      });
      this.groupViews.set(kind, view);
    }
    return view;
  }
}

/**
 * `site.time` as one document sees it. The date filters read it through `untracked` and record what
 * they made of it; any other use (printing it, comparing it, another filter) makes the page volatile.
 */
export class TrackedTime extends JekyllTime {
  constructor(
    readonly untracked: JekyllTime,
    private readonly recorder: RenderRecorder,
  ) {
    super(untracked.getTime(), untracked.timeZone);
  }

  private touched(): void {
    this.recorder.markVolatile('uses the build time (site.time) other than through a date filter');
  }

  override getTime(): number {
    this.touched();
    return super.getTime();
  }

  override valueOf(): number {
    this.touched();
    return super.valueOf();
  }

  override toString(): string {
    this.touched();
    return super.toString();
  }

  override toJSON(): string {
    this.touched();
    return super.toJSON();
  }

  override toISOString(): string {
    this.touched();
    return super.toISOString();
  }
}

/** The recorder of the render a filter or tag runs in, if the page cache is recording it. */
export function recorderIn(environments: unknown): RenderRecorder | undefined {
  if (environments === null || typeof environments !== 'object') return undefined;
  const recorder = (environments as Record<symbol, unknown>)[RECORDER];
  return recorder instanceof RenderRecorder ? recorder : undefined;
}
