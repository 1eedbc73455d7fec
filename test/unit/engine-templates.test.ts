// Prompt templates: every text the model reads is a template in src/engine/templates/, rendered
// with exactly its variables. A missing or an unknown variable is an error, never a hole or a
// stray placeholder in a request.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defineTemplate,
  renderTemplate,
  TemplateError,
  type Template,
} from '../../src/engine/templates/render.js';
import { reviewPrompt, renderSnapshot } from '../../src/engine/prompts.js';
import { testRecord } from '../support/engine-fakes.js';

const GREETING = defineTemplate('greeting', 'Hello {{name}}, you have {{count}} tasks.');

describe('renderTemplate', () => {
  it('fills every variable', () => {
    expect(renderTemplate(GREETING, { name: 'Ada', count: 3 })).toBe(
      'Hello Ada, you have 3 tasks.',
    );
  });

  it('refuses a missing variable, naming it and the template', () => {
    expect(() => renderTemplate(GREETING, { name: 'Ada' })).toThrow(TemplateError);
    expect(() => renderTemplate(GREETING, { name: 'Ada' })).toThrow(
      'Template "greeting" needs "count"; it was given "name".',
    );
  });

  it('refuses an unknown variable, naming what the template uses', () => {
    expect(() => renderTemplate(GREETING, { name: 'Ada', count: 1, colour: 'red' })).toThrow(
      'Template "greeting" has no variable "colour"; it uses "name", "count".',
    );
    expect(() => renderTemplate(defineTemplate('plain', 'No variables.'), { x: 1 })).toThrow(
      'it uses no variables',
    );
  });

  it('inserts values once: text that looks like a placeholder stays as it is', () => {
    const hostile = 'see {{count}} and $& and $1';
    expect(renderTemplate(GREETING, { name: hostile, count: 2 })).toBe(
      'Hello see {{count}} and $& and $1, you have 2 tasks.',
    );
    // The diff the review reads comes from the agent's branch: it cannot reach other variables.
    expect(reviewPrompt('{{diff}} {{other}}')).toContain('{{diff}} {{other}}');
  });

  it('refuses a malformed placeholder when the template is defined', () => {
    expect(() => defineTemplate('typo', 'Hello {{ name }}')).toThrow(/malformed placeholder/);
    expect(() => defineTemplate('unclosed', 'Hello {{name')).toThrow(/malformed placeholder/);
  });
});

describe('the engine templates', () => {
  const dir = join(import.meta.dirname, '../../src/engine/templates');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'render.ts');

  it('are all templates, and each renders with exactly its own variables', async () => {
    let count = 0;
    for (const file of files) {
      const mod = (await import(join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === 'string') continue; // labels and markers, not templates
        const template = value as Template;
        expect(template.vars, `${file}: ${name}`).toBeInstanceOf(Set);
        const vars = Object.fromEntries([...template.vars].map((v) => [v, `<${v}>`]));
        const text = renderTemplate(template, vars);
        expect(text, `${file}: ${name}`).not.toMatch(/\{\{|\}\}/);
        for (const v of template.vars) expect(text).toContain(`<${v}>`);
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(30);
  });

  it('leave no gap where an optional part is absent', () => {
    const snapshot = renderSnapshot(testRecord());
    expect(snapshot).not.toMatch(/\n{3,}/);
    expect(snapshot.startsWith('# The goal starts now.\n\n## Plan\n\n')).toBe(true);
  });
});
