// Tool definitions as the model sees them. Names and shapes follow openai/codex, which OpenAI's
// coding models are trained on. The order and text never change between turns: they are part of
// the cached prompt prefix.

import type { ToolSpec } from '../engine/index.js';

const APPLY_PATCH_DESCRIPTION = `Use the apply_patch tool to edit files. The input is a patch in this format:

*** Begin Patch
[ one or more file sections ]
*** End Patch

Each file section starts with one of three headers:
*** Add File: <path> - create a new file. Every following line starts with + and is a line of the file.
*** Delete File: <path> - remove an existing file. Nothing follows.
*** Update File: <path> - patch an existing file in place; may be followed at once by *** Move to: <new path> to rename it.

An Update File section has one or more hunks. A hunk may start with "@@" or "@@ <line>" where <line> is a
line of the file (a class or function header) that comes before the change and makes its place unique.
Then come the hunk's lines, each starting with one character:
  " " (space) an unchanged context line, "-" a line to remove, "+" a line to add.
Show about 3 lines of context above and below each change, copied exactly from the file. Hunks of a
file must follow the order of the file. End a hunk with "*** End of File" when it must match at the
end of the file.

Example:
*** Begin Patch
*** Add File: hello.txt
+Hello world
*** Update File: src/app.py
*** Move to: src/main.py
@@ def greet():
-    print("Hi")
+    print("Hello, world!")
*** Delete File: obsolete.txt
*** End Patch

Paths are relative to the workspace root. The whole patch applies or nothing does: if any hunk does not
match, no file is changed and the error shows what was not found.`;

export const TOOL_SPECS: readonly ToolSpec[] = Object.freeze([
  {
    name: 'shell',
    description:
      'Runs a command in the workspace and returns its exit code, wall time and output (stdout and stderr ' +
      'interleaved; long output keeps its beginning and end). The command is an argv array, e.g. ' +
      '["bash", "-lc", "npm test"]; a plain string runs through bash. Standard input is closed, so ' +
      'commands must not wait for input. Processes left running in the background are stopped when the ' +
      'command ends. The environment holds no credentials.',
    parameters: {
      type: 'object',
      properties: {
        command: {
          type: 'array',
          items: { type: 'string' },
          description: 'The command to execute, as an argv array, e.g. ["bash", "-lc", "ls -la"].',
        },
        workdir: {
          type: 'string',
          description:
            'The working directory, relative to the workspace root. Defaults to the root.',
        },
        timeout_ms: {
          type: 'number',
          description:
            'Milliseconds before the command is killed. Defaults to 120000; at most 1800000.',
        },
      },
      required: ['command'],
      additionalProperties: false,
    },
  },
  {
    name: 'apply_patch',
    description: APPLY_PATCH_DESCRIPTION,
    parameters: {
      type: 'object',
      properties: {
        input: {
          type: 'string',
          description: 'The entire patch, from *** Begin Patch to *** End Patch.',
        },
      },
      required: ['input'],
      additionalProperties: false,
    },
  },
  {
    name: 'read_file',
    description:
      'Reads a text file of the workspace and returns its lines numbered, at most 400 lines (20 KiB) per ' +
      'call; the last line of the answer says how to read on.',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Path relative to the workspace root.' },
        start_line: { type: 'number', description: 'First line to read, 1-based. Defaults to 1.' },
        end_line: {
          type: 'number',
          description: 'Last line to read, inclusive. Defaults to the end (within the limit).',
        },
      },
      required: ['path'],
      additionalProperties: false,
    },
  },
  {
    name: 'search',
    description:
      'Searches the repository. With a pattern: lines matching a POSIX extended regular expression ' +
      '(case-sensitive; git grep), as path:line:text. With only a glob: the file paths matching it. ' +
      'Both: matches in the files the glob selects. Ignored files are skipped.',
    parameters: {
      type: 'object',
      properties: {
        pattern: {
          type: 'string',
          description: 'Extended regular expression, e.g. "function [a-zA-Z]+Handler".',
        },
        glob: {
          type: 'string',
          description: 'Files to search or list, e.g. "src/**/*.ts" or "*.md".',
        },
        max_results: {
          type: 'number',
          description: 'Most results to return. Defaults to 100; at most 500.',
        },
      },
      additionalProperties: false,
    },
  },
  {
    name: 'update_plan',
    description:
      'Updates the plan for the goal: a short list of steps, each pending, in_progress or completed, with ' +
      'at most one in_progress. Call it when the plan changes or a step is done.',
    parameters: {
      type: 'object',
      properties: {
        explanation: { type: 'string', description: 'Why the plan changed, in a sentence.' },
        plan: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              step: { type: 'string' },
              status: { type: 'string', enum: ['pending', 'in_progress', 'completed'] },
            },
            required: ['step', 'status'],
            additionalProperties: false,
          },
        },
      },
      required: ['plan'],
      additionalProperties: false,
    },
  },
  {
    name: 'update_goal',
    description:
      'Tells the harness where the goal stands. status "complete" with evidence when you believe the ' +
      'outcome is achieved: the harness then runs the verifiers, which decide. status "blocked" with the ' +
      'blocker (and what is needed to unblock it) when the goal cannot progress without a person.',
    parameters: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['complete', 'blocked'] },
        evidence: {
          type: 'string',
          description: 'For complete: what shows the outcome is achieved.',
        },
        blocker: { type: 'string', description: 'For blocked: what stops progress.' },
        needs: { type: 'string', description: 'For blocked: what a person must do or decide.' },
      },
      required: ['status'],
      additionalProperties: false,
    },
  },
] satisfies ToolSpec[]);
