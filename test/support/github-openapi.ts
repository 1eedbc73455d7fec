// GitHub's own REST description (@octokit/openapi, generated from github/rest-api-description),
// used to hold the GitHub fake to what GitHub really accepts and answers: every request the fake
// receives must be a documented operation with documented parameters and a body that fits the
// operation's schema, and every answer the fake sends must be a documented status with a body that
// fits GitHub's response schema. A fake that drifts from GitHub fails the tests that use it.
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is untyped JSON */

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export; under NodeNext the callable is `.default`.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (a: Ajv) => Ajv;

interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: unknown;
  /** Where its schema is in the document, for validators that resolve its `$ref`s. */
  pointer: string;
}

interface Operation {
  method: string;
  template: string;
  operationId: string;
  pattern: RegExp;
  pathParams: string[];
  literalChars: number;
  /** JSON pointer into the document for each declared parameter's schema. */
  params: Param[];
  bodyPointer?: string;
  bodyRequired: boolean;
  responses: Record<string, { pointer: string; json: boolean }>;
}

export interface OpenApiCheck {
  /** The operation matched (e.g. `issues/create-comment`), when one was. */
  operationId?: string;
  /** What does not fit GitHub's description; empty when the exchange is valid. */
  problems: string[];
}

const DOC_ID = 'https://api.github.com/openapi.json';
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head'];

function pointerEscape(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows a local `$ref` (`#/components/...`) to its target and that target's pointer. */
function deref(doc: any, value: any, pointer: string): { value: any; pointer: string } {
  let v = value;
  let p = pointer;
  for (let i = 0; i < 5 && v && typeof v.$ref === 'string'; i++) {
    p = v.$ref;
    v = p
      .slice(2)
      .split('/')
      .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((o: any, k: string) => o?.[k], doc);
  }
  return { value: v, pointer: p };
}

/**
 * OpenAPI 3.0 writes "or null" as `nullable: true`, also on schemas without a `type` (an `allOf`
 * of a reference, say), which Ajv does not accept: those become `anyOf: [schema, null]`.
 */
function normaliseNullable(node: any, depth = 0): void {
  if (!node || typeof node !== 'object' || depth > 200) return;
  for (const value of Object.values(node)) normaliseNullable(value, depth + 1);
  if (Array.isArray(node) || node.nullable !== true) return;
  // Ajv checks `enum` before `nullable`: null must be one of the values.
  if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  if (node.type !== undefined) return;
  const inner: any = {};
  for (const key of Object.keys(node)) {
    if (key !== 'nullable' && key !== 'description' && key !== 'title') inner[key] = node[key];
    if (key !== 'description' && key !== 'title') delete node[key];
  }
  node.anyOf = [inner, { type: 'null' }];
}

function indexOperations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries<any>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const base = `#/paths/${pointerEscape(template)}/${method}`;
      const params: Param[] = (op.parameters ?? []).map((raw: any, i: number) => {
        const r = deref(doc, raw, `${base}/parameters/${i}`);
        return { ...r.value, pointer: `${r.pointer}/schema` } as Param;
      });
      const multi = new Set(
        params.filter((p: any) => p.in === 'path' && p['x-multi-segment']).map((p) => p.name),
      );
      const pathParams: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, n) => {
        pathParams.push(n);
        return multi.has(n) ? '(.+)' : '([^/]+)';
      });
      const responses: Operation['responses'] = {};
      for (const [status, raw] of Object.entries<any>(op.responses ?? {})) {
        const r = deref(doc, raw, `${base}/responses/${status}`);
        const json = Boolean(r.value?.content?.['application/json']?.schema);
        responses[status] = {
          pointer: `${r.pointer}/content/application~1json/schema`,
          json,
        };
      }
      let bodyPointer: string | undefined;
      let bodyRequired = false;
      if (op.requestBody) {
        const rb = deref(doc, op.requestBody, `${base}/requestBody`);
        bodyRequired = Boolean(rb.value.required);
        if (rb.value.content?.['application/json']?.schema)
          bodyPointer = `${rb.pointer}/content/application~1json/schema`;
      }
      ops.push({
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        pattern: new RegExp(`^${source}$`),
        pathParams,
        literalChars: template.replace(/\{\w+\}/g, '').length,
        params,
        ...(bodyPointer ? { bodyPointer } : {}),
        bodyRequired,
        responses,
      });
    }
  }
  // The most specific template first: `/issues/comments/{id}` before `/issues/{number}/…`.
  return ops.sort((a, b) => b.literalChars - a.literalChars);
}

function describe(v: ValidateFunction): string[] {
  return (v.errors ?? [])
    .slice(0, 6)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`.trim());
}

export class GitHubOpenApi {
  private readonly ops: Operation[];
  /** Parameters arrive as text: this instance coerces them to the declared types. */
  private readonly paramAjv: Ajv;
  private readonly bodyAjv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly doc: any) {
    normaliseNullable(doc.components);
    normaliseNullable(doc.paths);
    this.ops = indexOperations(doc);
    const make = (coerceTypes: boolean): Ajv => {
      const ajv = new Ajv({
        strict: false,
        allErrors: true,
        validateSchema: false,
        coerceTypes,
        logger: false,
      });
      addFormats(ajv);
      ajv.addSchema(doc, DOC_ID);
      return ajv;
    };
    this.paramAjv = make(true);
    this.bodyAjv = make(false);
  }

  /** The documented operation for a method and a raw (still percent-encoded) path. */
  find(method: string, path: string): { op: Operation; values: Record<string, string> } | null {
    for (const op of this.ops) {
      if (op.method !== method) continue;
      const m = op.pattern.exec(path);
      if (!m) continue;
      const values: Record<string, string> = {};
      op.pathParams.forEach((name, i) => (values[name] = m[i + 1]!));
      return { op, values };
    }
    return null;
  }

  private validator(ajv: Ajv, key: string, schema: object): ValidateFunction {
    const cacheKey = `${ajv === this.paramAjv ? 'p' : 'b'}:${key}`;
    let v = this.compiled.get(cacheKey);
    if (!v) {
      v = ajv.compile(schema);
      this.compiled.set(cacheKey, v);
    }
    return v;
  }

  private ref(pointer: string): ValidateFunction {
    return this.validator(this.bodyAjv, pointer, { $ref: `${DOC_ID}${pointer}` });
  }

  /** Checks a request as it would reach api.github.com. */
  checkRequest(
    method: string,
    rawPath: string,
    query: URLSearchParams,
    body: unknown,
  ): OpenApiCheck {
    const found = this.find(method, rawPath);
    if (!found)
      return { problems: [`${method} ${rawPath} is not an operation in GitHub's REST API`] };
    const { op, values } = found;
    const problems: string[] = [];
    for (const [name, raw] of Object.entries(values)) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(raw);
      } catch {
        problems.push(`path parameter ${name} is not valid percent-encoding: ${raw}`);
        continue;
      }
      // One encoding, as GitHub decodes it once: `%25` left after decoding means double encoding.
      if (/%[0-9A-Fa-f]{2}/.test(decoded))
        problems.push(`path parameter ${name} looks encoded twice: ${raw}`);
      values[name] = decoded;
    }
    const declared = new Map(op.params.map((p) => [`${p.in}:${p.name}`, p]));
    const inputs: Record<string, unknown> = { ...values };
    for (const [name, value] of query) {
      if (!declared.has(`query:${name}`))
        problems.push(`query parameter "${name}" is not declared for ${op.operationId}`);
      else inputs[name] = value;
    }
    const paramSchema = {
      type: 'object',
      properties: Object.fromEntries(
        op.params
          .filter((p) => p.in === 'path' || p.in === 'query')
          .map((p) => [p.name, p.schema ? { $ref: `${DOC_ID}${p.pointer}` } : {}]),
      ),
      required: op.params.filter((p) => p.in === 'path' || p.required).map((p) => p.name),
    };
    const pv = this.validator(this.paramAjv, `${op.method} ${op.template}`, paramSchema);
    if (!pv(inputs)) problems.push(...describe(pv).map((d) => `parameters ${d}`));
    const hasBody = body !== undefined;
    if (op.bodyPointer) {
      if (!hasBody && op.bodyRequired) problems.push('the request body is required');
      if (hasBody) {
        const bv = this.ref(op.bodyPointer);
        if (!bv(body)) problems.push(...describe(bv).map((d) => `body ${d}`));
      }
    } else if (hasBody && method !== 'GET') {
      problems.push(`${op.operationId} takes no request body`);
    }
    return {
      operationId: op.operationId,
      problems: problems.map((p) => `${op.operationId}: ${p}`),
    };
  }

  /** Checks an answer against what GitHub documents for that operation and status. */
  checkResponse(method: string, rawPath: string, status: number, body: unknown): OpenApiCheck {
    const found = this.find(method, rawPath);
    if (!found) return { problems: [] }; // already reported for the request
    const { op } = found;
    const r = op.responses[String(status)] ?? op.responses.default;
    if (!r)
      return {
        operationId: op.operationId,
        problems: [
          `${op.operationId}: GitHub documents no ${status} answer (only ${Object.keys(op.responses).join(', ')})`,
        ],
      };
    if (!r.json || body === undefined) return { operationId: op.operationId, problems: [] };
    const v = this.ref(r.pointer);
    return {
      operationId: op.operationId,
      problems: v(body) ? [] : describe(v).map((d) => `${op.operationId} ${status} response: ${d}`),
    };
  }

  /** An error any operation may answer: GitHub's basic error (validation errors for 422). */
  checkError(status: number, body: unknown): string[] {
    if (body === undefined) return [];
    const name = status === 422 ? 'validation-error' : 'basic-error';
    const v = this.ref(`#/components/schemas/${name}`);
    return v(body) ? [] : describe(v).map((d) => `${status} error body (${name}): ${d}`);
  }

  /** An example GitHub publishes for a component (`issue-comment`, `pull-request`, …). */
  example(name: string): any {
    const value = this.doc.components.examples[name]?.value;
    if (value === undefined) throw new Error(`github-openapi: no example named ${name}`);
    return structuredClone(value);
  }
}

let shared: GitHubOpenApi | undefined;

/** One parsed description per test process: it is 13 MB of JSON. */
export function githubOpenApi(): GitHubOpenApi {
  shared ??= new GitHubOpenApi(require('@octokit/openapi/generated/api.github.com.json'));
  return shared;
}
