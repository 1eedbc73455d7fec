import { afterEach, describe, expect, it } from 'vitest';
import { createGitWorkspace } from '../../src/git/workspace.js';
import { testPattern } from '../../src/git/repo-map.js';
import { makeRepo, writeFiles, type TestRepo } from '../support/git-fixtures.js';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'demo-app',
    type: 'module',
    scripts: { test: 'vitest run', build: 'tsc -p .', lint: 'eslint .' },
  }),
  'pyproject.toml': [
    '[project]',
    'name = "demo-py"',
    '',
    '[tool.pytest.ini_options]',
    'testpaths = ["tests"]',
    'addopts = "-q"',
    '',
  ].join('\n'),
  'go.mod': 'module example.com/demo\n\ngo 1.22\n',
  'Cargo.toml': '[package]\nname = "demo-rs"\n\n[workspace]\nmembers = ["crates/a"]\n',
  Makefile:
    'VAR := 1\n.PHONY: test\nall: build\nbuild:\n\tgo build\ntest lint: build\n\tgo test ./...\n',
  'src/index.ts': 'export {};\n',
  'src/engine/loop.ts': 'export {};\n',
  'src/engine/state.ts': 'export {};\n',
  'src/util/x.ts': 'export {};\n',
  'test/unit/loop.test.ts': 'it("x", () => {});\n',
  'test/unit/state.test.ts': 'it("x", () => {});\n',
  'tests/test_api.py': 'def test_x(): pass\n',
  'pkg/server_test.go': 'package pkg\n',
  'assets/big.svg': '<svg>' + 'x'.repeat(50_000) + '</svg>',
  '.github/workflows/ci.yml': 'on: push\n',
  'README.md': '# demo\n',
};

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('repoMap', () => {
  it('summarises size, layout, manifests, tests and the largest files', async () => {
    repo = await makeRepo(FILES);
    const map = await createGitWorkspace({ root: repo.dir }).repoMap(20_000);
    expect(map).toContain(`Repository map: ${Object.keys(FILES).length} files tracked at HEAD`);
    expect(map).toContain('  src/ (4 files)\n    engine/ (2)\n    util/ (1)\n');
    expect(map).toContain(
      '  package.json: name demo-app; type module\n    npm run test: vitest run\n',
    );
    expect(map).toContain(
      '  pyproject.toml: name demo-py\n    [tool.pytest.ini_options]\n    testpaths = ["tests"]',
    );
    expect(map).toContain('  Cargo.toml: package demo-rs; members = ["crates/a"]');
    expect(map).toContain('  go.mod: module example.com/demo; go 1.22');
    expect(map).toContain('  Makefile targets: all, build, test, lint');
    expect(map).toContain('other config: .github/workflows/ci.yml');
    expect(map).toContain('  test/ (2 files)\n  tests/ (1 file)\n');
    expect(map).toContain('test files: *.test.ts (2), *_test.go (1), test_*.py (1)');
    expect(map).toMatch(/Largest files:\n {2}assets\/big\.svg \(48\.8 KiB\)/);
  });

  it('is byte-identical for the same commit, whatever is lying around uncommitted', async () => {
    repo = await makeRepo(FILES);
    const ws = createGitWorkspace({ root: repo.dir });
    const first = await ws.repoMap(20_000);
    await writeFiles(repo.dir, { 'scratch/notes.txt': 'not committed' });
    expect(await ws.repoMap(20_000)).toBe(first);

    const twin = await makeRepo(Object.fromEntries(Object.entries(FILES).reverse()));
    try {
      expect(await createGitWorkspace({ root: twin.dir }).repoMap(20_000)).toBe(first);
    } finally {
      await twin.cleanup();
    }
  });

  it('never exceeds the byte budget and says when it was cut', async () => {
    const many: Record<string, string> = { ...FILES };
    for (let i = 0; i < 300; i++) many[`dir${i % 60}/sub${i % 7}/fïle-${i}.ts`] = `// ${i}\n`;
    repo = await makeRepo(many);
    const ws = createGitWorkspace({ root: repo.dir });
    for (const budget of [0, 10, 40, 200, 1000, 3000]) {
      const map = await ws.repoMap(budget);
      expect(Buffer.byteLength(map, 'utf8')).toBeLessThanOrEqual(budget);
    }
    const cut = await ws.repoMap(1000);
    expect(cut).toMatch(/^Repository map: \d+ files/);
    expect(cut.endsWith('… (repository map truncated)\n')).toBe(true);
    expect(await ws.repoMap(100_000)).toMatch(/\n {2}… \d+ more entries\n/);
  });

  it('recognises the common test file conventions', () => {
    expect(testPattern('src/a.test.tsx')).toBe('*.test.tsx');
    expect(testPattern('a.spec.js')).toBe('*.spec.js');
    expect(testPattern('tests/test_io.py')).toBe('test_*.py');
    expect(testPattern('io_test.py')).toBe('*_test.py');
    expect(testPattern('src/FooTest.java')).toBe('*Test.java');
    expect(testPattern('src/test.ts')).toBeUndefined();
  });
});
