// The rendered pictures: status comments and PR bodies drawn as GitHub draws them (GFM, GitHub's
// stylesheet, mermaid) in headless Chromium. Skips cleanly where chromium or the rendering
// libraries are not installed (scripts/render-setup.sh installs chromium).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRecord, LINKS } from './states.js';
import { renderStatus } from '../../src/report/status.js';
import { renderPrBody } from '../../src/report/pr-body.js';

const require = createRequire(import.meta.url);
const available = ((): boolean => {
  try {
    execFileSync('sh', ['-c', 'command -v chromium'], { stdio: 'ignore' });
    for (const m of [
      'marked',
      'marked-alert',
      'github-markdown-css/package.json',
      'mermaid/package.json',
    ])
      require.resolve(m);
    return true;
  } catch {
    return false;
  }
})();

// The renderer is a plain script (it runs outside vitest too); its types are not checked here.
interface Renderer {
  markdownToHtml(markdown: string): Promise<string>;
  renderToPng(
    markdown: string,
    out: string,
    opts?: { open?: boolean },
  ): Promise<{ height: number; diagrams: number; mermaidError?: string }>;
}
const renderer = (): Promise<Renderer> =>
  import(path.resolve('scripts/render-markdown.mjs')) as Promise<Renderer>;

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe.skipIf(!available)('reports drawn as GitHub draws them', () => {
  it('turns the alert, tables and details into GitHub-flavoured HTML', async () => {
    const { markdownToHtml } = await renderer();
    const html = await markdownToHtml(renderStatus(loadRecord('tamper-refused'), LINKS));
    expect(html).toContain('markdown-alert-warning');
    expect(html).toContain('<table>');
    expect(html).toContain('<details><summary>Iteration log (9 iterations)</summary>');
  });

  it('draws the tamper-refused status comment and the metric PR body, chart included', async () => {
    const { renderToPng } = await renderer();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'render-test-'));
    dirs.push(dir);
    const status = path.join(dir, 'status.png');
    const pr = path.join(dir, 'pr.png');
    const drawn = await renderToPng(renderStatus(loadRecord('tamper-refused'), LINKS), status);
    const metric = await renderToPng(renderPrBody(loadRecord('metric'), LINKS), pr);
    expect(drawn.mermaidError).toBeUndefined();
    expect(metric.mermaidError).toBeUndefined();
    for (const file of [status, pr]) {
      const png = await readFile(file);
      expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
      expect(pngSize(png).width).toBe(920);
    }
    // The chart is drawn (an SVG several hundred pixels tall), so the metric page is the taller.
    expect(pngSize(await readFile(pr)).height).toBeGreaterThan(
      pngSize(await readFile(status)).height,
    );
  });
});
