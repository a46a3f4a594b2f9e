/** CSV as Excel on a Chinese Windows PC opens it: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, formulas kept as text. */
export type CsvCell = string | number | null;

function field(c: CsvCell): string {
  let text = c === null ? '' : typeof c === 'number' ? String(c) : /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function csvBytes(rows: readonly (readonly CsvCell[])[]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`, 'utf8')]);
}
