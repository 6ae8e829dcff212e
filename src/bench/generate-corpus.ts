/**
 * The benchmark corpus: N posts shaped like the blog's own (the seed post's front matter, Swedish text,
 * an intro, `<!--more-->`, the TOC include, 4-8 headings, links to other posts, a list, a table, an image
 * with a caption; about 6 KB of Markdown each), the blog's home page, layouts, includes, data and assets,
 * one tag page per distinct tag, and a `_config.yml` with jekyll-feed and jekyll-sitemap, so Jekyll,
 * Eleventy and tryck build the same files. Same seed and size, same bytes.
 *
 * The tag pages are plain Liquid pages (`kategori/<slug>.html`, the blog's `tag` layout listing
 * `site.tags[page.tag]`), not tryck's `tag_pages` setting or a Jekyll plugin, so all three tools build them
 * the same way; Eleventy gets `site.tags` from a data file next to them (see eleventy-config.ts).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { slugify } from '../liquid/filters/slugify.ts';
import { ELEVENTY_ONLY_FILES, eleventyFiles } from './eleventy-config.ts';
import { SeededRandom } from './random.ts';
import {
  asciiSlug, capitalize, EXTRA_TAGS, heading, listItem, paragraph, REGIONS, shortPhrase, TAGS, title,
} from './swedish-text.ts';

export const DEFAULT_SEED = 20220616;
export const DEFAULT_BYTES_PER_POST = 6000;

export interface CorpusOptions {
  posts: number;
  seed?: number;
  /** The blog whose `_layouts`, `_includes`, `_data`, `assets` and `index.html` are copied. */
  blogRoot: string;
  /** Markdown per post, front matter included (default 6000). */
  bytesPerPost?: number;
}

export interface CorpusPost {
  /** Relative to the corpus, e.g. `_posts/2012-03-04-patientdatalagen-i-skane-17.markdown`. */
  file: string;
  /** Where every tool writes the page, relative to the output folder: `2012/03/04/…-17.html`. */
  outputPath: string;
  title: string;
  /** The post's `tags`, as Jekyll splits them. */
  tags: string[];
}

export interface CorpusTagPage {
  tag: string;
  /** Relative to the corpus, e.g. `kategori/foretag.html`: Jekyll's `slugify: 'latin'`, as the post layout links. */
  file: string;
  /** Relative to the output folder; the same as `file`. */
  outputPath: string;
  /** Output paths of the posts with this tag, newest first (as `site.tags[tag]` lists them). */
  posts: string[];
}

export interface CorpusManifest {
  posts: CorpusPost[];
  tagPages: CorpusTagPage[];
  /** Every page that must be present in a tool's output for its run to count. */
  expectedPages: string[];
  markdownBytes: number;
}

const FIRST_DAY = Date.UTC(2000, 0, 3);
const SPAN_DAYS = 9125; // about 25 years, so even 16000 posts have past dates
const HEAD_IMAGES = ['europa-data.jpg', 'europakarta.jpg', 'journalsystem.jpg', 'lagbok.jpg', 'moln.jpg', 'natverk.jpg', 'standarder.jpg'];
const FALLBACK_FIGURES = ['samarbeten-upphandlingar.svg'];

/** Names, dates, URLs and tags of all posts; the bodies link to each other, so these come first. */
export function planPosts(count: number, seed = DEFAULT_SEED): CorpusPost[] {
  const random = new SeededRandom(seed);
  const posts: CorpusPost[] = [];
  for (let i = 0; i < count; i++) {
    const postTitle = title(random);
    const day = new Date(FIRST_DAY + Math.floor((i * SPAN_DAYS) / Math.max(count, 1)) * 86_400_000);
    const ymd = day.toISOString().slice(0, 10);
    const slug = `${asciiSlug(postTitle)}-${i + 1}`;
    const tags = drawTags(postRandom(seed, i));
    posts.push({ file: `_posts/${ymd}-${slug}.markdown`, outputPath: `${ymd.replaceAll('-', '/')}/${slug}.html`, title: postTitle, tags });
  }
  return posts;
}

/** Each post's text comes from its own generator, so a post's tags are known without writing its body. */
function postRandom(seed: number, index: number): SeededRandom {
  return new SeededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}

/** The first draws of a post's generator: 1-3 of the blog's tags. */
function drawTags(random: SeededRandom): string[] {
  return distinct(random, TAGS, random.int(1, 3));
}

/** One page per distinct tag, in a fixed order (by slug), each listing its posts newest first. */
export function planTagPages(posts: readonly CorpusPost[]): CorpusTagPage[] {
  // All dates share one offset, so the strings sort as the times do; no two posts share a minute.
  const dates = posts.map((post, index) => postDate(post, index).date);
  const newestFirst = posts.map((_, index) => index).sort((a, b) => (dates[a] < dates[b] ? 1 : dates[a] > dates[b] ? -1 : 0));
  const bySlug = new Map<string, CorpusTagPage>();
  for (const i of newestFirst) {
    for (const tag of posts[i].tags) {
      const slug = slugify(tag, 'latin') ?? '';
      let page = bySlug.get(slug);
      if (!page) {
        page = { tag, file: `kategori/${slug}.html`, outputPath: `kategori/${slug}.html`, posts: [] };
        bySlug.set(slug, page);
      }
      page.posts.push(posts[i].outputPath);
    }
  }
  return [...bySlug.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A tag page as the blog's `tag_pages` setting makes them: the `tag` layout lists `site.tags[page.tag]`. */
export function renderTagPage(page: CorpusTagPage): string {
  return [
    '---',
    'layout: tag',
    `title: ${JSON.stringify(page.tag)}`,
    `tag: ${JSON.stringify(page.tag)}`,
    // Jekyll and tryck keep the file's path anyway; Eleventy would write kategori/<slug>/index.html.
    `permalink: /${page.outputPath}`,
    '---',
    '',
  ].join('\n');
}

export function postDate(post: CorpusPost, index: number): { date: string; day: string } {
  const day = path.basename(post.file).slice(0, 10);
  // Between 09:00 and 16:59 at +0100, so the date is the same day in Stockholm, summer or winter.
  const hour = String(9 + (index % 8)).padStart(2, '0');
  const minute = String((index * 7) % 60).padStart(2, '0');
  return { date: `${day} ${hour}:${minute}:00 +0100`, day };
}

/** One post's whole file. */
export function renderPost(posts: CorpusPost[], index: number, options: { seed?: number; bytesPerPost?: number; figures?: string[] } = {}): string {
  const post = posts[index];
  const random = postRandom(options.seed ?? DEFAULT_SEED, index);
  const target = options.bytesPerPost ?? DEFAULT_BYTES_PER_POST;
  const figures = options.figures?.length ? options.figures : FALLBACK_FIGURES;
  const { date, day } = postDate(post, index);

  // The tags were planned with the post (the same first draws); drawing them again keeps the rest the same.
  drawTags(random);
  const tags = post.tags;
  const extra = distinct(random, EXTRA_TAGS, random.int(2, 4)).map((tag) => tag.replace(' ', ''));
  const frontMatter = [
    '---',
    'layout: post',
    `title: "${post.title}"`,
    `description: "${capitalize(shortPhrase(random))} och ${shortPhrase(random)} i ${random.pick(REGIONS)}"`,
    `date: ${date}`,
    `tags: ${tags.join(' ')}`,
    `tags_extra: ${extra.join(' ')}`,
    'author:',
    '  name: "Redaktionen"',
    '  description: "Intern grupp som arbetar med webplatsen."',
    'image:',
    `  path: "/assets/images/post-head/500/${random.pick(HEAD_IMAGES)}"`,
    'video: false',
    'sitemap:',
    `  lastmod: ${day}`,
    `  priority: 0.${random.int(5, 9)}`,
    "  changefreq: 'weekly'",
    'excerpt_separator: <!--more-->',
    'karta: false',
    'chart: false',
    'cc: false',
    '---',
    '',
  ].join('\n');

  const intro = paragraph(random, random.int(2, 3));
  const headingCount = random.int(4, 8);
  const sections: string[][] = [];
  const used = new Set<string>();
  for (let h = 0; h < headingCount; h++) {
    let text = heading(random);
    while (used.has(text)) text = `${heading(random)} (${h + 1})`;
    used.add(text);
    sections.push([`## ${text}`, paragraph(random, random.int(2, 4))]);
  }
  const link = (): string => {
    const other = posts.length > 1 ? posts[(index + random.int(1, posts.length - 1)) % posts.length] : post;
    return `**Läs mer:** [${other.title}](/${other.outputPath})`;
  };
  const listAt = random.int(0, headingCount - 1);
  sections[listAt].push(Array.from({ length: random.int(3, 6) }, () => `- ${listItem(random)}`).join('\n'));
  const tableAt = (listAt + 1 + random.int(0, headingCount - 2)) % headingCount;
  sections[tableAt].push(table(random));
  const imageAt = random.int(0, headingCount - 1);
  const caption = capitalize(shortPhrase(random));
  sections[imageAt].push(`![${caption}](/assets/images/post-assets/${random.pick(figures)} "${caption}")\n_${caption}._`);
  sections[random.int(0, headingCount - 1)].push(link());

  const head = `${frontMatter}\n${intro}\n\n<!--more-->\n\n{% include toc.md %}\n\n`;
  const tail = '\n\n_Hittat något fel eller vill du dela några tankar? [Kontakta oss!](/index.html#form-message)_\n';
  let size = Buffer.byteLength(head + tail) + sections.reduce((sum, lines) => sum + Buffer.byteLength(lines.join('\n\n')) + 2, 0);
  for (let k = 0; size < target; k++) {
    const extraParagraph = random.chance(0.2) ? `${paragraph(random, random.int(1, 2))} ${link()}` : paragraph(random, random.int(2, 4));
    sections[k % headingCount].splice(2, 0, extraParagraph);
    size += Buffer.byteLength(extraParagraph) + 2;
  }
  return head + sections.map((lines) => lines.join('\n\n')).join('\n\n') + tail;
}

function table(random: SeededRandom): string {
  const rows = ['| Region | År | Andel | Kommentar |', '|--------|----|------:|-----------|'];
  for (const region of distinct(random, REGIONS, random.int(3, 6))) {
    rows.push(`| ${region} | ${random.int(2010, 2024)} | ${random.int(3, 97)} % | ${capitalize(shortPhrase(random))} |`);
  }
  return rows.join('\n');
}

function distinct<T>(random: SeededRandom, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length) chosen.push(pool.splice(Math.floor(random.next() * pool.length), 1)[0]);
  return chosen;
}

export function corpusConfig(): string {
  return `# Benchmark corpus written by \`tryck bench\` (generated, do not edit)
title: "eHälsobloggen"
description: "Om e-hälsa i Sverige: journalsystem, upphandlingar, standarder och lagar kring vårdens informationsförsörjning."
url: "https://ehalsobloggen.se"
baseurl: ""
lang: sv
locale: sv_SE
timezone: Europe/Stockholm

author:
  name: "Redaktionen"

excerpt_separator: <!--more-->

markdown: kramdown

plugins:
  - jekyll-feed
  - jekyll-sitemap

feed:
  path: feed.xml

exclude:
${ELEVENTY_ONLY_FILES.map((file) => `  - ${file}`).join('\n')}
  - .tryck-cache
  - .jekyll-cache
`;
}

/** Writes the corpus into `dir` (emptied first) and returns what every tool must produce. */
export function generateCorpus(dir: string, options: CorpusOptions): CorpusManifest {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, '_posts'), { recursive: true });
  for (const folder of ['_layouts', '_includes', '_data', 'assets']) {
    const from = path.join(options.blogRoot, folder);
    if (existsSync(from)) cpSync(from, path.join(dir, folder), { recursive: true });
  }
  cpSync(path.join(options.blogRoot, 'index.html'), path.join(dir, 'index.html'));
  writeFileSync(path.join(dir, '_config.yml'), corpusConfig());

  const figuresDir = path.join(dir, 'assets/images/post-assets');
  const figures = existsSync(figuresDir) ? readdirSync(figuresDir).filter((name) => name.endsWith('.svg')).sort() : [];
  const posts = planPosts(options.posts, options.seed);
  let markdownBytes = 0;
  for (let i = 0; i < posts.length; i++) {
    const text = renderPost(posts, i, { seed: options.seed, bytesPerPost: options.bytesPerPost, figures });
    markdownBytes += Buffer.byteLength(text);
    writeFileSync(path.join(dir, posts[i].file), text);
  }
  const tagPages = planTagPages(posts);
  mkdirSync(path.join(dir, 'kategori'), { recursive: true });
  for (const page of tagPages) writeFileSync(path.join(dir, page.file), renderTagPage(page));
  for (const [file, text] of Object.entries(eleventyFiles(dir))) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return {
    posts,
    tagPages,
    expectedPages: ['index.html', ...tagPages.map((page) => page.outputPath), ...posts.map((post) => post.outputPath)],
    markdownBytes,
  };
}

/** A sentence to append to a post, unique per run, that survives Markdown unchanged. */
export function editSentence(label: string): string {
  return `Redigerad mening ${label} för mätningen av ombyggnaden.`;
}
