/**
 * What an export is before it becomes a file: sections (one sheet each in
 * .xlsx) of typed cells, and the one table the CSV holds. The same data
 * feeds both, so the two files never disagree.
 */

/** How a number is shown: a count, a one-decimal figure (seconds, a mean score), or a percentage given 0-100. */
export type NumberKind = 'int' | 'decimal' | 'percent';
export type Cell = string | null | { n: number | null; kind: NumberKind };

export const int = (n: number | null): Cell => ({ n, kind: 'int' });
export const dec = (n: number | null): Cell => ({ n, kind: 'decimal' });
export const pct = (n: number | null): Cell => ({ n, kind: 'percent' });

export interface Column {
  header: string;
  /** characters, for the sheet's column width */
  width?: number;
}

export interface Section {
  /** the sheet's name (at most 31 characters, none of []:*?/\) */
  sheet: string;
  columns: Column[];
  rows: Cell[][];
}

export interface ExportDoc {
  /** the title row of every sheet */
  title: string;
  /** the period (and comparison) under the title */
  subtitle: string;
  sections: Section[];
  /** the CSV's table: its header and rows (data rows only are counted) */
  csv: { columns: string[]; rows: Cell[][] };
}

/**
 * The rows an export reports (`{"file","rows"}`): the CSV's data lines. The
 * .xlsx holds the same rows (the summary's spread over its sheets; the
 * problems' per-product totals are an extra sheet of sums).
 */
export function dataRows(doc: ExportDoc): number {
  return doc.csv.rows.length;
}
