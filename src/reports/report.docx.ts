import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { renderCharts, svgSize } from './report.charts';
import { reportBlocks, reportTitle } from './report.document';
import type { CommunityReport } from './report.types';

/** Chart width on the page, in pixels at 96 dpi (about 15.5 cm). */
const CHART_WIDTH = 585;

/**
 * A PNG of a chart for word processors that cannot draw SVG. resvg draws with the machine's fonts:
 * on a server without a Chinese font the PNG's labels stay blank (the SVG itself is unaffected), so
 * production images should carry one (e.g. Debian's fonts-noto-cjk or fonts-wqy-microhei).
 */
function png(svg: string): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: chartFonts() }).render().asPng();
}

// Scanning every system font costs about a second per image: use a known Chinese font when present.
const CJK_FONTS = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
];
let fonts: { fontFiles: string[]; loadSystemFonts: boolean; defaultFontFamily?: string } | undefined;
function chartFonts() {
  if (!fonts) {
    const files = CJK_FONTS.filter((f) => existsSync(f));
    fonts = files.length
      ? { fontFiles: files, loadSystemFonts: false }
      : { fontFiles: [], loadSystemFonts: true };
  }
  return fonts;
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '444444' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, header = false): TableCell {
  return new TableCell({
    borders,
    shading: header ? { fill: 'F1F1F1' } : undefined,
    children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 21 })] })],
  });
}

/** The report as a Word document: the same blocks as the HTML page, charts as SVG with a PNG fallback. */
export async function renderDocx(r: CommunityReport): Promise<Buffer> {
  const charts = await renderCharts(r);
  const children: (Paragraph | Table)[] = [];
  for (const b of reportBlocks(r)) {
    switch (b.kind) {
      case 'title':
        children.push(
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, text: b.text }),
        );
        break;
      case 'heading':
        children.push(
          new Paragraph({
            heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
            text: b.text,
          }),
        );
        break;
      case 'paragraph':
        children.push(new Paragraph({ indent: { firstLine: 480 }, children: [new TextRun(b.text)] }));
        break;
      case 'list':
        b.items.forEach((t, i) =>
          children.push(
            new Paragraph({ indent: { firstLine: 480 }, children: [new TextRun(`${i + 1}. ${t}`)] }),
          ),
        );
        break;
      case 'table':
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: b.caption, bold: true })],
          }),
        );
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: b.head.map((h) => cell(h, true)) }),
              ...b.rows.map((row) => new TableRow({ children: row.map((c) => cell(c)) })),
            ],
          }),
        );
        break;
      case 'chart': {
        const svg = charts[b.chart];
        const size = svgSize(svg);
        const transformation = {
          width: CHART_WIDTH,
          height: Math.round((CHART_WIDTH * size.height) / size.width),
        };
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'svg',
                data: Buffer.from(svg, 'utf8'),
                fallback: { type: 'png', data: png(svg) },
                transformation,
                altText: { name: b.chart, title: b.caption, description: b.caption },
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: b.caption, size: 21 })],
          }),
        );
        break;
      }
    }
  }
  const doc = new Document({
    title: reportTitle(r),
    creator: 'GridGov',
    styles: {
      default: {
        document: { run: { font: { ascii: 'Times New Roman', eastAsia: 'FangSong' }, size: 24 } },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
