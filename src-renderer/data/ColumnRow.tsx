import { encodingsFor, missingRulesFor, setColumnRole, setColumnType } from '../../src-shared/data/column-edits';
import { targetHint, type InferredColumn } from '../../src-shared/data/infer';
import type { ColumnConfig } from '../../src-shared/data/schema';
import { ColumnHint } from './ColumnHint';

/** One row of the columns list: name, what was inferred, and the choices. */
export function ColumnRow({ j, inferred, config, busy, onEdit, onTarget }: { j: number; inferred: InferredColumn; config: ColumnConfig; busy: boolean; onEdit(j: number, c: ColumnConfig): void; onTarget(j: number, keep: boolean): void }) {
  const col = config.name;
  const hint = targetHint(inferred, config);
  const extra = !!config.extraMissing?.length && hint?.kind !== 'strays';
  return (
    <>
      <tr data-testid={`column-${col}`} className={config.role === 'target' ? 'is-target' : config.role === 'ignore' ? 'is-ignored' : undefined}>
        <th scope="row" title={col}>
          {col}
          <span className="ds-inferred">
            inferred {inferred.type}
            {inferred.missing ? `, ${inferred.missing} missing` : ''}
          </span>
        </th>
        <td>
          <select aria-label={`${col} type`} data-testid="col-type" disabled={busy} value={config.type} onChange={(e) => onEdit(j, setColumnType(config, e.target.value as ColumnConfig['type']))}>
            {(['numeric', 'categorical', 'boolean', 'date', 'ignore'] as const).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </td>
        <td>
          <select
            aria-label={`${col} role`}
            data-testid="col-role"
            disabled={busy || config.type === 'ignore'}
            value={config.role}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'target' || v === 'also-target') onTarget(j, v === 'also-target');
              else onEdit(j, setColumnRole(config, v as ColumnConfig['role']));
            }}
          >
            <option value="feature">feature</option>
            <option value="target">target</option>
            {config.role !== 'target' && <option value="also-target">another target</option>}
            <option value="ignore">ignore</option>
          </select>
        </td>
        <td>
          {config.role !== 'ignore' && (
            <select aria-label={`${col} encoding`} data-testid="col-encoding" disabled={busy} value={config.encoding} onChange={(e) => onEdit(j, { ...config, encoding: e.target.value as ColumnConfig['encoding'] })}>
              {encodingsFor(config.type, config.role).map((enc) => (
                <option key={enc} value={enc}>
                  {enc}
                </option>
              ))}
            </select>
          )}
        </td>
        <td>
          {config.role !== 'ignore' && (
            <span className="ds-missing">
              <select aria-label={`${col} missing values`} data-testid="col-missing" disabled={busy} value={config.missing} onChange={(e) => onEdit(j, { ...config, missing: e.target.value as ColumnConfig['missing'] })}>
                {missingRulesFor(config.type).map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              {config.missing === 'constant' && <input aria-label={`${col} constant`} size={6} placeholder="value" value={config.fill ?? ''} onChange={(e) => onEdit(j, { ...config, fill: e.target.value })} />}
            </span>
          )}
        </td>
      </tr>
      {(hint || extra) && (
        <tr className="ds-hint-row">
          <td colSpan={5}>
            <ColumnHint inferred={inferred} config={config} onChange={(c) => onEdit(j, c)} />
            {extra && <span className="ds-inferred">also missing: {config.extraMissing!.join(', ')}</span>}
          </td>
        </tr>
      )}
    </>
  );
}
