/** Reads a file from disk only when it is a regular file, and never more than a size limit whatever stat says (the CLI's drafts, the parse cache). */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** What kindOf needs of a Stats or Dirent. */
type FileKind = { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean };

/** What reading gave: the bytes, or why the file was not read. */
export type BoundedRead = { bytes: Uint8Array } | { skipped: 'not-regular'; what: string } | { skipped: 'too-large'; size?: number } | { skipped: 'error'; message: string };

/** What a non-regular file is, in words. */
export function kindOf(st: FileKind): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * Opens without blocking (a FIFO with no writer would otherwise hang the open), checks the
 * opened file itself is a regular file (no race between a stat and the read), and reads at most
 * `limit` bytes: a file that turns out longer is `too-large`, even when stat said 0.
 */
export function readBounded(path: string, limit: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { skipped: 'error', message: (e as Error).message };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { skipped: 'not-regular', what: kindOf(st) };
    if (st.size > limit) return { skipped: 'too-large', size: st.size };
    // One byte more than the limit tells a file that grew (or lied about its size) from one that fits.
    let buf = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(st.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (buf.length > limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) return { skipped: 'too-large' }; // its size is not known: only that it is more than the limit
    return { bytes: buf.subarray(0, length) };
  } catch (e) {
    return { skipped: 'error', message: (e as Error).message };
  } finally {
    closeSync(fd);
  }
}

/** The bytes of a regular file of at most `limit` bytes; undefined for anything else (missing, unreadable, special, too large). */
export function readRegularFile(path: string, limit: number): Uint8Array | undefined {
  const r = readBounded(path, limit);
  return 'bytes' in r ? r.bytes : undefined;
}
