import { ReactFlowProvider } from '@xyflow/react';
import { memo, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from './api';
import { NetworkCanvas } from './canvas/NetworkCanvas';
import { DataDialogs } from './data/DataDialogs';
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
import { useFileDrop } from './panels/use-file-drop';
import { useGlobalInput } from './use-global-input';
import { usePrefsSync, useThemeSync } from './panels/use-theme-sync';
import { useOverlayStore } from './overlay/overlay-store';
import { useOverlayReset } from './overlay/use-overlay-reset';
import { useUiStore } from './state/ui-store';
import { WalkthroughPanel } from './walkthrough/WalkthroughPanel';

/** The editor window: menu and toolbar, palette, canvas with the training dock under it, overlay panel, inspector, status bar. */
export function App() {
  useGlobalInput();
  useProjectLifecycle();
  useFileDrop();
  useThemeSync();
  usePrefsSync();
  useOverlayReset();
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
          <WalkthroughPanel />
          <main className="stage">
            <NetworkCanvas />
            <Toasts />
          </main>
          <TrainingDock />
        </div>
        <SidePanels />
      </div>
      <StatusBar />
    </>
  );
});

/**
 * The right-hand side: the overlay panel (while an overlay is on) and the inspector, each collapsible,
 * sharing one column (stacked) or side by side.
 */
function SidePanels() {
  const overlayOn = useOverlayStore((s) => s.mode !== 'off');
  const { overlayPanelOpen, inspectorOpen, beside } = useUiStore(useShallow((s) => ({ overlayPanelOpen: s.overlayPanelOpen, inspectorOpen: s.inspectorOpen, beside: s.panelsBeside })));
  const showOverlay = overlayOn && overlayPanelOpen;
  // The overlay panel keeps its worker in sync even while hidden, so it stays mounted.
  return (
    <div className={`side${beside ? ' side--beside' : ' side--stacked'}`} data-testid="side-panels" hidden={!showOverlay && !inspectorOpen}>
      <div className="side__slot side__slot--overlay" hidden={!showOverlay}>
        <OverlayPanel />
      </div>
      {inspectorOpen && <Inspector />}
    </div>
  );
}
