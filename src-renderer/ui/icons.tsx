/** Stroke icons (16 px, currentColor) for the toolbar; paths drawn for this app. */
const PATHS: Record<string, string> = {
  undo: 'M6 4L3 7l3 3M3 7h6.5a3.5 3.5 0 010 7H7',
  redo: 'M10 4l3 3-3 3M13 7H6.5a3.5 3.5 0 000 7H9',
  cut: 'M5.5 11.5L12 3M10.5 11.5L4 3M5 13a2 2 0 11-2-2 2 2 0 012 2zM15 13a2 2 0 11-2-2 2 2 0 012 2z',
  copy: 'M5.5 5.5h8v8h-8zM3 10.5V3h7.5',
  paste: 'M5 3H3.5v11h9V3H11M6 2h4v2.5H6z',
  delete: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 9h5.6l.7-9',
  layout: 'M2.5 4h3v3h-3zM2.5 9.5h3v3h-3zM10.5 3h3v3h-3zM10.5 7h3v3h-3zM10.5 11h3v3h-3zM5.5 5.5l5-1M5.5 5.5l5 3M5.5 11l5-2.5M5.5 11l5 1.5',
  fit: 'M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10M6 6h4v4H6z',
  zoomIn: 'M7 3.5a3.5 3.5 0 110 7 3.5 3.5 0 010-7zM9.6 9.6l3.9 3.9M5.3 7h3.4M7 5.3v3.4',
  zoomOut: 'M7 3.5a3.5 3.5 0 110 7 3.5 3.5 0 010-7zM9.6 9.6l3.9 3.9M5.3 7h3.4',
  minimap: 'M2.5 3.5h11v9h-11zM8.5 8h4v3.5h-4z',
  help: 'M8 14.5a6.5 6.5 0 110-13 6.5 6.5 0 010 13zM6.2 6.2a1.9 1.9 0 113 1.5c-.8.5-1.2.9-1.2 1.8M8 11.3v.2',
  panelLeft: 'M2.5 3h11v10h-11zM6 3v10',
  panelRight: 'M2.5 3h11v10h-11zM10 3v10',
  panelOverlay: 'M2.5 3h11v10h-11zM10 3v10M11.3 6h1M11.3 8h1M11.3 10h1',
  dense: 'M3 4.5h2M3 11.5h2M11 3h2M11 8h2M11 13h2M5 4.5l6-1.5M5 4.5l6 3.5M5 4.5l6 8.5M5 11.5l6-8.5M5 11.5l6-3.5M5 11.5l6 1.5',
};

/** One named toolbar icon. */
export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" width={16} height={16} viewBox="0 0 16 16" aria-hidden="true">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth={1.3} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
