import './no-token.css';

/**
 * Browser mode opened without the run's token (a bookmark, a new tab on the bare address): the
 * services cannot be reached, so the page says how to get in instead of waiting for ever.
 */
export function NoToken() {
  return (
    <main className="no-token" data-testid="no-token">
      <h1 className="no-token__title">Open the address Neurite printed</h1>
      <p className="no-token__text">
        This page needs the address the <code>npm run serve</code> command printed when it started, the one that ends in <code>?token=…</code>. Open that address in
        this tab; the token then stays with the tab, so reloading keeps working.
      </p>
    </main>
  );
}
