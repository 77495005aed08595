/**
 * Parsed columns: the cells of each used column turned into numbers or category codes as
 * rows stream in, before any encoding. The CSV reader fills them row by row; the examples
 * and tests fill them from arrays.
 */
import type { ColumnConfig } from './schema';
import { categoryOf, isMissing, parseBooleanCell, parseDateCell, parseNumberCell, parsePlainDecimal } from './cells';

/** A column of numbers (numeric and boolean columns; dates as UTC milliseconds); NaN marks a missing cell. */
export interface NumberColumn {
  kind: 'number';
  index: number;
  config: ColumnConfig;
  values: Float64Array;
}

/** A column of category codes into `vocab` (first-seen order); -1 marks a missing cell. */
export interface CategoryColumn {
  kind: 'category';
  index: number;
  config: ColumnConfig;
  codes: Int32Array;
  vocab: string[];
}

/** One parsed column. */
export type ParsedColumn = NumberColumn | CategoryColumn;

/** Every used column of a file, all `rowCount` long; `lines` maps each row to its 1-based file line when known. */
export interface ParsedTable {
  rowCount: number;
  columns: ParsedColumn[];
}

/** Why a cell was refused. */
export type CellRefusal = 'not-numeric' | 'not-boolean' | 'not-date';

/** Accumulates one column's cells with amortised growth; `push` returns a refusal instead of throwing (hot path). */
export class ColumnBuilder {
  private nums: Float64Array;
  private codes: Int32Array;
  private readonly vocab: string[] = [];
  private readonly lookup = new Map<string, number>();
  private n = 0;
  readonly kind: 'number' | 'category';
  /** Numeric columns try the plain-decimal fast path first. */
  private readonly plain: boolean;
  private readonly decimalCode: number;
  private readonly extraMissing: Set<string> | null;

  constructor(
    readonly index: number,
    readonly config: ColumnConfig,
    private readonly decimalComma: boolean,
    capacity = 1024,
  ) {
    this.kind = config.type === 'categorical' ? 'category' : 'number';
    this.plain = config.type === 'numeric';
    this.decimalCode = decimalComma ? 44 : 46;
    this.extraMissing = config.extraMissing?.length ? new Set(config.extraMissing.map((v) => v.trim())) : null;
    this.nums = new Float64Array(this.kind === 'number' ? capacity : 0);
    this.codes = new Int32Array(this.kind === 'category' ? capacity : 0);
  }

  /** Rows pushed so far. */
  get length(): number {
    return this.n;
  }

  /** Adds one cell; returns why it was refused, or null. */
  push(cell: string): CellRefusal | null {
    if (this.extraMissing !== null && this.extraMissing.has(cell.trim())) cell = '';
    if (this.kind === 'number') {
      // Fast path for the common case, a plain decimal; everything else (missing, exponents, spaces) takes the careful path.
      let v: number | undefined = this.plain ? parsePlainDecimal(cell, this.decimalCode) : NaN;
      if (v !== v) {
        const t = this.config.type;
        v = t === 'boolean' ? parseBooleanCell(cell) : t === 'date' ? (isMissing(cell) ? NaN : parseDateCell(cell)) : parseNumberCell(cell, this.decimalComma);
      }
      if (v === undefined) return this.config.type === 'boolean' ? 'not-boolean' : this.config.type === 'date' ? 'not-date' : 'not-numeric';
      if (this.n === this.nums.length) {
        const grown = new Float64Array(this.nums.length * 2 || 1024);
        grown.set(this.nums);
        this.nums = grown;
      }
      this.nums[this.n++] = v;
      return null;
    }
    const k = categoryOf(cell);
    let code = -1;
    if (k !== null) {
      code = this.lookup.get(k) ?? -1;
      if (code < 0) {
        code = this.vocab.length;
        this.vocab.push(k);
        this.lookup.set(k, code);
      }
    }
    if (this.n === this.codes.length) {
      const grown = new Int32Array(this.codes.length * 2 || 1024);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.n++] = code;
    return null;
  }

  /** The finished column, trimmed to its length (a view, not a copy, when little capacity is unused: big imports skip a copy). */
  finish(): ParsedColumn {
    const trim = <T extends Float64Array | Int32Array>(a: T): T => (this.n >= a.length * 0.8 ? (a.subarray(0, this.n) as T) : (a.slice(0, this.n) as T));
    if (this.kind === 'number') return { kind: 'number', index: this.index, config: this.config, values: trim(this.nums) };
    return { kind: 'category', index: this.index, config: this.config, codes: trim(this.codes), vocab: this.vocab.slice() };
  }
}

/** Parses in-memory rows of cells into a table (used by examples and tests; throws on a refused cell). */
export function parseRows(rows: readonly (readonly string[])[], configs: readonly ColumnConfig[], decimalComma = false): ParsedTable {
  const builders = configs.map((c, j) => (c.type === 'ignore' || c.role === 'ignore' ? null : new ColumnBuilder(j, c, decimalComma, rows.length || 1)));
  rows.forEach((row, i) => {
    builders.forEach((b, j) => {
      if (!b) return;
      const refusal = b.push(row[j] ?? '');
      if (refusal) throw new Error(`row ${i + 1}, column ${j + 1}: ${refusal} "${row[j]}"`);
    });
  });
  return { rowCount: rows.length, columns: builders.filter((b): b is ColumnBuilder => b !== null).map((b) => b.finish()) };
}
