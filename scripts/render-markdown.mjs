#!/usr/bin/env node
// Draws Markdown the way GitHub shows it in a comment or a PR body — GitHub-flavoured Markdown
// (tables, alerts, task lists, <details>), GitHub's stylesheet, mermaid diagrams — in headless
// Chromium, to PNG files a person (or a reviewing engineer) can look at.
//
//   node scripts/render-markdown.mjs [--open] [--dark] --out DIR FILE.md…
//
// --open expands every <details> (GitHub shows them collapsed; the default does too).
// Needs Debian's chromium (scripts/render-setup.sh) and the devDependencies marked, marked-alert,
// github-markdown-css and mermaid. Exits 2 with a message when chromium is missing.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** GitHub's comment column is about 880 px wide inside a 1012 px page. */
const WIDTH = 920;
const MAX_HEIGHT = 16_000;
const CHROMIUM_TIMEOUT_MS = 60_000;

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--hide-scrollbars',
  '--force-device-scale-factor=1',
];

/** The chromium binary on PATH, or undefined. */
export async function findChromium() {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      await run('sh', ['-c', `command -v ${name}`]);
      return name;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The Markdown as GitHub-flavoured HTML, with mermaid blocks left for mermaid to draw. */
export async function markdownToHtml(markdown) {
  const { Marked } = await import('marked');
  const { default: markedAlert } = await import('marked-alert');
  // GitHub renders a single newline in comments and PR bodies as a line break.
  const marked = new Marked({ gfm: true, breaks: true });
  marked.use(markedAlert());
  marked.use({
    renderer: {
      code({ text, lang }) {
        if (lang === 'mermaid') return `<pre class="mermaid">${escapeHtml(text)}</pre>\n`;
        return false;
      },
    },
  });
  return marked.parse(markdown);
}

async function page(markdown, { open, dark }) {
  const css = await readFile(
    require.resolve(`github-markdown-css/github-markdown-${dark ? 'dark' : 'light'}.css`),
    'utf8',
  );
  const mermaid = pathToFileURL(require.resolve('mermaid/dist/mermaid.min.js')).href;
  let body = await markdownToHtml(markdown);
  if (open) body = body.replace(/<details(?![^>]*\bopen\b)/g, '<details open');
  return `<!doctype html><html><head><meta charset="utf-8">
<style>${css}
body { margin: 0; background: ${dark ? '#0d1117' : '#ffffff'}; }
.markdown-body { box-sizing: border-box; width: ${WIDTH}px; padding: 16px 24px; }
.markdown-alert { padding: 0.5rem 1rem; margin-bottom: 16px; border-left: .25em solid #9a6700; }
.markdown-alert-title { font-weight: 500; color: #9a6700; }
</style>
<script src="${mermaid}"></script></head>
<body><article class="markdown-body">${body}</article>
<script>
  (async () => {
    try {
      mermaid.initialize({ startOnLoad: false, theme: '${dark ? 'dark' : 'default'}', securityLevel: 'strict' });
      await mermaid.run({ querySelector: 'pre.mermaid' });
    } catch (error) {
      const pre = document.createElement('pre');
      pre.id = 'mermaid' + '-error';
      pre.textContent = String(error);
      document.body.prepend(pre);
    }
    document.body.dataset.diagrams = String(document.querySelectorAll('pre.mermaid svg').length);
    document.body.dataset.height = String(document.querySelector('article').getBoundingClientRect().height);
    document.title = 'rendered';
  })();
</script></body></html>`;
}

async function chromium(binary, profile, args) {
  const { stdout } = await run(
    binary,
    [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--virtual-time-budget=15000', ...args],
    { timeout: CHROMIUM_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** Renders one Markdown text to a PNG at `out`; returns its height, the diagrams drawn and any mermaid error. */
export async function renderToPng(markdown, out, opts = {}) {
  const binary = opts.chromium ?? (await findChromium());
  if (!binary) throw new Error('chromium is not installed: run scripts/render-setup.sh');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'render-md-'));
  try {
    const html = path.join(dir, 'page.html');
    await writeFile(html, await page(markdown, opts));
    const url = pathToFileURL(html).href;
    // First pass measures the drawn page (mermaid changes its height); the second takes the picture.
    const dom = await chromium(binary, path.join(dir, 'profile-1'), ['--dump-dom', url]);
    const height = Number(/data-height="([\d.]+)"/.exec(dom)?.[1] ?? 1200);
    const mermaidError = /<pre id="mermaid-error">([^<]*)<\/pre>/.exec(dom)?.[1];
    const size = Math.min(MAX_HEIGHT, Math.ceil(height) + 8);
    await mkdir(path.dirname(out), { recursive: true });
    await chromium(binary, path.join(dir, 'profile-2'), [
      `--window-size=${WIDTH},${size}`,
      `--screenshot=${path.resolve(out)}`,
      url,
    ]);
    const diagrams = Number(/data-diagrams="(\d+)"/.exec(dom)?.[1] ?? 0);
    return { height: size, diagrams, ...(mermaidError ? { mermaidError } : {}) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(argv) {
  const files = [];
  let out = 'render-out';
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = argv[++i];
    else if (a === '--open') opts.open = true;
    else if (a === '--dark') opts.dark = true;
    else files.push(a);
  }
  if (files.length === 0) {
    console.error('usage: node scripts/render-markdown.mjs [--open] [--dark] --out DIR FILE.md…');
    return 1;
  }
  const binary = await findChromium();
  if (!binary) {
    console.error('chromium is not installed: run scripts/render-setup.sh (as root) first.');
    return 2;
  }
  for (const file of files) {
    const target = path.join(out, `${path.basename(file).replace(/\.md$/, '')}.png`);
    const result = await renderToPng(await readFile(file, 'utf8'), target, {
      ...opts,
      chromium: binary,
    });
    console.log(
      `${target} (${result.height}px)${result.mermaidError ? ` mermaid error: ${result.mermaidError}` : ''}`,
    );
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.exitCode = await main(process.argv.slice(2));
