// The version printed by `--version`: package.json's, inlined into the bundle at build time so the
// CLI never depends on where it was installed.
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
