/** Labels stay >= 10 px tall down to this zoom (far level of detail); auto-collapse keeps fit view above it. */
export const LEGIBLE_ZOOM = 0.36;
/** Fit view's padding in screen pixels (a share of the window wastes a small one); more on the left for the zoom controls. */
export const FIT = { padding: { top: '20px', right: '20px', bottom: '20px', left: '52px' }, duration: 200, maxZoom: 1.25 } as const;
/** The minimap's size on screen. */
export const MINIMAP = { width: 168, height: 112 } as const;
/** Below this canvas size the minimap would cover the network (e.g. with the training dock open at 1280×720), so it steps aside. */
export const MINIMAP_ROOM = { width: 560, height: 380 } as const;
/** How much one zoom in or out changes the zoom. */
export const ZOOM_STEP = 1.2;
/** The least and most zoom of the canvas. */
export const ZOOM_LIMITS = { min: 0.05, max: 3 } as const;
