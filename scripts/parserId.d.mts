// Types of scripts/parserId.mjs, for the tests that import it.
export declare function parserSources(root: string): string[];
export declare function parserFingerprint(root?: string): { id: string; sources: string[]; versions: string[] };
