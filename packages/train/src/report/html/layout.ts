import { esc } from './escape.js';

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; line-height: 1.45; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
header.top { background: #fff; border-bottom: 1px solid #ddd; }
header.top div { max-width: 1200px; margin: 0 auto; padding: 12px 24px; }
nav a { margin-right: 14px; }
h1 { font-size: 1.6rem; margin: 0.2em 0; }
h2 { font-size: 1.3rem; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 1.08rem; margin-top: 1.4em; }
a { color: #1f5fa6; }
table { border-collapse: collapse; background: #fff; margin: 8px 0; }
th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: right; vertical-align: top; }
th { background: #f0f0f0; }
td.text, th.text { text-align: left; }
table.confusion td { text-align: center; min-width: 72px; padding: 0; vertical-align: middle; }
table.confusion th { vertical-align: middle; }
table.confusion td a, table.confusion td span { display: block; padding: 8px 6px; text-decoration: none; color: inherit; }
table.confusion td a:hover, table.confusion td a:focus { outline: 3px solid #f58518; }
table.confusion td.current { outline: 3px solid #d62728; }
table.confusion b { display: block; font-size: 1.1rem; }
table.confusion small { display: block; }
.muted { color: #666; }
.note { background: #fff8e1; border: 1px solid #f0d98a; padding: 6px 10px; display: inline-block; }
img.chart { max-width: 100%; height: auto; background: #fff; border: 1px solid #ddd; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; }
figure.tile { margin: 0; background: #fff; border: 1px solid #ddd; padding: 6px; width: 236px; }
figure.tile .pair { display: flex; gap: 4px; }
figure.tile img { width: 112px; height: 112px; image-rendering: pixelated; border: 1px solid #eee; }
figure.tile figcaption { font-size: 0.82rem; overflow-wrap: anywhere; }
figure.example { width: auto; }
figure.example img { width: 96px; height: 96px; }
pre.json { background: #fff; border: 1px solid #ddd; padding: 10px; overflow: auto; max-height: 480px; font-size: 0.85rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
`;

/** A complete HTML page: inline styles only, no scripts, nothing loaded from elsewhere. */
export function page(title: string, body: string, options: { nav?: string } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="inkling report">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><div>${options.nav ?? ''}</div></header>
<main>
${body}
</main>
</body>
</html>
`;
}
