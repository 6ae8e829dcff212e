/**
 * One file of a persistent cache: a head, V8-serialized, with the entries' keys and either their
 * values (strings) or their sizes; for sizes, the values follow the head, one after another, as
 * UTF-8 bytes. A build reads only the head of such a file, and a value when it asks for it: at 4000
 * posts the Markdown cache is 30 MB, of which an edited build reads a few entries, and reading all
 * of it took some 20 ms of that build.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';

const FORMAT = 'tryck-cache/3';
/**
 * Enough for the head of a shard of values kept as bytes in one read (a Markdown shard's 125 keys
 * and sizes are 6 KB); a shard of strings is read whole in a second read. Opening the 64 Markdown
 * shards read 4 MB with 64 KB here.
 */
const FIRST_READ = 16 * 1024;
/** Values read from a shard one by one before the rest of it is read at once. */
const WHOLE_AFTER = 4;

/** A value as a cache keeps it: UTF-8 bytes, the string itself, or where it is in a shard file. */
export type Kept = Uint8Array | string | StoredValue;

interface ShardHead {
  format: string;
  fingerprint: string;
  keys: string[];
  /** The values, in a file of strings. */
  values?: string[];
  /** The values' sizes, in a file of bytes: the values follow the head. */
  sizes?: number[];
}

/** A shard file as it was when its head was read; its values are read from that same file. */
export class ShardOnDisk {
  private whole: Buffer | undefined;
  /** Values read one by one: a build that reads many (a layout was edited) reads the whole file. */
  private reads = 0;

  constructor(
    readonly file: string,
    private readonly identity: { ino: number; size: number; mtimeMs: number },
  ) {}

  /** Bytes of the file, which must be the one whose head was read. */
  read(offset: number, size: number): Buffer {
    if (this.whole || ++this.reads > WHOLE_AFTER) return this.readWhole().subarray(offset, offset + size);
    return this.withFile((fd) => readFully(fd, offset, size));
  }

  /** All of it: a shard rewritten keeps the values it did not read. */
  readWhole(): Buffer {
    return (this.whole ??= this.withFile((fd) => readFully(fd, 0, this.identity.size)));
  }

  private withFile<T>(use: (fd: number) => T): T {
    const fd = openSync(this.file, 'r');
    try {
      const { ino, size, mtimeMs } = fstatSync(fd);
      if (ino !== this.identity.ino || size !== this.identity.size || mtimeMs !== this.identity.mtimeMs) {
        throw new ReplacedShardError(this.file);
      }
      return use(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** A shard file another process replaced after this one read its head. */
export class ReplacedShardError extends Error {
  constructor(readonly file: string) {
    super(`The cache file ${file} was replaced during the build: is another build of this site running? Build again once it is done.`);
  }
}

/** A value left in its shard file until a build asks for it. */
export class StoredValue {
  constructor(
    readonly shard: ShardOnDisk,
    readonly offset: number,
    readonly size: number,
  ) {}

  bytes(): Buffer {
    return this.shard.read(this.offset, this.size);
  }
}

/**
 * Adds a shard file's entries, if it is one of this format and fingerprint, and says how many; -1 if
 * it is not one (a missing file throws).
 */
export function readShardFile(file: string, fingerprint: string, entries: Map<string, Kept>): number {
  const fd = openSync(file, 'r');
  try {
    const { ino, size, mtimeMs } = fstatSync(fd);
    if (size < 4) return -1;
    let start = readFully(fd, 0, Math.min(size, FIRST_READ));
    const headEnd = 4 + start.readUInt32LE(0);
    if (headEnd > size) return -1;
    if (headEnd > start.byteLength) start = readFully(fd, 0, headEnd);
    const head = deserialize(start.subarray(4, headEnd)) as Partial<ShardHead>;
    if (head.format !== FORMAT || head.fingerprint !== fingerprint || !Array.isArray(head.keys)) return -1;
    const { keys, values, sizes } = head;
    if (values) {
      if (values.length !== keys.length) return -1;
      for (let i = 0; i < keys.length; i++) entries.set(keys[i], values[i]);
      return keys.length;
    }
    if (!sizes || sizes.length !== keys.length || sizes.reduce((sum, entry) => sum + entry, headEnd) !== size) return -1;
    const shard = new ShardOnDisk(file, { ino, size, mtimeMs });
    let offset = headEnd;
    for (let i = 0; i < keys.length; i++) {
      entries.set(keys[i], new StoredValue(shard, offset, sizes[i]));
      offset += sizes[i];
    }
    return keys.length;
  } finally {
    closeSync(fd);
  }
}

/** A shard file's bytes: the values as strings, or as UTF-8 bytes after the head. */
export function encodeShardFile(fingerprint: string, entries: Map<string, Kept>, strings: boolean): Buffer {
  const head: ShardHead = { format: FORMAT, fingerprint, keys: [...entries.keys()] };
  let values: Uint8Array[] = [];
  if (strings) head.values = [...entries.values()].map(asString);
  else {
    values = [...entries.values()].map(asBytes);
    head.sizes = values.map((value) => value.byteLength);
  }
  const serialized = serialize(head);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(serialized.byteLength);
  return Buffer.concat([length, serialized, ...values]);
}

export function asString(kept: Kept): string {
  if (typeof kept === 'string') return kept;
  const bytes = kept instanceof StoredValue ? kept.bytes() : kept;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function asBytes(kept: Kept): Uint8Array {
  if (typeof kept === 'string') return Buffer.from(kept);
  if (kept instanceof StoredValue) return kept.shard.readWhole().subarray(kept.offset, kept.offset + kept.size);
  return kept;
}

function readFully(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) throw new Error('The cache file ended early.');
    done += read;
  }
  return buffer;
}
