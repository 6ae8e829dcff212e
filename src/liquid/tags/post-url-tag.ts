/**
 * `{% post_url 2022-06-16-upphandlingar-av-journalsystem %}` (Jekyll's Tags::PostUrl): the post's URL
 * with the baseurl, matched on its path below `_posts` (a sub-folder may precede the name).
 */
import { recorderIn } from '../render-recorder.ts';
import { Tag, type Context, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs';
import { BuildError } from '../../errors.ts';

export interface PostReference {
  relativePath: string;
  url: string;
}

const NAME = /^(.+\/)*(\d+-\d+-\d+)-(.*)$/;

/** Posts by file name without folder and extension, so a lookup never scans every post. */
const indexes = new WeakMap<readonly PostReference[], Map<string, PostReference[]>>();

function postsNamed(posts: readonly PostReference[], name: string): readonly PostReference[] {
  let index = indexes.get(posts);
  if (!index) {
    index = new Map();
    for (const post of posts) {
      const base = post.relativePath.slice(post.relativePath.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
      const named = index.get(base);
      if (named) named.push(post);
      else index.set(base, [post]);
    }
    indexes.set(posts, index);
  }
  return index.get(name) ?? [];
}

export function createPostUrlTag(posts: () => readonly PostReference[], relativeUrl: (url: string) => string) {
  return class PostUrlTag extends Tag {
    private readonly pattern: RegExp;
    private readonly postName: string;
    /** The file name the post must have; undefined for odd names, which are matched against every post. */
    private readonly fileName: string | undefined;

    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      this.postName = token.args.trim();
      const match = NAME.exec(this.postName.replace(/^\//, ''));
      if (!match) {
        throw new BuildError(`post_url: '${this.postName}' is not a post name.`, {
          file: token.file,
          hint: 'Name the post by its file name without extension, e.g. {% post_url 2022-06-16-min-post %}.',
        });
      }
      const [, folder = '', date, slug] = match;
      this.fileName = slug.includes('/') ? undefined : `${date}-${slug}`;
      const basename = `${escape(date)}-${escape(slug)}\\.[^.]+`;
      this.pattern = new RegExp(`^_posts/${escape(folder)}${basename}$|^${escape(folder)}_posts/?${basename}$`);
    }

    *render(ctx: Context): Generator<unknown, string, unknown> {
      // The URL comes from another document: the page depends on the site's list of posts.
      recorderIn(ctx.environments)?.readCorpus();
      const candidates = this.fileName === undefined ? posts() : postsNamed(posts(), this.fileName);
      const post = candidates.find((candidate) => this.pattern.test(candidate.relativePath));
      if (!post) {
        throw new BuildError(`post_url: no post named '${this.postName}'.`, {
          file: this.token.file,
          hint: 'Use the file name of a post in _posts/ without its extension; check the date and spelling.',
        });
      }
      return relativeUrl(post.url);
    }
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
