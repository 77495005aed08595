/**
 * The way a feature runs an editor command without importing the shell's command table
 * (commands.ts composes every feature, so a feature importing it would close a cycle).
 * main.tsx hands the table over once at startup; before that every call does nothing.
 */
// Types only: erased at build, so no runtime edge back into the shell.
// eslint-disable-next-line no-restricted-imports
import type * as Commands from '../commands';

/** Every command id the editor knows (the menu's plus a few the canvas adds). */
export type CommandId = Commands.CommandId;

/** What a feature may ask of the command table. */
export type CommandTable = Pick<typeof Commands, 'runCommand' | 'commandDisabledReason' | 'addDenseGroupFromSelection' | 'setViewController' | 'fitViewSoon'>;

let table: CommandTable | null = null;

/** Called once by main.tsx with the shell's command table. */
export function provideCommands(t: CommandTable): void {
  table = t;
}

/** Runs a command as the menu, toolbar and shortcuts do. */
export function runCommand(id: CommandId): Promise<void> {
  return table ? table.runCommand(id) : Promise.resolve();
}

/** Why a command cannot run now (null when it can). */
export function commandDisabledReason(id: CommandId): string | null {
  return table ? table.commandDisabledReason(id) : null;
}

/** Groups the selected neurons into a dense layer (placed at `at`, else beside them). */
export function addDenseGroupFromSelection(at?: { x: number; y: number }): void {
  table?.addDenseGroupFromSelection(at);
}

/** The mounted canvas hands commands its view (null when it unmounts). */
export function setViewController(v: Parameters<CommandTable['setViewController']>[0]): void {
  table?.setViewController(v);
}

/** Fits the network into view once React Flow has the latest positions. */
export function fitViewSoon(): void {
  table?.fitViewSoon();
}
