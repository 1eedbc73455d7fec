// The apply_patch tool. The whole patch is parsed and every hunk applied in memory first; only a
// patch that applies cleanly everywhere touches the disk, so a bad hunk never leaves the
// workspace half-edited. A failure while writing restores what was already written.

import { applyHunks, HunkError } from './patch-hunks.js';
import { parsePatch, PatchSyntaxError, type PatchOperation } from './patch-parser.js';
import { assertWritable, PathError, resolveInWorkspace, type ResolvedPath } from './paths.js';
import { readInside, unlinkInside, workspaceRoot, writeInside, type Inside } from './safe-fs.js';

export interface ApplyPatchOptions {
  root: string;
  protectedPaths: readonly string[];
  /** Make new files and directories group-writable (the agent user shares the workspace by group). */
  shareWithGroup?: boolean;
}

export interface ApplyPatchResult {
  ok: boolean;
  output: string;
}

interface PlannedFile {
  target: ResolvedPath;
  /** New text, or null to delete. */
  content: string | null;
  /** Mode to give a new file (a moved file keeps its executable bit). */
  mode?: number;
}

export async function applyPatch(
  patchText: string,
  options: ApplyPatchOptions,
): Promise<ApplyPatchResult> {
  let operations: PatchOperation[];
  try {
    operations = parsePatch(patchText);
  } catch (error) {
    if (error instanceof PatchSyntaxError)
      return { ok: false, output: `Invalid patch: ${error.message}` };
    throw error;
  }

  const planned = new Map<string, PlannedFile>();
  const summary: string[] = [];
  const errors: string[] = [];
  const ws = await workspaceRoot(options.root);
  for (const operation of operations) {
    try {
      summary.push(await planOperation(operation, planned, options, ws));
    } catch (error) {
      if (error instanceof PathError || error instanceof HunkError || error instanceof PlanError) {
        errors.push(error.message);
      } else throw error;
    }
  }
  if (errors.length > 0) {
    return {
      ok: false,
      output: `The patch was not applied; no file was changed.\n\n${errors.join('\n\n')}`,
    };
  }

  const writeError = await writeAll([...planned.values()], options, ws);
  if (writeError)
    return { ok: false, output: `The patch was not applied; no file was changed. ${writeError}` };
  return { ok: true, output: `Success. Updated the following files:\n${summary.join('\n')}` };
}

class PlanError extends Error {}

async function planOperation(
  operation: PatchOperation,
  planned: Map<string, PlannedFile>,
  options: ApplyPatchOptions,
  ws: Inside,
): Promise<string> {
  const target = resolveInWorkspace(options.root, operation.path);
  assertWritable(target.relative, options.protectedPaths);
  const current = await currentText(target, planned, ws);

  if (operation.kind === 'add') {
    if (current.kind === 'directory')
      throw new PlanError(`${target.relative}: cannot add a file; a directory is there.`);
    const content = operation.lines.length === 0 ? '' : `${operation.lines.join('\n')}\n`;
    planned.set(target.absolute, { target, content });
    return `${current.kind === 'file' ? 'M' : 'A'} ${target.relative}`;
  }
  if (current.kind !== 'file') {
    const verb = operation.kind === 'delete' ? 'delete' : 'update';
    throw new PlanError(
      current.kind === 'directory'
        ? `${target.relative}: cannot ${verb} a directory.`
        : `${target.relative}: cannot ${verb} it, the file does not exist${operation.kind === 'update' ? ' (use "*** Add File:" to create it)' : ''}.`,
    );
  }
  if (operation.kind === 'delete') {
    planned.set(target.absolute, { target, content: null });
    return `D ${target.relative}`;
  }
  if (current.text.includes('\0'))
    throw new PlanError(`${target.relative}: is a binary file; apply_patch edits text files.`);
  const updated =
    operation.hunks.length > 0
      ? applyHunks(target.relative, current.text, operation.hunks)
      : current.text;
  if (operation.moveTo === undefined) {
    planned.set(target.absolute, { target, content: updated });
    return `M ${target.relative}`;
  }
  const destination = resolveInWorkspace(options.root, operation.moveTo);
  assertWritable(destination.relative, options.protectedPaths);
  const existing = await currentText(destination, planned, ws);
  if (existing.kind === 'directory')
    throw new PlanError(`${destination.relative}: cannot move a file there; it is a directory.`);
  planned.set(target.absolute, { target, content: null });
  planned.set(destination.absolute, {
    target: destination,
    content: updated,
    ...(current.mode === undefined ? {} : { mode: current.mode }),
  });
  return `M ${destination.relative} (moved from ${target.relative})`;
}

type Current =
  { kind: 'missing' } | { kind: 'directory' } | { kind: 'file'; text: string; mode?: number };

/** The file as the patch so far leaves it: planned content first, the disk otherwise. */
async function currentText(
  target: ResolvedPath,
  planned: Map<string, PlannedFile>,
  ws: Inside,
): Promise<Current> {
  const plan = planned.get(target.absolute);
  if (plan)
    return plan.content === null
      ? { kind: 'missing' }
      : {
          kind: 'file',
          text: plan.content,
          ...(plan.mode === undefined ? {} : { mode: plan.mode }),
        };
  try {
    return await readInside(ws, target.absolute, target.relative);
  } catch (error) {
    if (error instanceof PathError) throw error;
    throw new PlanError(`${target.relative}: cannot be read (${(error as Error).message}).`);
  }
}

interface Original {
  file: PlannedFile;
  content: Buffer | null;
  mode?: number;
}

/** Writes every planned file; on the first failure restores the ones already written. */
async function writeAll(
  files: PlannedFile[],
  options: ApplyPatchOptions,
  ws: Inside,
): Promise<string | undefined> {
  const done: Original[] = [];
  const shared = options.shareWithGroup === true;
  for (const file of files) {
    const original = await snapshot(file, ws);
    try {
      if (file.content === null) {
        if (original.content !== null)
          await unlinkInside(
            ws,
            file.target.absolute,
            file.target.relative,
            options.protectedPaths,
          );
      } else {
        const mode =
          original.content === null ? (file.mode ?? (shared ? 0o664 : undefined)) : undefined;
        await writeInside(ws, file.target.absolute, file.target.relative, file.content, {
          protectedPaths: options.protectedPaths,
          ...(mode !== undefined ? { fileMode: mode } : {}),
          ...(shared ? { dirMode: 0o2775 } : {}),
        });
      }
      done.push(original);
    } catch (error) {
      done.push(original);
      await restore(done.reverse(), options, ws);
      const message = error instanceof PathError ? error.message : (error as Error).message;
      return `Writing ${file.target.relative} failed: ${message}. Files already written were restored.`;
    }
  }
  return undefined;
}

async function snapshot(file: PlannedFile, ws: Inside): Promise<Original> {
  try {
    const current = await readInside(ws, file.target.absolute, file.target.relative);
    if (current.kind !== 'file') return { file, content: null };
    return { file, content: Buffer.from(current.text, 'utf8'), mode: current.mode };
  } catch {
    return { file, content: null };
  }
}

async function restore(
  originals: Original[],
  options: ApplyPatchOptions,
  ws: Inside,
): Promise<void> {
  for (const original of originals) {
    const { absolute, relative } = original.file.target;
    try {
      if (original.content === null)
        await unlinkInside(ws, absolute, relative, options.protectedPaths).catch(() => undefined);
      else
        await writeInside(ws, absolute, relative, original.content, {
          protectedPaths: options.protectedPaths,
          ...(original.mode !== undefined ? { fileMode: original.mode } : {}),
        });
    } catch {
      // Best effort: the error already returned names the file that failed.
    }
  }
}
