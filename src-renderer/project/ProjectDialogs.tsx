import './project-dialogs.css';
import { useEffect, useId, useState } from 'react';
import type { ProjectFile } from '../../src-shared/model/project';
import { api } from '../api';
import { Modal } from '../ui/Modal';
import { useProjectStore, type ProjectPrompt } from '../state/project-store';

function UnsavedDialog({ prompt }: { prompt: Extract<ProjectPrompt, { kind: 'unsaved' }> }) {
  return (
    <Modal
      title="Unsaved changes"
      onClose={() => prompt.resolve('cancel')}
      testid="unsaved-dialog"
      footer={
        <>
          <button type="button" onClick={() => prompt.resolve('discard')}>
            Don’t Save
          </button>
          <button type="button" onClick={() => prompt.resolve('cancel')}>
            Cancel
          </button>
          <button type="button" className="primary" autoFocus onClick={() => prompt.resolve('save')}>
            Save
          </button>
        </>
      }
    >
      <p>Do you want to save the changes you made to “{prompt.name}”? Your changes will be lost if you don’t save them.</p>
    </Modal>
  );
}

/** Browser mode's Open dialog: the project files in the projects folder. */
function OpenDialog({ prompt }: { prompt: Extract<ProjectPrompt, { kind: 'open' }> }) {
  const [files, setFiles] = useState<ProjectFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.request('project.list', {}).then(setFiles, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <Modal title="Open project" onClose={() => prompt.resolve(null)} testid="open-dialog">
      {error && <p className="error-text">{error}</p>}
      {files && !files.length && <p className="muted">No projects in the projects folder yet. Save one first.</p>}
      {files && files.length > 0 && (
        <ul className="file-list">
          {files.map((f) => (
            <li key={f.path}>
              <button type="button" data-testid={`open-file-${f.name}`} onClick={() => prompt.resolve(f.path)}>
                <span className="file-list__name">{f.name}</span>
                <span className="muted">
                  {f.path} · {new Date(f.modified).toLocaleString()} · {(f.size / 1024).toFixed(0)} KB
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

/** Browser mode's Save As dialog: a file name in the projects folder. */
function SaveAsDialog({ prompt }: { prompt: Extract<ProjectPrompt, { kind: 'saveAs' }> }) {
  const [name, setName] = useState(prompt.suggestedName);
  const valid = name.trim().length > 0;
  const formId = useId();
  return (
    <Modal
      title="Save project as"
      onClose={() => prompt.resolve(null)}
      testid="save-dialog"
      footer={
        <>
          <button type="button" onClick={() => prompt.resolve(null)}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" data-testid="save-run" disabled={!valid}>
            Save
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) prompt.resolve(name.trim());
        }}
      >
        <label className="field">
          <span className="field__label">File name in the projects folder</span>
          <input data-testid="save-name-input" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </form>
    </Modal>
  );
}

function RecoveryDialog({ prompt }: { prompt: Extract<ProjectPrompt, { kind: 'recovery' }> }) {
  return (
    <Modal title="Restore unsaved work?" onClose={() => prompt.resolve(null)} testid="recovery-dialog">
      <p>Neurite closed without saving these projects. Restore the unsaved edits, or discard them.</p>
      <ul className="file-list">
        {prompt.sessions.map((s) => (
          <li key={s.id} className="file-list__row">
            <span>
              <span className="file-list__name">{s.name}</span>
              <span className="muted"> edited {new Date(s.editedAt).toLocaleString()}</span>
            </span>
            <span className="button-row">
              <button type="button" onClick={() => prompt.resolve({ id: s.id, recover: false })}>
                Discard
              </button>
              <button type="button" className="primary" onClick={() => prompt.resolve({ id: s.id, recover: true })}>
                Restore
              </button>
            </span>
          </li>
        ))}
      </ul>
    </Modal>
  );
}

/** Whichever project prompt is on screen. */
export function ProjectDialogs() {
  const prompt = useProjectStore((s) => s.prompt);
  switch (prompt?.kind) {
    case 'unsaved':
      return <UnsavedDialog prompt={prompt} />;
    case 'open':
      return <OpenDialog prompt={prompt} />;
    case 'saveAs':
      return <SaveAsDialog prompt={prompt} />;
    case 'recovery':
      return <RecoveryDialog prompt={prompt} />;
    default:
      return null;
  }
}
