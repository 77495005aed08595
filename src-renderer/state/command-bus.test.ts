import { describe, expect, it } from 'vitest';
import { addDenseGroupFromSelection, commandDisabledReason, fitViewSoon, provideCommands, runCommand, setViewController, type CommandTable } from './command-bus';

describe('command bus', () => {
  it('does nothing before the shell provides its command table, then forwards every call to it', async () => {
    await expect(runCommand('view.fitView')).resolves.toBeUndefined();
    expect(commandDisabledReason('train.start')).toBeNull();
    addDenseGroupFromSelection({ x: 1, y: 2 });
    setViewController(null);
    fitViewSoon();

    const calls: unknown[][] = [];
    const table: CommandTable = {
      runCommand: async (id) => void calls.push(['run', id]),
      commandDisabledReason: (id) => (calls.push(['reason', id]), 'no dataset'),
      addDenseGroupFromSelection: (at) => void calls.push(['dense', at]),
      setViewController: (v) => void calls.push(['view', v]),
      fitViewSoon: () => void calls.push(['fit']),
    };
    provideCommands(table);
    await runCommand('help.negativeOutput');
    expect(commandDisabledReason('train.start')).toBe('no dataset');
    addDenseGroupFromSelection({ x: 1, y: 2 });
    setViewController(null);
    fitViewSoon();
    expect(calls).toEqual([['run', 'help.negativeOutput'], ['reason', 'train.start'], ['dense', { x: 1, y: 2 }], ['view', null], ['fit']]);
  });
});
