import { featureConfig, targetHint, type InferredColumn } from '../../src-shared/data/infer';
import { setColumnRole, setColumnType } from '../../src-shared/data/column-edits';
import type { ColumnConfig } from '../../src-shared/data/schema';

/** A guess about a column, in words, with its one-click way back (or forward). */
export function ColumnHint({ inferred, config, onChange }: { inferred: InferredColumn; config: ColumnConfig; onChange(c: ColumnConfig): void }) {
  const hint = targetHint(inferred, config);
  if (!hint) return null;
  const action = (label: string, next: ColumnConfig, testid: string) => (
    <button type="button" className="link" data-testid={testid} onClick={() => onChange(next)}>
      {label}
    </button>
  );
  if (hint.kind === 'strays') {
    const values = hint.values.map((v) => `"${v.value}"${v.count > 1 ? ` ×${v.count}` : ''}`).join(', ');
    const asMissing = !!config.extraMissing?.length && config.type === 'numeric';
    return (
      <span className="ds-hint" data-testid="hint-strays">
        {asMissing ? `Numbers; ${values} read as missing. ` : `Numbers but for ${values}. `}
        {asMissing
          ? action('Keep as text', { ...setColumnType(config, 'categorical'), extraMissing: undefined }, 'hint-keep-text')
          : action(`Treat ${values} as missing`, { ...setColumnType(config, 'numeric'), extraMissing: hint.values.map((v) => v.value) }, 'hint-treat-missing')}
      </span>
    );
  }
  if (hint.kind === 'date' && config.type === 'date')
    return (
      <span className="ds-hint" data-testid="hint-date">
        Dates: 3 inputs (year, day of year, weekday). {action('Ignore it', setColumnRole({ ...config, type: 'categorical' }, 'ignore'), 'hint-ignore')}
      </span>
    );
  if (hint.kind === 'date' && config.role === 'ignore')
    return (
      <span className="ds-hint ds-hint--warn" data-testid="hint-date">
        Dates: ignored. {action('Use them as year, day of year and weekday', featureConfig(config.name, 'date'), 'hint-use-date')} ·{' '}
        {action(`as categories (${hint.distinct} one-hot inputs)`, setColumnRole(config, 'feature'), 'hint-use')}
      </span>
    );
  if (hint.kind === 'near-unique' || hint.kind === 'date') {
    const what = hint.kind === 'date' ? 'Dates' : `${hint.distinct} different values (an id or free text?)`;
    if (config.role !== 'ignore')
      return (
        <span className="ds-hint ds-hint--warn" data-testid={`hint-${hint.kind}`}>
          {what}: {hint.distinct} one-hot inputs. {action('Ignore it', setColumnRole(config, 'ignore'), 'hint-ignore')}
        </span>
      );
    return (
      <span className="ds-hint ds-hint--warn" data-testid={`hint-${hint.kind}`}>
        {what}: ignored. {action(`Use it (${hint.distinct} one-hot inputs)`, setColumnRole(config, 'feature'), 'hint-use')}
      </span>
    );
  }
  return (
    <span className="ds-hint" data-testid="hint-integer-classes">
      Whole numbers with {hint.classes} values: classes{config.classNames ? ` (named ${config.classNames.join(', ')} by the metadata line)` : ''}. {action('Predict it as a number', { ...config, encoding: 'regression', classNames: undefined }, 'hint-regression')}
    </span>
  );
}
