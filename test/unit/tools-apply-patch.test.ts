import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPatch } from '../../src/tools/apply-patch.js';
import { parsePatch } from '../../src/tools/patch-parser.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tools-patch-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const apply = (patch: string, protectedPaths: string[] = ['.github/workflows/**']) =>
  applyPatch(patch, { root, protectedPaths });
const read = (file: string) => readFile(path.join(root, file), 'utf8');
async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
}
const exists = (file: string) =>
  stat(path.join(root, file)).then(
    () => true,
    () => false,
  );

const APP = [
  'import os',
  '',
  'def greet():',
  '    print("Hi")',
  '',
  'def main():',
  '    greet()',
  '    return 0',
  '',
].join('\n');

describe('apply_patch', () => {
  it('adds, updates, moves and deletes files in one patch', async () => {
    await write('src/app.py', APP);
    await write('obsolete.txt', 'old\n');
    const result = await apply(`*** Begin Patch
*** Add File: docs/hello.txt
+Hello world
+
+bye
*** Update File: src/app.py
*** Move to: src/main.py
@@ def greet():
-    print("Hi")
+    print("Hello, world!")
*** Delete File: obsolete.txt
*** End Patch`);
    expect(result.ok).toBe(true);
    expect(result.output).toBe(
      'Success. Updated the following files:\nA docs/hello.txt\nM src/main.py (moved from src/app.py)\nD obsolete.txt',
    );
    expect(await read('docs/hello.txt')).toBe('Hello world\n\nbye\n');
    expect(await read('src/main.py')).toBe(APP.replace('print("Hi")', 'print("Hello, world!")'));
    expect(await exists('src/app.py')).toBe(false);
    expect(await exists('obsolete.txt')).toBe(false);
  });

  it('applies several hunks in order, with context, and an end-of-file hunk', async () => {
    await write('app.py', APP);
    const result = await apply(`*** Begin Patch
*** Update File: app.py
@@
 import os
+import sys
 
 def greet():
@@ def main():
     greet()
-    return 0
+    return 1
*** End of File
*** End Patch`);
    expect(result.output).toMatch(/^Success/);
    expect(await read('app.py')).toBe(
      APP.replace('import os\n', 'import os\nimport sys\n').replace('return 0', 'return 1'),
    );
  });

  it('tolerates trailing whitespace differences and keeps CRLF line endings', async () => {
    await write('win.txt', 'alpha  \r\nbeta\r\ngamma\r\n');
    const result = await apply(`*** Begin Patch
*** Update File: win.txt
 alpha
-beta
+BETA
 gamma
*** End Patch`);
    expect(result.ok).toBe(true);
    expect(await read('win.txt')).toBe('alpha  \r\nBETA\r\ngamma\r\n');
  });

  it('leaves every file untouched when one hunk fails, and says which hunk and where it is closest', async () => {
    await write('a.txt', 'one\ntwo\nthree\n');
    await write('app.py', APP);
    const result = await apply(`*** Begin Patch
*** Update File: a.txt
-two
+TWO
*** Add File: new.txt
+new
*** Update File: app.py
@@ def greet():
-    print("Hi")
+    print("Hey")
@@
 def main():
     greet()
-    return 42
+    return 1
*** End Patch`);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('no file was changed');
    expect(result.output).toContain('app.py: hunk 2 of 2 did not apply');
    expect(result.output).toContain('    return 42');
    expect(result.output).toMatch(/Closest region of app\.py \(lines 6-8; 2 of 3 lines match\)/);
    expect(result.output).toMatch(/\s+8 {2} {4}return 0/);
    expect(await read('a.txt')).toBe('one\ntwo\nthree\n');
    expect(await read('app.py')).toBe(APP);
    expect(await exists('new.txt')).toBe(false);
  });

  it('refuses to update a missing file and suggests Add File', async () => {
    const result = await apply('*** Begin Patch\n*** Update File: nope.txt\n-a\n+b\n*** End Patch');
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      'nope.txt: cannot update it, the file does not exist (use "*** Add File:" to create it)',
    );
  });

  it('refuses paths outside the workspace: absolute, .. and through a symlink', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'tools-outside-'));
    try {
      await writeFile(path.join(outside, 'target.txt'), 'outside\n');
      await symlink(outside, path.join(root, 'link'));
      for (const target of [
        path.join(outside, 'target.txt'),
        '../escape.txt',
        'link/target.txt',
        'link/new.txt',
      ]) {
        const result = await apply(
          `*** Begin Patch\n*** Add File: ${target}\n+pwned\n*** End Patch`,
        );
        expect(result.ok, target).toBe(false);
        expect(result.output, target).toMatch(/absolute|outside the workspace/);
      }
      expect(await readFile(path.join(outside, 'target.txt'), 'utf8')).toBe('outside\n');
      expect(await exists('../escape.txt')).toBe(false);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses a dangling symlink that would write outside', async () => {
    await symlink('/tmp/goal-action-dangling-target-does-not-exist', path.join(root, 'dangling'));
    const result = await apply('*** Begin Patch\n*** Add File: dangling\n+x\n*** End Patch');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/symbolic link|outside the workspace/);
  });

  it('refuses protected paths and .git, including as a move target', async () => {
    await write('ci.yml', 'on: push\n');
    const cases = [
      '*** Add File: .github/workflows/evil.yml\n+on: push',
      '*** Update File: ci.yml\n*** Move to: .github/workflows/ci.yml\n-on: push\n+on: pull_request',
      '*** Add File: .git/hooks/pre-commit\n+#!/bin/sh',
    ];
    for (const body of cases) {
      const result = await apply(`*** Begin Patch\n${body}\n*** End Patch`);
      expect(result.ok, body).toBe(false);
      expect(result.output, body).toMatch(/protected path/);
    }
    expect(await exists('.github/workflows/evil.yml')).toBe(false);
    expect(await read('ci.yml')).toBe('on: push\n');
    const custom = await apply('*** Begin Patch\n*** Add File: secrets/x.txt\n+x\n*** End Patch', [
      'secrets/',
    ]);
    expect(custom.output).toMatch(/"secrets\/x\.txt" is a protected path/);
  });

  it('reports syntax errors with the line', async () => {
    const missingBegin = await apply('*** Update File: a\n-x\n+y\n*** End Patch');
    expect(missingBegin.output).toMatch(/must start with "\*\*\* Begin Patch"/);
    const badLine = await apply('*** Begin Patch\n*** Update File: a\n x\n?y\n*** End Patch');
    expect(badLine.output).toMatch(/line 4: .* got: \?y/);
  });
});

describe('parsePatch', () => {
  it('ignores a heredoc wrapper and unified-diff ranges, and keeps consecutive anchors', () => {
    const ops = parsePatch(`apply_patch <<'EOF'
*** Begin Patch
*** Update File: a.py
@@ -10,4 +10,5 @@
@@ class A:
@@     def f(self):
-        pass
+        return 1
*** End Patch
EOF`);
    expect(ops).toEqual([
      {
        kind: 'update',
        path: 'a.py',
        hunks: [
          {
            number: 1,
            anchors: ['class A:', 'def f(self):'],
            oldLines: ['        pass'],
            newLines: ['        return 1'],
            newFromOld: [-1],
            endOfFile: false,
          },
        ],
      },
    ]);
  });
});
