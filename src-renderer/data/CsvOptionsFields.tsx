import type { CsvPreviewReply } from '../../src-shared/data/contract';
import type { CsvOptions } from '../../src-shared/data/schema';

const DELIMITERS: { value: CsvOptions['delimiter']; label: string }[] = [
  { value: 'auto', label: 'Detect' },
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
];

/** The file step: how the CSV is read (delimiter, quote, decimal mark, skipped lines, comments, encoding, header). */
export function CsvOptionsFields({ options, preview, busy, onChange }: { options: CsvOptions; preview: CsvPreviewReply | null; busy: boolean; onChange(options: CsvOptions): void }) {
  return (
    <fieldset className="ds-options" disabled={busy}>
      <label>
        Delimiter
        <select data-testid="opt-delimiter" value={options.delimiter} onChange={(e) => onChange({ ...options, delimiter: e.target.value as CsvOptions['delimiter'] })}>
          {DELIMITERS.map((d) => (
            <option key={d.label} value={d.value}>
              {d.label}
              {d.value === 'auto' && preview ? ` (${DELIMITERS.find((x) => x.value === preview.delimiter)?.label ?? preview.delimiter})` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Quote
        <input data-testid="opt-quote" size={2} maxLength={1} value={options.quote} onChange={(e) => e.target.value.length === 1 && onChange({ ...options, quote: e.target.value })} />
      </label>
      <label>
        Decimal
        <select data-testid="opt-decimal" value={options.decimal} onChange={(e) => onChange({ ...options, decimal: e.target.value as '.' | ',' })}>
          <option value=".">1.5</option>
          <option value=",">1,5</option>
        </select>
      </label>
      <label>
        Skip lines
        <input data-testid="opt-skip" type="number" min={0} max={1000} value={options.skipLines} onChange={(e) => onChange({ ...options, skipLines: Math.max(0, Math.min(1000, Math.floor(+e.target.value || 0))) })} />
      </label>
      <label>
        Comment char
        <input data-testid="opt-comment" size={2} maxLength={1} value={options.comment} onChange={(e) => onChange({ ...options, comment: e.target.value.slice(0, 1) })} />
      </label>
      <label>
        Encoding
        <select data-testid="opt-encoding" value={options.encoding} onChange={(e) => onChange({ ...options, encoding: e.target.value as CsvOptions['encoding'] })}>
          <option value="utf-8">UTF-8</option>
          <option value="latin1">Latin-1</option>
        </select>
      </label>
      <label className="check">
        <span>
          <input data-testid="opt-header" type="checkbox" checked={options.header} onChange={(e) => onChange({ ...options, header: e.target.checked })} /> Header row
        </span>
      </label>
    </fieldset>
  );
}
