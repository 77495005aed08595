import type { DatasetProblem } from '../../src-shared/data/contract';
import type { DatasetFix } from '../../src-shared/data/errors';

/** Why the import was refused (file, line, column), with its one-click fixes. */
export function ImportProblem({ problem, onFix }: { problem: DatasetProblem; onFix(fix: DatasetFix): void }) {
  return (
    <div className="ds-problem" role="alert" data-testid="import-problem">
      {problem.message}
      {problem.fixes.length > 0 && (
        <div>
          {problem.fixes.map((fix) => (
            <button key={fix.kind} type="button" data-testid={`fix-${fix.kind}`} onClick={() => onFix(fix)}>
              {fix.kind === 'column-categorical' ? `Treat "${fix.column}" as categorical` : `Treat "${fix.value}" as missing in "${fix.column}"`}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
