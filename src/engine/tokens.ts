// A deterministic token estimate (UTF-8 bytes / 4). The provider's own counts are what the ledger
// charges; this estimate only sizes requests before they are sent.

const encoder = new TextEncoder();

export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  // ASCII-only strings are the common case; skip the encode.
  // eslint-disable-next-line no-control-regex
  const bytes = /^[\x00-\x7f]*$/.test(text) ? text.length : encoder.encode(text).length;
  return Math.ceil(bytes / 4);
}

/** Keeps at most `maxTokens` of text: the head and the tail, with a marker saying what was cut. */
export function clipToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  const keep = Math.max(0, maxTokens * 4 - 80);
  const head = text.slice(0, Math.floor(keep / 2));
  const tail = text.slice(text.length - Math.floor(keep / 2));
  const omitted = text.length - head.length - tail.length;
  return `${head}\n… [${omitted} characters omitted] …\n${tail}`;
}
