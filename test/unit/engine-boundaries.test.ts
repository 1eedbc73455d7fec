// The import boundaries (lint/boundaries.js, enabled in eslint.config.js) fail where they should:
// deliberately bad snippets are linted with the project's own configuration, as if they were files
// in each zone, subfolders included, and the error is expected; good ones pass.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The messages of the project's lint rules for `code` as the file `path`. */
async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const unused = 1;\n`, {
    filePath: join(root, path),
  });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const boundary = (messages: string[]) => messages.filter((m) => m.startsWith('zones/boundaries'));

describe('import boundaries', () => {
  it('keep the engine off adapters, from a subfolder as from the top', async () => {
    for (const [file, spec] of [
      ['src/engine/gate.ts', '../model/index.js'],
      ['src/engine/templates/rules.ts', '../../model/index.js'],
      ['src/engine/a/b/deep.ts', '../../../git/git.js'],
      ['src/engine/a/b/deep.ts', '../../../action/pursue.js'],
    ] as const) {
      const messages = boundary(await lint(file, `import { x } from '${spec}';\nvoid x;`));
      expect(messages, `${file} → ${spec}`).toHaveLength(1);
      expect(messages[0]).toContain('src/engine depends on no adapter');
    }
    // Inside the engine, the domain and the pure verify modules are fine.
    expect(
      boundary(
        await lint(
          'src/engine/a/deep.ts',
          "import { x } from '../loop.js';\nimport { y } from '../../domain/stop.js';\nimport { z } from '../../verify/judge.js';\nvoid x, y, z;",
        ),
      ),
    ).toEqual([]);
  });

  it('keep the engine pure of I/O modules', async () => {
    const messages = await lint(
      'src/engine/sub/x.ts',
      "import { readFileSync } from 'node:fs';\nvoid readFileSync;",
    );
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('let code outside the engine import it only through its index', async () => {
    const bad = boundary(
      await lint(
        'src/github/sub/x.ts',
        "import { runGoal } from '../../engine/loop.js';\nvoid runGoal;",
      ),
    );
    expect(bad).toHaveLength(1);
    expect(bad[0]).toContain('through src/engine/index.ts');
    const root = boundary(
      await lint(
        'src/main.ts',
        "import type { GoalRecord } from './engine/types.js';\nexport type R = GoalRecord;",
      ),
    );
    expect(root).toHaveLength(1);
    expect(
      boundary(
        await lint(
          'src/github/x.ts',
          "import { runGoal } from '../engine/index.js';\nvoid runGoal;",
        ),
      ),
    ).toEqual([]);
  });

  it('keep the domain to itself (and the record vocabulary it uses)', async () => {
    const bad = boundary(
      await lint('src/domain/sub/x.ts', "import { x } from '../../github/repo.js';\nvoid x;"),
    );
    expect(bad).toHaveLength(1);
    expect(bad[0]).toContain('src/domain is pure');
    expect(
      boundary(await lint('src/domain/x.ts', "import { x } from '../engine/loop.js';\nvoid x;")),
    ).toHaveLength(1);
    expect(
      boundary(
        await lint(
          'src/domain/x.ts',
          "import { stop } from '../engine/record.js';\nimport { y } from './stop.js';\nvoid stop, y;",
        ),
      ),
    ).toEqual([]);
    const io = await lint('src/domain/x.ts', "import { z } from 'node:zlib';\nvoid z;");
    expect(io.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('keep adapters from importing one another, except the sandbox', async () => {
    for (const [file, spec] of [
      ['src/git/x.ts', '../model/index.js'],
      ['src/model/deep/x.ts', '../../github/repo.js'],
      ['src/report/x.ts', '../git/git.js'],
      ['src/verify/x.ts', '../github/repo.js'],
      ['src/store/x.ts', '../git/git.js'],
    ] as const) {
      const messages = boundary(await lint(file, `import { x } from '${spec}';\nvoid x;`));
      expect(messages, `${file} → ${spec}`).toHaveLength(1);
      expect(messages[0]).toContain('Adapters do not import one another');
    }
    for (const [file, spec] of [
      ['src/sandbox/x.ts', '../tools/index.js'],
      ['src/sandbox/deep/x.ts', '../../git/workspace.js'],
      ['src/verify/x.ts', '../tools/exec.js'],
      ['src/report/x.ts', '../verify/judge.js'],
      ['src/action/x.ts', '../github/repo.js'],
    ] as const)
      expect(
        boundary(await lint(file, `import { x } from '${spec}';\nvoid x;`)),
        `${file} → ${spec}`,
      ).toEqual([]);
  });

  it('leave tests free to reach inside', async () => {
    expect(
      boundary(
        await lint('test/unit/x.test.ts', "import { x } from '../../src/engine/loop.js';\nvoid x;"),
      ),
    ).toEqual([]);
  });
});
