import { renderCharts } from './report.charts';
import { reportBlocks, reportTitle, type Block } from './report.document';
import type { CommunityReport } from './report.types';

/** Escapes text for Markdown: user-written text must not turn into emphasis, tables or headings. */
function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}

/** The report as Chinese Markdown (tables as pipe tables; charts described by their caption). */
export function renderMarkdown(r: CommunityReport): string {
  const lines: string[] = [];
  for (const b of reportBlocks(r)) {
    switch (b.kind) {
      case 'title':
        lines.push(`# ${md(b.text)}`, '');
        break;
      case 'heading':
        lines.push(`${b.level === 1 ? '##' : '###'} ${md(b.text)}`, '');
        break;
      case 'paragraph':
        lines.push(md(b.text), '');
        break;
      case 'list':
        b.items.forEach((t, i) => lines.push(`${i + 1}. ${md(t)}`));
        lines.push('');
        break;
      case 'table':
        lines.push(md(b.caption), '');
        lines.push(`| ${b.head.map(md).join(' | ')} |`, `| ${b.head.map(() => '---').join(' | ')} |`);
        for (const row of b.rows) lines.push(`| ${row.map(md).join(' | ')} |`);
        lines.push('');
        break;
      case 'chart':
        // Markdown carries the figures in its tables; the charts live in the HTML and .docx.
        break;
    }
  }
  return lines.join('\n').trimEnd() + '\n';
}

function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  @page { size: A4; margin: 20mm 18mm; }
  body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif; color: #111;
         max-width: 180mm; margin: 0 auto; padding: 12mm 0; font-size: 12pt; line-height: 1.8; }
  h1 { font-family: "SimHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; text-align: center; font-size: 18pt; margin: 0 0 1em; }
  h2 { font-family: "SimHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; font-size: 14pt; margin: 1.2em 0 .4em; }
  h3 { font-family: "KaiTi", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif; font-size: 12pt; margin: .8em 0 .2em; }
  p { text-indent: 2em; margin: .3em 0; }
  ol { margin: .3em 0 .3em 2em; padding: 0; }
  table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; font-size: 10.5pt; line-height: 1.5; }
  caption { font-weight: bold; margin-bottom: .3em; }
  th, td { border: 1px solid #444; padding: 2px 6px; text-align: left; vertical-align: top; }
  th { background: #f1f1f1; }
  figure { margin: .6em 0 1em; text-align: center; page-break-inside: avoid; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { font-size: 10.5pt; }
  @media print { body { padding: 0; } }
`;

/** The report as one printable HTML page with its two charts as inline SVG; it loads nothing else. */
export async function renderHtml(r: CommunityReport): Promise<string> {
  const charts = await renderCharts(r);
  const parts: string[] = [];
  for (const b of reportBlocks(r)) parts.push(blockHtml(b, charts));
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${html(reportTitle(r))}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}

function blockHtml(b: Block, charts: Record<string, string>): string {
  switch (b.kind) {
    case 'title':
      return `<h1>${html(b.text)}</h1>`;
    case 'heading':
      return b.level === 1 ? `<h2>${html(b.text)}</h2>` : `<h3>${html(b.text)}</h3>`;
    case 'paragraph':
      return `<p>${html(b.text)}</p>`;
    case 'list':
      return `<ol>${b.items.map((t) => `<li>${html(t)}</li>`).join('')}</ol>`;
    case 'table':
      return (
        `<table><caption>${html(b.caption)}</caption><thead><tr>${b.head.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map((row) => `<tr>${row.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
      );
    case 'chart':
      return `<figure data-chart="${b.chart}">${charts[b.chart]}<figcaption>${html(b.caption)}</figcaption></figure>`;
  }
}
