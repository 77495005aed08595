/**
 * The one Content-Security-Policy of the app, for both shells: scripts only from the app
 * itself (no inline, no eval), no plugins, no framing, no form posts, and connections only to
 * the given extra sources (browser mode's WebSocket).
 */
export function contentSecurityPolicy(extra: { connect?: string[]; script?: string[] } = {}): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...(extra.script ?? [])].join(' '),
    // React Flow positions nodes with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ['connect-src', "'self'", ...(extra.connect ?? [])].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
