import type { CsvPreviewReply } from '../../src-shared/data/contract';
import type { ColumnConfig } from '../../src-shared/data/schema';

/** The first rows of the file as read with the current options (ignored columns dimmed, numbers aligned). */
export function PreviewRows({ preview, columns }: { preview: CsvPreviewReply; columns: ColumnConfig[] }) {
  return (
    <details className="ds-preview" open>
      <summary>
        First {preview.rows.length} rows{preview.headerLine ? ` (header on line ${preview.headerLine})` : ' (no header row)'}
      </summary>
      <div className="ds-table-wrap" tabIndex={0} role="region" aria-label="Preview of the first rows">
        <table className="ds-table" data-testid="preview-table">
          <thead>
            <tr>
              {preview.columns.map((col, j) => (
                <th key={j} className={columns[j]?.role === 'ignore' ? 'is-ignored' : undefined}>
                  {col}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r, i) => (
              <tr key={i}>
                {r.map((cell, j) => (
                  <td key={j} className={columns[j]?.type === 'numeric' ? 'ds-num' : undefined}>
                    {cell.length > 60 ? `${cell.slice(0, 60)}…` : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
