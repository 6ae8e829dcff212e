/**
 * Reads a page, post, layout, include or data file as text, refusing what is not text: a file over
 * the size limit (a 600 MB post would exhaust memory), bytes that are not UTF-8 (Node would turn
 * them into U+FFFD unnoticed; Jekyll stops with "invalid byte sequence in UTF-8") and NUL bytes
 * (a binary file named `.md`). The message names the place, never prints the bytes.
 */
import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_LIMITS } from '../config/build-limits.ts';
import { BuildError } from '../errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readSiteText(absolutePath: string, file: string, maxBytes: number = DEFAULT_LIMITS.fileBytes): string {
  let bytes: Buffer;
  try {
    const { size } = statSync(absolutePath);
    if (size > maxBytes) {
      throw new BuildError(`This file is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} a text file may have.`, {
        file,
        hint: 'Move large files out of pages and posts (as static files, they are copied whatever their size), or raise tryck_limits: file_bytes in _config.yml.',
      });
    }
    bytes = readFileSync(absolutePath);
  } catch (error) {
    if (error instanceof BuildError) throw error;
    throw new BuildError(`The file could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { file, cause: error });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new BuildError('This file contains a NUL byte: it looks like a binary file, not text.', {
      file,
      ...positionOf(bytes, nul),
      hint: 'Remove the NUL byte; a binary file (an image, a PDF) should not have a text extension or front matter.',
    });
  }
  try {
    return decoder.decode(bytes);
  } catch (error) {
    const bad = firstInvalidUtf8(bytes);
    throw new BuildError('This file is not valid UTF-8 text.', {
      file,
      ...positionOf(bytes, bad),
      hint: 'Save the file as UTF-8 (it may be in Latin-1 or Windows-1252).',
      cause: error,
    });
  }
}

/** 1-based line and column (in bytes) of `offset`. */
function positionOf(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset of the first byte that does not begin a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms and surrogates: the second byte's range is narrower.
    const second = bytes[i + 1];
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return bytes.length;
}

function formatBytes(size: number): string {
  return size >= 1024 * 1024 ? `${Math.round(size / 1024 / 1024)} MB` : size >= 1024 ? `${Math.round(size / 1024)} KB` : `${size} bytes`;
}
