// The one way prompt text is filled in. A template names its variables as {{name}}; rendering
// needs exactly those: a missing or an unknown variable is an error, so a renamed variable or a
// forgotten one fails the first test that renders it instead of sending the model a hole. Values
// are inserted once and never scanned again: text from the issue tracker that looks like {{name}}
// stays as it is.

export interface Template {
  /** For error messages: which template. */
  readonly name: string;
  readonly text: string;
  /** The variables the text uses, each once or more. */
  readonly vars: ReadonlySet<string>;
}

export type TemplateVars = Record<string, string | number>;

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;

/** A template from its text; a `{{` that does not open a well-formed variable is refused here. */
export function defineTemplate(name: string, text: string): Template {
  const vars = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
  const stray = text.replace(PLACEHOLDER, '').match(/\{\{|\}\}/);
  if (stray)
    throw new TemplateError(
      `Template "${name}" has a malformed placeholder near "${stray[0]}": write {{name}} with a letter first and letters or digits after.`,
    );
  return { name, text, vars };
}

/** The template with every variable filled in. */
export function renderTemplate(template: Template, vars: TemplateVars): string {
  const given = Object.keys(vars);
  const unknown = given.filter((key) => !template.vars.has(key));
  if (unknown.length)
    throw new TemplateError(
      `Template "${template.name}" has no variable ${unknown.map((k) => `"${k}"`).join(', ')}; it uses ${describe(template.vars)}.`,
    );
  const missing = [...template.vars].filter((key) => !Object.hasOwn(vars, key));
  if (missing.length)
    throw new TemplateError(
      `Template "${template.name}" needs ${missing.map((k) => `"${k}"`).join(', ')}; it was given ${given.length ? given.map((k) => `"${k}"`).join(', ') : 'nothing'}.`,
    );
  return template.text.replace(PLACEHOLDER, (_, key: string) => String(vars[key]));
}

function describe(vars: ReadonlySet<string>): string {
  return vars.size ? [...vars].map((k) => `"${k}"`).join(', ') : 'no variables';
}
