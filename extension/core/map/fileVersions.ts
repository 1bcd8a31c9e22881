/** Versions of the texts a map was drawn from, per file: an edit asked for on the map names them, and is refused when a file has changed since. */

/** Counts, per file, the texts seen: the version grows whenever the text differs from the one seen last. */
export class FileVersions {
  private readonly seen = new Map<string, { text: string | undefined; version: number }>();

  /** The version of `path` now that its text is `text` (1 the first time). */
  versionOf(path: string, text: string | undefined): number {
    const v = this.seen.get(path);
    if (!v) {
      this.seen.set(path, { text, version: 1 });
      return 1;
    }
    if (v.text !== text) {
      v.text = text;
      v.version++;
    }
    return v.version;
  }

  /** The files among `claimed` (path -> version the map was drawn from) whose text has changed since. */
  stale(claimed: Readonly<Record<string, number>>, textOf: (path: string) => string | undefined): string[] {
    return Object.entries(claimed)
      .filter(([path, version]) => this.versionOf(path, textOf(path)) !== version)
      .map(([path]) => path);
  }
}
