/**
 * `tryck new "Titel"`: a dated post in _posts/ with the front matter this blog's posts share.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from '../errors.ts';
import { slugify } from '../liquid/filters/slugify.ts';
import { zonedParts, formatOffset } from '../sources/zoned-time.ts';

export interface NewPostOptions {
  source: string;
  title: string;
  now?: Date;
  timeZone?: string;
}


export function createNewPost({ source, title, now = new Date(), timeZone = 'Europe/Stockholm' }: NewPostOptions): string {
  const trimmed = title.trim();
  if (!trimmed) throw new BuildError('A new post needs a title: tryck new "Min rubrik".');
  // Jekyll's slugify 'latin' (as tag pages use): å ä ö folded to ASCII, so links need no percent-encoding.
  const slug = slugify(trimmed, 'latin') ?? '';
  if (!slug) throw new BuildError(`The title '${trimmed}' gives an empty file name.`, { hint: 'Use letters or digits in the title.' });
  const p = zonedParts(now, timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  const file = path.join(source, '_posts', `${day}-${slug}.md`);
  if (existsSync(file)) throw new BuildError(`${path.relative(source, file)} already exists.`, { hint: 'Pick another title.' });
  const quoted = JSON.stringify(trimmed);
  const text = `---
layout: post
title: ${quoted}
description: ""
date: ${day} ${pad(p.hour)}:${pad(p.minute)}:00 ${formatOffset(p.offsetMinutes)}
tags:
tags_extra:
author:
  name: "Redaktionen"
  description: "Intern grupp som arbetar med webplatsen."
image:
  path: ""
video: false
sitemap:
  lastmod: ${day}
  priority: 0.7
  changefreq: 'weekly'
excerpt_separator: <!--more-->
karta: false
chart: false
cc: false
---

Inledning: en eller två meningar som visas på startsidan.

<!--more-->

{% include toc.md %}

## Första rubriken

Text.
`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  return file;
}
