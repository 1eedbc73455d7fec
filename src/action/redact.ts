// Secrets never reach what the Action posts or sends to the model: the configured secrets by value
// and in the encodings a command or a model would use to smuggle them out (base64 and base64url at
// every byte alignment and across line wraps, URL or \x escapes, hex in either case, the
// `x-access-token:<token>` basic-auth form), and anything shaped like a GitHub or OpenAI credential
// by pattern (a token the agent found somewhere else).
//
// How to apply it:
// - `redact(text)` to any text: a comment, a PR body, a prompt, tool or verifier output.
// - `redact.text(body)` to a body that ends in the encoded goal record (the status comment): the
//   text before the record is redacted, the record's payload is left byte for byte, because a
//   replaced character would corrupt it.
// - `redact.value(record)` to the record itself before it is encoded: every string inside it.
//   Redacting the base64 of a gzip is pointless (a secret inside is compressed, not spelled), so
//   the record's strings must be clean before encoding.
// Apply the redactor BEFORE neutralising Markdown: neutralising inserts zero-width spaces that
// could split a secret's text.
import { Buffer } from 'node:buffer';
import { RECORD_MARKER } from '../state/codec.js';

const TOKEN_PATTERNS = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}\b/g,
  /\bAUTHORIZATION: (?:basic|bearer) [A-Za-z0-9+/=._-]+/gi,
  // git's basic-auth user for GitHub App and Actions tokens, as in https://x-access-token:…@host.
  /\bx-access-token:[^\s@'"`<>]+/gi,
];

const MASK = '***';
/** Shorter secrets are too likely to occur by chance (and to ruin ordinary text). */
const MIN_SECRET = 6;
/** An encoded core shorter than this would match random text. */
const MIN_CORE = 6;
/** A wrapped encoding (`base64` wraps at 76 columns, `xxd -p` at 60) may break between any two characters. */
const WRAP = '(?:\\r?\\n)?';
/** Tokens holding %XX or \xXX escapes, decoded and searched for a secret. */
const ESCAPED_TOKEN = /[^\s"'`<>]*(?:%[0-9A-Fa-f]{2}|\\x[0-9A-Fa-f]{2})[^\s"'`<>]*/g;

export interface Redactor {
  (text: string): string;
  /** A body ending in the encoded goal record: redacts the text, keeps the record's payload. */
  text(body: string): string;
  /** Every string inside a JSON-like value (the goal record before it is encoded); a copy. */
  value<T>(value: T): T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function wrappable(text: string, flags: string): RegExp {
  return new RegExp([...text].map(escapeRegExp).join(WRAP), flags);
}

/**
 * The base64 characters that depend only on `bytes`, wherever they sit in a longer stream: for
 * each of the three alignments, the encoding with the characters that mix in a neighbour's bits
 * cut off at both ends. Standard and URL-safe alphabets.
 */
export function base64Cores(bytes: Buffer): string[] {
  const cores = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(start, end);
    if (core.length < MIN_CORE) continue;
    cores.add(core);
    cores.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...cores];
}

/** Bytes of a token with its %XX and \xXX escapes decoded; other characters as UTF-8. */
function unescapeBytes(token: string): Buffer {
  const parts: Buffer[] = [];
  let plain = '';
  for (let i = 0; i < token.length; i++) {
    const escape = token[i] === '%' ? 1 : token[i] === '\\' && token[i + 1] === 'x' ? 2 : 0;
    const hex = escape ? token.slice(i + escape, i + escape + 2) : '';
    if (escape && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      parts.push(Buffer.from(plain, 'utf8'), Buffer.from([parseInt(hex, 16)]));
      plain = '';
      i += escape + 1;
    } else plain += token[i];
  }
  parts.push(Buffer.from(plain, 'utf8'));
  return Buffer.concat(parts);
}

function encodedForms(secret: Buffer): RegExp[] {
  return [
    ...base64Cores(secret).map((core) => wrappable(core, 'g')),
    wrappable(secret.toString('hex'), 'gi'),
  ];
}

/** base64 of "x-access-token:" (at any alignment) and the rest of that base64 run. */
const BASIC_AUTH_FORMS = base64Cores(Buffer.from('x-access-token:')).map(
  (core) => new RegExp(`${escapeRegExp(core)}[A-Za-z0-9+/_=-]*`, 'g'),
);

const RECORD_AT_END = new RegExp(`<!-- ${RECORD_MARKER} v\\d+ [A-Za-z0-9_-]* -->\\s*$`);

export function makeRedactor(secrets: string[]): Redactor {
  const values = [...new Set(secrets)]
    .filter((s) => s.length >= MIN_SECRET)
    .sort((a, b) => b.length - a.length);
  const buffers = values.map((v) => Buffer.from(v, 'utf8'));
  const forms = [...buffers.flatMap(encodedForms), ...BASIC_AUTH_FORMS];

  const redact = (text: string): string => {
    let out = text;
    for (const value of values) out = out.split(value).join(MASK);
    for (const form of forms) out = out.replace(form, MASK);
    if (buffers.length > 0)
      out = out.replace(ESCAPED_TOKEN, (token) => {
        const bytes = unescapeBytes(token);
        return buffers.some((b) => bytes.includes(b)) ? MASK : token;
      });
    for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, MASK);
    return out;
  };

  const text = (body: string): string => {
    const record = RECORD_AT_END.exec(body);
    if (!record) return redact(body);
    return redact(body.slice(0, record.index)) + body.slice(record.index);
  };

  const value = <T>(input: T, depth = 0): T => {
    if (typeof input === 'string') return redact(input) as T;
    if (input === null || typeof input !== 'object') return input;
    // Records are shallow; anything this deep is redacted through its JSON text instead.
    if (depth > 64) return JSON.parse(redact(JSON.stringify(input))) as T;
    if (Array.isArray(input)) return input.map((item) => value(item, depth + 1)) as T;
    return Object.fromEntries(
      Object.entries(input).map(([key, item]) => [key, value(item, depth + 1)]),
    ) as T;
  };

  return Object.assign(redact, { text, value: <T>(input: T) => value(input) });
}
