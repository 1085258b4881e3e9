import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Cell } from './resident-sheet';

/*
 * Reads the rows of an .xlsx or .csv file as cells, with maintained parsers (exceljs, csv-parse).
 * CSV files saved by Excel on Chinese Windows are GB18030 (GBK), not UTF-8: a file that is not valid
 * UTF-8 is decoded as GB18030.
 */

export class SpreadsheetError extends Error {}

export async function readSpreadsheet(file: string, sheetName?: string): Promise<Cell[][]> {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return readCsv(await readFile(file));
  if (ext === '.xlsx') return readXlsx(file, sheetName);
  throw new SpreadsheetError(
    `${file}: only .xlsx and .csv files can be imported (.xls: save as .xlsx first)`,
  );
}

export function readCsv(bytes: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
  }) as string[][];
}

async function readXlsx(file: string, sheetName?: string): Promise<Cell[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new SpreadsheetError(`${file}: not a readable .xlsx file (${(e as Error).message})`);
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) {
    throw new SpreadsheetError(
      `${file}: no worksheet ${sheetName ? `"${sheetName}"` : ''} (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})`,
    );
  }
  const rows: Cell[][] = [];
  for (let n = 1; n <= ws.rowCount; n++) {
    const values = ws.getRow(n).values as ExcelJS.CellValue[];
    // exceljs rows are 1-based: values[0] is always empty.
    rows.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellValue(values[i + 1])));
  }
  return rows;
}

function cellValue(v: ExcelJS.CellValue | undefined): Cell {
  if (v == null) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    return null;
  }
  return v;
}
