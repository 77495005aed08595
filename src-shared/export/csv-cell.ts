/**
 * Cells of CSV files Neurite writes, made inert for spreadsheets (OWASP "CSV injection"): a
 * text cell that starts with = + - @, a tab or a carriage return would run as a formula when
 * the file is opened in Excel, LibreOffice or Sheets, so it gets a leading apostrophe, which
 * spreadsheets show as text. Numbers are written as numbers (`-0.5` stays `-0.5`): only text
 * cells (names, class labels, split names) pass through here.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell: neutralised when it could start a formula, then quoted when it holds a quote, comma or line break. */
export function csvTextCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A numeric cell: the number as JavaScript writes it, never neutralised. */
export function csvNumberCell(value: number): string {
  return String(value);
}
