/**
 * The streaming core of CSV reading: bytes → checked text (binary, encoding, 10 MB lines,
 * skipped top lines) → papaparse's low-level Parser, fed chunk by chunk with the unfinished
 * last row carried over. Rows go to a callback in batches together with a way to find the
 * file line of any row in the batch, which is only computed when a message needs it.
 */
import Papa from 'papaparse';
import { datasetErrors } from '../../../src-shared/data/errors';
import type { CsvOptions } from '../../../src-shared/data/schema';
import { guessDelimiter } from './delimiter';
import type { ByteSource } from './source';
import { Utf8Chunks } from './utf8';

/** The longest line Neurite reads (characters). */
export const MAX_LINE = 10 * 1024 * 1024;

/** Characters handed to the parser at a time. */
const PARSE_SLICE = 1 << 16;

/** Finds file lines of rows in the current batch. */
export interface BatchLines {
  /** The 1-based file line where row `r` of the batch starts, or where its field `column` (0-based) starts. */
  lineOf(r: number, column?: number): number;
}

/** What a scan found out about the file. */
export interface ScanResult {
  delimiter: string;
  newline: string;
  bytesRead: number;
  /** True when the callback stopped the scan early. */
  stopped: boolean;
}

/** Options besides the CSV options. */
export interface ScanControl {
  signal?: AbortSignal;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

function countChar(s: string, ch: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = s.indexOf(ch, from); i >= 0 && i < to; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Streams `source` through the parser and hands every batch of rows (blank lines included
 * as `['']`) to `onRows`; returning false stops the scan. Throws DatasetError on a binary
 * file, invalid UTF-8, a line over 10 MB, an unterminated quote, or cancellation.
 */
export async function scanCsv(
  source: ByteSource,
  options: CsvOptions,
  onRows: (rows: string[][], lines: BatchLines) => boolean | void,
  control: ScanControl = {},
): Promise<ScanResult> {
  const file = source.name;
  const decoder = options.encoding === 'utf-8' ? new Utf8Chunks() : null;
  let nl = '\n'; // the character lines are counted by
  let lineNo = 1; // file line at the end of the text decoded so far
  let col = 1; // column (characters + 1) at the end of the text decoded so far
  let skipLeft = options.skipLines;
  let parser: Papa.Parser | null = null;
  let parserConfig: Papa.ParseConfig | null = null;
  let delimiter: string = options.delimiter === 'auto' ? ',' : options.delimiter;
  let newline = '\n';
  let partial = '';
  let aggLine = 1; // file line where `partial` starts
  let bytesRead = 0;
  let stopped = false;

  const positionAfter = (prefix: string) => {
    const last = prefix.lastIndexOf(nl);
    return last < 0 ? { line: lineNo, column: col + prefix.length } : { line: lineNo + countChar(prefix, nl), column: prefix.length - last };
  };

  /** Line bookkeeping and the 10 MB rule over newly decoded text. */
  const scanLines = (text: string) => {
    let prev = -1;
    for (let i = text.indexOf(nl); i >= 0; i = text.indexOf(nl, i + 1)) {
      const len = prev < 0 ? col - 1 + i : i - prev - 1;
      if (len > MAX_LINE) throw datasetErrors.lineTooLong(file, lineNo);
      lineNo++;
      prev = i;
    }
    col = prev < 0 ? col + text.length : text.length - prev;
    if (col - 1 > MAX_LINE) throw datasetErrors.lineTooLong(file, lineNo);
  };

  const linesFor = (aggregate: string, startLine: number): BatchLines => {
    let ends: number[] | null = null;
    let rows: string[][] | null = null;
    return {
      lineOf(r: number, column = 0): number {
        if (!ends) {
          ends = [];
          rows = [];
          const e = ends;
          const rs = rows;
          const p = new Papa.Parser({
            ...parserConfig!,
            step: (res: Papa.ParseStepResult<string[]>) => {
              rs.push((res.data as unknown as string[][])[0]);
              e.push(res.meta.cursor);
            },
          });
          p.parse(aggregate, 0, false);
        }
        const end = ends[r] ?? aggregate.length;
        const row = rows![r] ?? [];
        // Line of the row's last character, then back over newlines inside its fields.
        let endLine = startLine + countChar(aggregate, nl, 0, end);
        if (end > 0 && aggregate.endsWith(newline, end)) endLine--;
        let inFields = 0;
        let before = 0;
        row.forEach((f, k) => {
          const n = countChar(f, nl);
          inFields += n;
          if (k < column) before += n;
        });
        return endLine - inFields + before;
      },
    };
  };

  const start = (text: string) => {
    const i = text.indexOf('\n');
    newline = i > 0 && text[i - 1] === '\r' ? '\r\n' : i >= 0 ? '\n' : text.includes('\r') ? '\r' : '\n';
    if (options.delimiter === 'auto') delimiter = guessDelimiter(text.slice(0, 65536), options.quote, options.decimal === ',', options.comment);
    parserConfig = { delimiter, newline: newline as Papa.ParseConfig['newline'], quoteChar: options.quote, comments: options.comment || false };
    parser = new Papa.Parser(parserConfig);
  };

  const feed = (text: string, final: boolean) => {
    if (!parser) {
      if (!text && !final) return;
      start(text);
    }
    const aggregate = partial + text;
    if (!aggregate) return;
    const res = parser!.parse(aggregate, 0, !final);
    let rows = res.data as string[][];
    const quoteError = final ? (res.errors as Papa.ParseError[]).find((e) => e.code === 'MissingQuotes') : undefined;
    if (quoteError) rows = rows.slice(0, quoteError.row);
    const lines = linesFor(aggregate, aggLine);
    if (onRows(rows, lines) === false) {
      stopped = true;
      return;
    }
    if (quoteError) {
      const at = (quoteError.index ?? 1) - 1;
      const line = aggLine + countChar(aggregate, nl, 0, at);
      const row = (res.data as string[][])[quoteError.row ?? 0] ?? [''];
      throw datasetErrors.unterminatedQuote(file, line, row.length, options.quote);
    }
    const cursor = final ? aggregate.length : res.meta.cursor;
    partial = aggregate.substring(cursor);
    // `lineNo` is the line at the end of the text fed so far; the carried-over row starts before it.
    aggLine = lineNo - countChar(partial, nl);
    if (partial.length > MAX_LINE) {
      // A "row" this long spans lines, so it is an open quote that never closes (or a huge field).
      const probe = new Papa.Parser(parserConfig!).parse(partial, 0, false);
      const q = (probe.errors as Papa.ParseError[]).find((e) => e.code === 'MissingQuotes');
      const row = (probe.data as string[][])[q?.row ?? 0] ?? [''];
      throw datasetErrors.unterminatedQuote(file, aggLine + countChar(partial, nl, 0, (q?.index ?? 1) - 1), row.length, options.quote);
    }
  };

  const accept = (text: string) => {
    if (lineNo === 1 && col === 1 && text) {
      // Decide what a line ends with before counting lines (classic Mac files use bare CR).
      if (!text.includes('\n') && text.includes('\r')) nl = '\r';
    }
    if (skipLeft > 0) {
      let i = -1;
      while (skipLeft > 0) {
        const j = text.indexOf(nl, i + 1);
        if (j < 0) break;
        i = j;
        skipLeft--;
      }
      if (skipLeft > 0) {
        scanLines(text);
        return;
      }
      scanLines(text.substring(0, i + 1));
      text = text.substring(i + 1);
      aggLine = lineNo;
    } else if (!parser && !partial) aggLine = lineNo;
    // Parse in slices: each batch of rows dies young, which keeps garbage collection cheap.
    for (let i = 0; i < text.length && !stopped; i += PARSE_SLICE) {
      const slice = i === 0 && text.length <= PARSE_SLICE ? text : text.substring(i, i + PARSE_SLICE);
      scanLines(slice);
      feed(slice, false);
    }
  };

  const stream = source.open();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (control.signal?.aborted) throw datasetErrors.cancelled(file);
      if (bytesRead === 0 && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) throw datasetErrors.utf16(file);
      const zero = chunk.indexOf(0);
      if (zero >= 0) {
        const prefix = decoder ? new TextDecoder('utf-8').decode(chunk.subarray(0, zero)) : chunk.subarray(0, zero).toString('latin1');
        const p = positionAfter(prefix);
        throw datasetErrors.binary(file, p.line, p.column, bytesRead + zero);
      }
      const text = decoder ? decoder.decode(chunk) : chunk.toString('latin1');
      if (text === null) {
        const loose = new TextDecoder('utf-8').decode(decoder!.lastInput);
        const p = positionAfter(loose.slice(0, Math.max(0, loose.indexOf('\uFFFD'))));
        throw datasetErrors.badEncoding(file, p.line, p.column);
      }
      bytesRead += chunk.length;
      accept(text);
      control.onProgress?.(bytesRead, source.size);
      if (stopped) break;
    }
    if (!stopped) {
      if (control.signal?.aborted) throw datasetErrors.cancelled(file);
      if (decoder && !decoder.end()) throw datasetErrors.badEncoding(file, lineNo, col);
      if (skipLeft === 0 || parser) feed('', true);
    }
  } finally {
    stream.destroy?.();
  }
  return { delimiter, newline, bytesRead, stopped };
}
