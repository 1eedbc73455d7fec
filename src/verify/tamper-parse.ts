// A small, forgiving reader of assertions in test code, for the vacuous-assertion tamper rules:
// where a call's arguments start and end, whether an expression is a constant, and which
// assertion a line makes (its function, the value checked and the value expected). Line-based
// and deliberately simple — a finding is shown to a person, and the baseline re-run is the oracle.

export interface Assertion {
  /** `assert.equal`, `expect().toBe`, `assert ==`, `self.assertEqual`: what kind of check. */
  kind: string;
  /** The value under test, as written (whitespace normalised). */
  actual: string;
  /** The value it is compared with, when the assertion has one. */
  expected?: string;
  /** Every value the check reads is a constant: it cannot fail, or can never pass. */
  constant: boolean;
}

const OPEN = '([{';
const CLOSE = ')]}';

/** Index just past the string literal starting at `i` (a quote), or the end of the text. */
function skipString(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== quote) j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

/**
 * The top-level comma-separated arguments of the bracket opened at `open`, and the index just past
 * its closing bracket; null when it does not close on this text.
 */
export function bracketArgs(text: string, open: number): { args: string[]; end: number } | null {
  let depth = 0;
  let start = open + 1;
  const args: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(text, i) - 1;
    } else if (OPEN.includes(ch)) {
      depth++;
    } else if (CLOSE.includes(ch)) {
      depth--;
      if (depth === 0) {
        const last = text.slice(start, i).trim();
        if (last !== '' || args.length > 0) args.push(last);
        return { args, end: i + 1 };
      }
    } else if (ch === ',' && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return null;
}

const WORD_LITERAL =
  /^(?:true|false|null|undefined|NaN|Infinity|None|True|False|nil|0[xob][\da-f_]+|-?\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?n?)$/i;

/** A literal value: number, string (no interpolation), boolean, null, or a collection of them. */
export function isLiteral(expr: string): boolean {
  const e = expr.trim().replace(/^[-+]\s*(?=\d)/, '');
  if (e === '') return false;
  if (WORD_LITERAL.test(e)) return true;
  const q = e[0];
  if (q === '"' || q === "'" || q === '`') {
    if (skipString(e, 0) !== e.length) return false;
    return !(q === '`' && e.includes('${'));
  }
  // Python string prefixes (b'', r''), but not f-strings, which interpolate.
  if (/^[bru]{1,2}["']/i.test(e)) return isLiteral(e.replace(/^[bru]{1,2}/i, ''));
  if (OPEN.includes(e[0]!) && e[0] !== '(') {
    const inner = bracketArgs(e, 0);
    if (!inner || inner.end !== e.length) return false;
    return inner.args.every((a) => {
      const pair = /^(?:[\w$]+|"[^"]*"|'[^']*')\s*:\s*(.+)$/.exec(a);
      return isLiteral(pair ? pair[1]! : a.replace(/^\.\.\./, ''));
    });
  }
  if (e[0] === '(') {
    const inner = bracketArgs(e, 0);
    return (
      !!inner && inner.end === e.length && inner.args.length > 0 && inner.args.every(isConstant)
    );
  }
  return false;
}

const BINARY_OPS = /\s*(?:===|!==|==|!=|<=|>=|&&|\|\||<|>|\s(?:and|or|is not|is|not in|in)\s)\s*/;

/** Splits at top-level binary operators (outside brackets and strings). */
function operands(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (ch === '"' || ch === "'" || ch === '`') i = skipString(expr, i) - 1;
    else if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth--;
    else if (depth === 0) {
      const m = BINARY_OPS.exec(expr.slice(i));
      if (m && m.index === 0 && m[0].trim() !== '') {
        parts.push(expr.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim());
}

/** An expression built only from literals (`1 === 1`, `!false`, `not None`, `(true)`). */
export function isConstant(expr: string): boolean {
  const parts = operands(expr.trim());
  return parts.every((p) => isLiteral(p.replace(/^(?:!+\s*|not\s+)/, '')));
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Node's and chai's assert functions that check a single value. */
const UNARY = new Set([
  '',
  'ok',
  'isTrue',
  'isFalse',
  'isOk',
  'isNotOk',
  'isNull',
  'isNotNull',
  'isDefined',
  'isUndefined',
  'exists',
  'notExists',
  'ifError',
  'assertTrue',
  'assertFalse',
  'assertIsNone',
  'assertIsNotNone',
]);
/** Assert functions that are not comparisons of a value with an expectation. */
const NOT_CHECKS = new Set([
  'fail',
  'throws',
  'rejects',
  'doesNotThrow',
  'doesNotReject',
  'assertRaises',
  'assertWarns',
  'assertLogs',
  'fail_',
]);

function callAssertion(kind: string, fn: string, args: string[]): Assertion | null {
  if (NOT_CHECKS.has(fn) || args.length === 0) return null;
  const unary = UNARY.has(fn);
  const actual = norm(args[0]!);
  const expected = unary || args[1] === undefined ? undefined : norm(args[1]);
  const checked = unary ? [actual] : [actual, ...(expected === undefined ? [] : [expected])];
  return {
    kind,
    actual,
    ...(expected !== undefined ? { expected } : {}),
    constant: checked.every(isConstant),
  };
}

/** The assertions a line of test code makes, in order. */
export function lineAssertions(line: string): Assertion[] {
  const found: Assertion[] = [];
  // assert(x), assert.equal(a, b), self.assertEqual(a, b), t.assert.ok(x)
  for (const m of line.matchAll(/(?<![\w$])(assert(?:\.(\w+))?|self\.(assert\w*))\s*\(/g)) {
    const call = bracketArgs(line, m.index + m[0].length - 1);
    if (!call) continue;
    const fn = m[2] ?? m[3] ?? '';
    const a = callAssertion(m[3] ? `self.${fn}` : m[1]!, fn, call.args);
    if (a) found.push(a);
  }
  // expect(actual).not.toBe(expected)
  for (const m of line.matchAll(/(?<![\w$.])expect\s*\(/g)) {
    const call = bracketArgs(line, m.index + m[0].length - 1);
    if (!call || call.args.length === 0) continue;
    const chain = /^((?:\s*\.\s*(?:not|resolves|rejects))*\s*\.\s*(\w+))\s*\(/.exec(
      line.slice(call.end),
    );
    const actual = norm(call.args[0]!);
    if (!chain) {
      found.push({ kind: 'expect', actual, constant: isConstant(actual) });
      continue;
    }
    const matcher = bracketArgs(line, call.end + chain[0].length - 1);
    const expected = matcher && matcher.args.length > 0 ? norm(matcher.args.join(', ')) : undefined;
    found.push({
      kind: `expect().${norm(chain[1]!).replace(/\s/g, '').replace(/^\./, '')}`,
      actual,
      ...(expected !== undefined ? { expected } : {}),
      // expect(literal) is decided before the code under test runs, whatever the matcher.
      constant: isConstant(actual),
    });
  }
  // pytest: assert <expr>[, message]
  const py = /^\s*assert\s+(?![\s(])(.+?)\s*$/.exec(line);
  if (py) {
    const test = splitMessage(py[1]!)[0]!;
    const parts = operands(test);
    const op = /\s*(===|!==|==|!=|<=|>=|<|>|\s(?:is not|is|not in|in)\s)\s*/.exec(test);
    const constant = isConstant(test);
    if (parts.length === 2 && op) {
      const [left, right] = parts.map(norm) as [string, string];
      const leftLit = isLiteral(left);
      found.push({
        kind: `assert ${op[1]!.trim()}`,
        actual: leftLit ? right : left,
        expected: leftLit ? left : right,
        constant,
      });
    } else {
      found.push({ kind: 'assert', actual: norm(test), constant });
    }
  }
  return found;
}

/** `a == b, "message"` → [`a == b`, `"message"`]: the top-level comma of a Python assert. */
function splitMessage(expr: string): string[] {
  const wrapped = bracketArgs(`(${expr})`, 0);
  return wrapped && wrapped.args.length > 0 ? wrapped.args : [expr];
}
