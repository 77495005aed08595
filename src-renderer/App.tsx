import { ReactFlowProvider } from '@xyflow/react';
import { memo, useEffect, useState } from 'react';
import { api } from './api';
import { NetworkCanvas } from './canvas/NetworkCanvas';
import { DataDialogs } from './panels/data/DataDialogs';
import { Dialogs } from './panels/Dialogs';
import { Inspector } from './panels/Inspector';
import { MenuBar } from './panels/MenuBar';
import { Palette } from './panels/Palette';
import { StatusBar } from './panels/StatusBar';
import { Toasts } from './panels/Toasts';
import { Toolbar } from './panels/Toolbar';
import { OverlayPanel } from './overlay/OverlayPanel';
import { ExportDialog } from './export/ExportDialog';
import { ProjectDialogs } from './project/ProjectDialogs';
import { TrainingDock } from './training/TrainingDock';
import { useProjectLifecycle } from './project/use-project-lifecycle';
import { useGlobalInput } from './use-global-input';

/** The editor window: menu and toolbar, palette, canvas with the training dock under it, overlay panel, inspector, status bar. */
export function App() {
  useGlobalInput();
  useProjectLifecycle();
  // The desktop app has a native menu; the in-page one is for browser mode.
  const [nativeMenu, setNativeMenu] = useState(false);
  useEffect(() => {
    api.request('app.info', {}).then(
      (info) => setNativeMenu(info.mode === 'electron'),
      () => undefined,
    );
  }, []);
  return (
    <ReactFlowProvider>
      <div className="app">
        {!nativeMenu && <MenuBar />}
        <Workspace />
        <Dialogs />
        <ProjectDialogs />
        <DataDialogs />
        <ExportDialog />
      </div>
    </ReactFlowProvider>
  );
}

/**
 * Toolbar, palette, canvas, inspector and status bar subscribe to the stores themselves; memo keeps
 * App's own re-renders (project title, unsaved state) from re-rendering the canvas with them.
 */
const Workspace = memo(function Workspace() {
  return (
    <>
      <Toolbar />
      <div className="workspace">
        <Palette />
        <div className="center">
          <main className="stage">
            <NetworkCanvas />
            <Toasts />
          </main>
          <TrainingDock />
        </div>
        <OverlayPanel />
        <Inspector />
      </div>
      <StatusBar />
    </>
  );
});
