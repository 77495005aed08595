import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/api';

/** What the menu needs to know about where it runs. */
export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Packaged builds get no DevTools item. */
  isPackaged: boolean;
  /** Sends a command to the focused window's renderer. */
  send: (command: MenuCommand) => void;
  /** The Open Recent entries, most recent first. */
  recent?: { path: string; name: string }[];
  /** Opens a recent project in the focused window. */
  openPath?: (path: string) => void;
}

/**
 * The native menu bar as data (so it is testable without Electron). File items own their
 * accelerators only where a browser would not let the page see the key (New, Close, Quit); the
 * others only display theirs, because the renderer's own key handler runs them (and leaves them
 * to text fields), so registering them too would run each twice.
 */
export function menuTemplate({ appName, isMac, isPackaged, send, recent = [], openPath }: MenuOptions): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string, owned = true): MenuItemConstructorOptions => ({
    label,
    accelerator,
    ...(owned ? {} : { registerAccelerator: false }),
    click: () => send(command),
  });
  const shown = (label: string, command: MenuCommand, accelerator?: string) => item(label, command, accelerator, false);
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [item(`About ${appName}`, 'help.about'), sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
        },
      ]
    : [];

  return [
    ...appMenu,
    {
      label: '&File',
      submenu: [
        item('New', 'file.new', 'CmdOrCtrl+N'),
        item('New from Example…', 'file.newFromExample'),
        shown('Open…', 'file.open', 'CmdOrCtrl+O'),
        {
          label: 'Open Recent',
          submenu: recent.length ? recent.map((r) => ({ label: r.name, sublabel: r.path, click: () => openPath?.(r.path) })) : [{ label: 'No recent projects', enabled: false }],
        },
        sep,
        item('Import CSV…', 'file.importCsv'),
        {
          label: 'Import',
          submenu: [item('Network JSON…', 'file.importJson'), item('Weights (from the PyTorch export)…', 'file.importWeights')],
        },
        {
          label: 'Export',
          submenu: [item('ONNX Model…', 'file.exportOnnx'), item('PyTorch Folder…', 'file.exportPytorch'), item('Network JSON…', 'file.exportJson'), item('Copy Network as JSON', 'file.copyJson')],
        },
        sep,
        shown('Save', 'file.save', 'CmdOrCtrl+S'),
        shown('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        sep,
        item('Close', 'file.close', 'CmdOrCtrl+W'),
        ...(isMac ? [] : [sep, { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        shown('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
        shown('Redo', 'edit.redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        sep,
        shown('Cut', 'edit.cut', 'CmdOrCtrl+X'),
        shown('Copy', 'edit.copy', 'CmdOrCtrl+C'),
        shown('Paste', 'edit.paste', 'CmdOrCtrl+V'),
        shown('Delete', 'edit.delete', 'Delete'),
        sep,
        shown('Select All', 'edit.selectAll', 'CmdOrCtrl+A'),
        sep,
        shown('Insert Layer…', 'edit.insertLayer', 'Shift+I'),
      ],
    },
    {
      label: '&View',
      submenu: [
        shown('Fit View', 'view.fitView', 'Shift+F'),
        shown('Auto-layout', 'view.autoLayout', 'Shift+L'),
        sep,
        shown('Zoom In', 'view.zoomIn', 'CmdOrCtrl+='),
        shown('Zoom Out', 'view.zoomOut', 'CmdOrCtrl+-'),
        sep,
        shown('Toggle Minimap', 'view.toggleMinimap', 'Shift+M'),
        sep,
        item('Toggle Palette', 'view.togglePalette'),
        item('Toggle Inspector', 'view.toggleInspector'),
        item('Toggle Overlay Panel', 'view.toggleOverlayPanel'),
        item('Toggle Training Dock', 'view.toggleTrainingDock'),
        item('Overlay Panel Beside Inspector', 'view.panelsBeside'),
        {
          label: 'Theme',
          submenu: [item('System', 'view.themeSystem'), item('Light', 'view.themeLight'), item('Dark', 'view.themeDark')],
        },
        sep,
        shown('Overlay Off', 'view.overlayOff', '0'),
        shown('Overlay: Weights', 'view.overlayWeights', '1'),
        shown('Overlay: Contributions for a Sample', 'view.overlayContributions', '2'),
        shown('Overlay: Dataset', 'view.overlayDataset', '3'),
        shown('Previous Sample', 'view.previousSample', '['),
        shown('Next Sample', 'view.nextSample', ']'),
        sep,
        item('Data…', 'view.data'),
        ...(isPackaged ? [] : [sep, { role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: '&Training',
      submenu: [
        shown('Train', 'train.start', 'F5'),
        shown('Pause / Resume', 'train.pauseResume', 'F8'),
        shown('Stop', 'train.stop', 'Shift+F5'),
        sep,
        shown('Step One Batch', 'train.stepBatch', 'F10'),
        shown('Step One Epoch', 'train.stepEpoch', 'Shift+F10'),
        sep,
        item('Reset Weights', 'train.resetWeights'),
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [shown('Keyboard Shortcuts', 'help.shortcuts', 'F1'), item('What Does a Negative Output Do?', 'help.negativeOutput'), ...(isMac ? [] : [item(`About ${appName}`, 'help.about')])],
    },
  ];
}
