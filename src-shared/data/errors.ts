import { count } from '../model/limits';

/** A fix the wizard can offer with one click. */
export type DatasetFix = { kind: 'column-categorical'; column: string } | { kind: 'value-missing'; column: string; value: string };

/** Stable codes of every dataset failure. */
export type DatasetErrorCode =
  | 'empty'
  | 'header-only'
  | 'ragged'
  | 'unterminated-quote'
  | 'not-numeric'
  | 'not-boolean'
  | 'not-date'
  | 'all-missing'
  | 'single-class'
  | 'duplicate-header'
  | 'empty-header'
  | 'binary'
  | 'bad-encoding'
  | 'line-too-long'
  | 'too-many-classes'
  | 'too-many-columns'
  | 'too-big'
  | 'config'
  | 'cancelled'
  | 'io';

/** Where in the file a problem is (1-based line and column), when it has a place. */
export interface DatasetErrorPlace {
  file: string;
  line?: number;
  column?: number;
  columnName?: string;
  value?: string;
}

/** A dataset failure with a user-facing message naming file, line and column; nothing was imported. */
export class DatasetError extends Error {
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
    readonly place: DatasetErrorPlace,
    readonly fixes: DatasetFix[] = [],
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** A cell value as a message shows it: quoted, control characters escaped, long values cut. */
export function shownValue(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function where(p: DatasetErrorPlace): string {
  let s = `"${p.file}"`;
  if (p.line !== undefined) s += `, line ${p.line}`;
  if (p.column !== undefined) s += `, column ${p.column}`;
  if (p.columnName !== undefined) s += ` ("${p.columnName}")`;
  return s;
}

/** Builds each failure with its exact message (tests assert these strings). */
export const datasetErrors = {
  empty: (file: string) => new DatasetError('empty', `"${file}" is empty: there is nothing to import.`, { file }),
  headerOnly: (file: string, line: number) =>
    new DatasetError('header-only', `${where({ file, line })}: the file ends after the header row; it has no data rows.`, { file, line }),
  ragged: (file: string, line: number, fields: number, expected: number, headerLine: number | null) => {
    const column = Math.min(fields, expected) + 1;
    const than = headerLine === null ? `the first row has ${expected}` : `the header (line ${headerLine}) has ${expected}`;
    return new DatasetError('ragged', `${where({ file, line, column })}: this row has ${fields} field${fields === 1 ? '' : 's'} but ${than}.`, { file, line, column });
  },
  unterminatedQuote: (file: string, line: number, column: number, quote: string) =>
    new DatasetError('unterminated-quote', `${where({ file, line, column })}: a quoted field opens here but its closing quote (${quote}) never comes.`, { file, line, column }),
  notNumeric: (file: string, line: number, column: number, columnName: string, value: string) =>
    new DatasetError(
      'not-numeric',
      `${where({ file, line, column, columnName })}: ${shownValue(value)} is not a number, but the column is numeric. Treat the column as categorical, or treat ${shownValue(value)} as a missing value.`,
      { file, line, column, columnName, value },
      [
        { kind: 'column-categorical', column: columnName },
        { kind: 'value-missing', column: columnName, value },
      ],
    ),
  notBoolean: (file: string, line: number, column: number, columnName: string, value: string) =>
    new DatasetError(
      'not-boolean',
      `${where({ file, line, column, columnName })}: ${shownValue(value)} is not true or false, but the column is boolean. Treat the column as categorical, or treat ${shownValue(value)} as a missing value.`,
      { file, line, column, columnName, value },
      [
        { kind: 'column-categorical', column: columnName },
        { kind: 'value-missing', column: columnName, value },
      ],
    ),
  notDate: (file: string, line: number, column: number, columnName: string, value: string) =>
    new DatasetError(
      'not-date',
      `${where({ file, line, column, columnName })}: ${shownValue(value)} is not a date (like 2024-03-01 or 01.03.2024), but the column is read as dates. Treat the column as categorical, or treat ${shownValue(value)} as a missing value.`,
      { file, line, column, columnName, value },
      [
        { kind: 'column-categorical', column: columnName },
        { kind: 'value-missing', column: columnName, value },
      ],
    ),
  allMissing: (file: string, column: number, columnName: string, rows: number) =>
    new DatasetError('all-missing', `${where({ file, column, columnName })}: all ${rows} values are missing; set the column's type to ignore.`, { file, column, columnName }),
  singleClass: (file: string, column: number, columnName: string, only: string) =>
    new DatasetError('single-class', `${where({ file, column, columnName })}: the target has a single class ("${only}"); a classifier needs at least two.`, { file, column, columnName }),
  duplicateHeader: (file: string, line: number, column: number, name: string, first: number) =>
    new DatasetError('duplicate-header', `${where({ file, line, column })}: the column name "${name}" is already used by column ${first}; column names must be unique.`, { file, line, column, columnName: name }),
  emptyHeader: (file: string, line: number, column: number) =>
    new DatasetError('empty-header', `${where({ file, line, column })}: the column has no name; give every column a name, or untick "header row".`, { file, line, column }),
  binary: (file: string, line: number, column: number, byte: number) =>
    new DatasetError('binary', `${where({ file, line, column })}: this is a binary file, not text (a zero byte at byte ${byte}).`, { file, line, column }),
  badEncoding: (file: string, line: number, column: number) =>
    new DatasetError('bad-encoding', `${where({ file, line, column })}: these bytes are not valid UTF-8; choose the file's encoding (for example Latin-1) and try again.`, { file, line, column }),
  utf16: (file: string) =>
    new DatasetError('bad-encoding', `${where({ file, line: 1, column: 1 })}: this is UTF-16 text, which Neurite does not read; save the file as UTF-8 and import it again.`, { file, line: 1, column: 1 }),
  lineTooLong: (file: string, line: number) =>
    new DatasetError('line-too-long', `${where({ file, line, column: 1 })}: the line is longer than 10 MB; Neurite reads lines of up to 10 MB.`, { file, line, column: 1 }),
  tooManyClasses: (file: string, column: number, columnName: string, classes: number, limit: number) =>
    new DatasetError(
      'too-many-classes',
      `${where({ file, column, columnName })}: ${columnName} has ${count(classes)} distinct values — is it really the target? A class target may have at most ${count(limit)} classes; choose another target, or treat ${columnName} as a number (regression) or ignore it.`,
      { file, column, columnName },
    ),
  tooManyColumns: (file: string, line: number, columns: number, limit: number) =>
    new DatasetError('too-many-columns', `${where({ file, line })}: the file has ${count(columns)} columns; Neurite reads files of at most ${count(limit)} columns.`, { file, line }),
  tooBig: (file: string, message: string) => new DatasetError('too-big', `"${file}": ${message}`, { file }),
  config: (file: string, message: string) => new DatasetError('config', `"${file}": ${message}`, { file }),
  cancelled: (file: string) => new DatasetError('cancelled', `The import of "${file}" was cancelled; nothing was imported.`, { file }),
};
