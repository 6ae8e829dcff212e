/**
 * Speed patches to dependencies, applied to their source as the bundle is made (ensure-bundle.js).
 * Each one replaces an exact piece of a published file with code that does the same work with less
 * allocation, or leaves out work nothing of tryck's uses. When a dependency's update changes that piece, the patch is left out and the bundle
 * runs the dependency as published: slower, never wrong. test/cli/dependency-patches.test.ts fails
 * then, so whoever updates it looks again; it also checks that the patched code converts a corpus of
 * Markdown to exactly the HTML the published code gives.
 */
import { readFileSync } from 'node:fs';

export const DEPENDENCY_PATCHES = [
  {
    // mdast-util-from-markdown 2.1.0, compile(): for every micromark event it copied its nine-field
    // context into a new object only to add that event's sliceSerialize, and called the handler on the
    // copy. A Markdown post of 6 KB has some 3000 events. No handler keeps `this` or writes a field of
    // it (they write to this.data, which the copies shared), so one context whose sliceSerialize is
    // set before each call gives every handler what the copies did. In a profile of 1000 posts'
    // conversion, compile's own time fell from 688 to 283 ms; the conversion as a whole took 11% less
    // (medians of 5 alternated runs). Worth proposing upstream.
    file: /[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/,
    find: `    while (++index < events.length) {
      const handler = config[events[index][0]];
      if (events[index][0] === 'enter' && config.beforeEnter.length > 0) {
        callListeners(config.beforeEnter, {
          ...context,
          sliceSerialize: events[index][2].sliceSerialize
        }, events[index][1]);
      }
      if (own.call(handler, events[index][1].type)) {
        // Note: spread first, V8 has optimizations for object shape cloning.
        handler[events[index][1].type].call({
          ...context,
          sliceSerialize: events[index][2].sliceSerialize
        }, events[index][1]);
      }
      if (events[index][0] === 'exit' && config.afterExit.length > 0) {
        callListeners(config.afterExit, {
          ...context,
          sliceSerialize: events[index][2].sliceSerialize
        }, events[index][1]);
      }
    }
`,
    replace: `    const eventContext = { ...context, sliceSerialize: undefined };
    while (++index < events.length) {
      const event = events[index];
      const handler = config[event[0]];
      eventContext.sliceSerialize = event[2].sliceSerialize;
      if (event[0] === 'enter' && config.beforeEnter.length > 0) {
        callListeners(config.beforeEnter, eventContext, event[1]);
      }
      if (own.call(handler, event[1].type)) {
        handler[event[1].type].call(eventContext, event[1]);
      }
      if (event[0] === 'exit' && config.afterExit.length > 0) {
        callListeners(config.afterExit, eventContext, event[1]);
      }
    }
`,
  },
  {
    // micromark 4.0, parse(): every document's parse combined the default constructs with the
    // extensions again, into new objects of a few hundred arrays, though a processor passes the same
    // extensions array each time (remark-parse hands over its data's micromarkExtensions). In a
    // profile of a cold build of 4000 posts, combineExtensions took 420 ms of CPU over both threads,
    // 1.6% of the build. The combination is kept per extensions array, and made again if the array's
    // entries changed; nothing writes to it (the tokenizer only reads it).
    file: /[\\/]micromark[\\/]lib[\\/]parse\.js$/,
    find: `export function parse(options) {
  const settings = options || {};
  const constructs = /** @type {FullNormalizedExtension} */
  combineExtensions([defaultConstructs, ...(settings.extensions || [])]);
`,
    replace: `const combinedConstructs = new WeakMap();
const noExtensions = [];
export function parse(options) {
  const settings = options || {};
  const extensions = settings.extensions || noExtensions;
  let combined = combinedConstructs.get(extensions);
  if (!combined || combined.entries.length !== extensions.length || combined.entries.some((entry, index) => entry !== extensions[index])) {
    combined = { entries: [...extensions], constructs: combineExtensions([defaultConstructs, ...extensions]) };
    combinedConstructs.set(extensions, combined);
  }
  const constructs = /** @type {FullNormalizedExtension} */ combined.constructs;
`,
  },
  {
    // micromark 4.0, createTokenizer(): the tokenizer fed its state functions one character at a time,
    // and Markdown's ordinary text is read four times over (the document's lines, the flow's chunks,
    // a paragraph's content, its inline text), each time by a state that consumes character after
    // character until a line ends or, inline, until a character that may start a construct. Effects
    // gain consumeRun(code, stops): it consumes `code` as consume() does, then the characters after it
    // in the same string chunk up to the first one `stops` marks (to the chunk's end without
    // `stops`), and leaves point and `previous` as that many consume() calls would. The states below
    // call it where they would consume; the main loop then goes on at the first character not taken.
    // String chunks never hold a line ending, a tab or NUL (preprocess() makes those codes of their
    // own), so a run never passes anything those states treat apart.
    file: /[\\/]micromark[\\/]lib[\\/]create-tokenizer\.js$/,
    find: `    consume,
    enter,
    exit,
    interrupt: constructFactory(onsuccessfulcheck, {`,
    replace: `    consume,
    consumeRun,
    enter,
    exit,
    interrupt: constructFactory(onsuccessfulcheck, {`,
  },
  {
    file: /[\\/]micromark[\\/]lib[\\/]create-tokenizer\.js$/,
    find: `  /** @type {Effects['enter']} */
  function enter(type, fields) {`,
    replace: `  function consumeRun(code, stops) {
    consume(code);
    const start = point._bufferIndex;
    if (start < 0) return;
    const chunk = chunks[point._index];
    let end = chunk.length;
    if (stops) {
      let index = start;
      while (index < end) {
        const next = chunk.charCodeAt(index);
        if (next < stops.length && stops[next] === 1) break;
        index++;
      }
      end = index;
    }
    if (end === start) return;
    point.column += end - start;
    point.offset += end - start;
    context.previous = chunk.charCodeAt(end - 1);
    if (end === chunk.length) {
      point._bufferIndex = -1;
      point._index++;
    } else {
      point._bufferIndex = end;
    }
  }

  /** @type {Effects['enter']} */
  function enter(type, fields) {`,
  },
  // The states that read text character after character call consumeRun where they would consume:
  // the document's lines (all of a line goes to its flow chunk), a content chunk's lines (paragraphs
  // and what may yet turn out to be a definition), a paragraph's text lines, and inline text and
  // strings. Inline, a run stops at every character that has constructs, where atBreak() looks as
  // before (it may still find none that applies, and data goes on).
  consumeRunIn(/[\\/]micromark[\\/]lib[\\/]initialize[\\/]document\.js$/, '    ', 'flowContinue'),
  consumeRunIn(/[\\/]micromark-core-commonmark[\\/]lib[\\/]content\.js$/, '    ', 'chunkInside'),
  consumeRunIn(/[\\/]micromark[\\/]lib[\\/]initialize[\\/]content\.js$/, '    ', 'data'),
  consumeRunIn(/[\\/]micromark[\\/]lib[\\/]initialize[\\/]text\.js$/, '      ', 'data', 'stops', '// Data.'),
  {
    file: /[\\/]micromark[\\/]lib[\\/]initialize[\\/]text\.js$/,
    find: `    const text = effects.attempt(constructs, start, notText);
    return start;`,
    replace: `    const text = effects.attempt(constructs, start, notText);
    const stops = stopCodes(constructs);
    return start;`,
  },
  {
    file: /[\\/]micromark[\\/]lib[\\/]initialize[\\/]text\.js$/,
    find: `function initializeFactory(field) {`,
    replace: `const stopCodesOf = new WeakMap();
/** The character codes that have constructs in \`constructs\`, as ones in a table; kept per object. */
function stopCodes(constructs) {
  let stops = stopCodesOf.get(constructs);
  if (!stops) {
    const codes = Object.keys(constructs).map(Number).filter((code) => Number.isInteger(code) && code >= 0 && constructs[code]);
    stops = new Uint8Array(Math.max(0, ...codes) + 1);
    for (const code of codes) stops[code] = 1;
    stopCodesOf.set(constructs, stops);
  }
  return stops;
}
function initializeFactory(field) {`,
  },
  {
    // micromark-util-subtokenize 2.1.0: the jumps past content already tokenized were kept as an
    // object with numeric keys, which V8 holds as a dictionary: every subcontent() wrote its gaps into
    // a new one, and Object.assign() copied them key by key, as strings, into the running one. The
    // same jumps in a Map. The next four patches belong to this one.
    file: /[\\/]micromark-util-subtokenize[\\/]index\.js$/,
    find: `  /** @type {Record<string, number>} */
  const jumps = {};
  let index = -1;`,
    replace: `  const jumps = new Map();
  let jump;
  let index = -1;`,
  },
  {
    file: /[\\/]micromark-util-subtokenize[\\/]index\.js$/,
    find: `    while (index in jumps) {
      index = jumps[index];
    }`,
    replace: `    while ((jump = jumps.get(index)) !== undefined) {
      index = jump;
    }`,
  },
  {
    file: /[\\/]micromark-util-subtokenize[\\/]index\.js$/,
    find: `        Object.assign(jumps, subcontent(events, index));
        index = jumps[index];`,
    replace: `        subcontent(events, index, jumps);
        index = jumps.get(index);`,
  },
  {
    file: /[\\/]micromark-util-subtokenize[\\/]index\.js$/,
    find: `function subcontent(events, eventIndex) {`,
    replace: `function subcontent(events, eventIndex, gaps) {`,
  },
  {
    file: /[\\/]micromark-util-subtokenize[\\/]index\.js$/,
    find: `  /** @type {Record<string, number>} */
  const gaps = {};`,
    replace: ``,
  },
  {
    file: /[\\/]micromark-util-subtokenize[\\/]index\.js$/,
    find: `    gaps[adjust + jumps[index][0]] = adjust + jumps[index][1];`,
    replace: `    gaps.set(adjust + jumps[index][0], adjust + jumps[index][1]);`,
  },
];

/**
 * The patch that makes `state`, which consumes a character and returns itself, consume a run (see
 * consumeRun in create-tokenizer.js), up to a character marked in `stops` if given. Without the
 * tokenizer's patch it consumes as before. `comment`, the line before, tells the state apart where
 * another one ends the same way.
 */
function consumeRunIn(file, indent, state, stops, comment) {
  const run = stops ? `code, ${stops}` : 'code';
  const before = comment ? `${indent}${comment}\n` : '';
  return {
    file,
    find: `${before}${indent}effects.consume(code);\n${indent}return ${state};\n${indent.slice(2)}}`,
    replace: `${before}${indent}if (effects.consumeRun) effects.consumeRun(${run});\n${indent}else effects.consume(code);\n${indent}return ${state};\n${indent.slice(2)}}`,
  };
}

/** The file's source with every patch meant for it that still fits; `missed` lists those that do not. */
export function patchSource(file, source) {
  const missed = [];
  for (const patch of DEPENDENCY_PATCHES) {
    if (!patch.file.test(file)) continue;
    if (source.includes(patch.find)) source = source.replace(patch.find, () => patch.replace);
    else missed.push(patch);
  }
  return { source, missed };
}

/** An esbuild plugin that applies the patches to the files they are for. */
export function dependencyPatchesPlugin() {
  const filter = new RegExp(DEPENDENCY_PATCHES.map((patch) => patch.file.source).join('|'));
  return {
    name: 'dependency-patches',
    setup(build) {
      build.onLoad({ filter }, (args) => ({ contents: patchSource(args.path, readFileSync(args.path, 'utf8')).source, loader: 'js' }));
    },
  };
}
