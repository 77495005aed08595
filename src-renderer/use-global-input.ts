import { useEffect } from 'react';
import { api } from './api';
import { copySelection, pasteText, runCommand, type CommandId } from './commands';
import { commandForKey } from './shortcuts';
import { useEditorStore } from './state/editor-store';
import { useUiStore } from './state/ui-store';

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** True when the event comes from a text field, where keys belong to the field. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  // A focused checkbox, radio or button takes no typing: shortcuts still apply there.
  if (el.tagName === 'INPUT') return !NOT_TEXT.has((el as HTMLInputElement).type);
  return el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

/** Edit commands that, while a text field has focus, belong to the field (native menu accelerators). */
const TEXT_EDIT: Partial<Record<CommandId, string>> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.delete': 'delete',
  'edit.selectAll': 'selectAll',
};

/** Runs a native menu command, handing edit commands to a focused text field instead of the document. */
function runMenuCommand(command: CommandId): void {
  const textCommand = TEXT_EDIT[command];
  if (textCommand && typing(document.activeElement)) {
    // execCommand is deprecated but remains the only way to drive a field's own undo stack and clipboard.
    document.execCommand(textCommand);
    return;
  }
  void runCommand(command);
}

/**
 * Wires keyboard shortcuts, the system clipboard events and native menu commands to the
 * command runner. Copy/paste prefer the clipboard events (no permission needed) and fall
 * back to the in-memory clipboard when the browser sends none.
 */
export function useGlobalInput(): void {
  useEffect(() => {
    let pasteFallback: ReturnType<typeof setTimeout> | null = null;
    let lastCopy = 0;

    const onKeyDown = (e: KeyboardEvent) => {
      if (typing(e.target) || useUiStore.getState().dialog) return;
      const cmd = commandForKey(e);
      if (!cmd) return;
      if (cmd === 'edit.paste') {
        // Let the browser fire 'paste' with the clipboard text; if it does not, use ours.
        if (pasteFallback) clearTimeout(pasteFallback);
        pasteFallback = setTimeout(() => {
          pasteFallback = null;
          pasteText(useEditorStore.getState().clipboard);
        }, 80);
        return;
      }
      e.preventDefault();
      if (cmd === 'edit.copy' || cmd === 'edit.cut') lastCopy = Date.now();
      void runCommand(cmd);
    };

    const onCopy = (e: ClipboardEvent) => {
      if (typing(e.target)) return;
      // The keydown already copied (and for cut, deleted); hand the same text to the system clipboard.
      const text = Date.now() - lastCopy < 500 ? useEditorStore.getState().clipboard : useEditorStore.getState().selection.neurons.length ? copySelection() : null;
      if (!text || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };

    const onPaste = (e: ClipboardEvent) => {
      if (typing(e.target)) return;
      if (pasteFallback) {
        clearTimeout(pasteFallback);
        pasteFallback = null;
      }
      e.preventDefault();
      const text = e.clipboardData?.getData('text/plain') ?? '';
      const mem = useEditorStore.getState().clipboard;
      pasteText(text.trim().startsWith('{') ? text : (mem ?? text));
    };

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    const off = api.on('menu.command', ({ command }) => runMenuCommand(command));
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
      off();
      if (pasteFallback) clearTimeout(pasteFallback);
    };
  }, []);
}
