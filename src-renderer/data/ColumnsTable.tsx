import type { InferredColumn } from '../../src-shared/data/infer';
import type { ColumnConfig } from '../../src-shared/data/schema';
import { ColumnRow } from './ColumnRow';

/** The columns step: one row per column with its type, role, encoding and missing-value rule. */
export function ColumnsTable({ inferred, columns, busy, onEdit, onTarget }: { inferred: InferredColumn[]; columns: ColumnConfig[]; busy: boolean; onEdit(j: number, c: ColumnConfig): void; onTarget(j: number, keep: boolean): void }) {
  return (
    <div className="ds-columns-wrap">
      <table className="ds-columns" data-testid="columns-table" aria-label="Columns">
        <colgroup>
          <col className="ds-col-name" />
          <col span={4} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">column</th>
            <th scope="col">type</th>
            <th scope="col">role</th>
            <th scope="col">encoding</th>
            <th scope="col">if missing</th>
          </tr>
        </thead>
        <tbody>
          {inferred.map((c, j) => columns[j] && <ColumnRow key={j} j={j} inferred={c} config={columns[j]} busy={busy} onEdit={onEdit} onTarget={onTarget} />)}
        </tbody>
      </table>
    </div>
  );
}
