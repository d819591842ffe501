/**
 * The live view state, kept in the browser's address bar. `navigate` writes a new history entry
 * (or replaces the current one for camera moves), and back/forward come back through `popstate`;
 * either way every subscriber gets the new state, so the URL is the only source of truth.
 */
import { formatUrl, parseUrl, withChanges, type ViewState } from './url-state.js';

export type Listener = (state: ViewState, previous: ViewState) => void;

export class Store {
  private current: ViewState;
  private readonly listeners = new Set<Listener>();

  constructor() {
    this.current = parseUrl(window.location);
    // Normalise the address (drop malformed parts) without adding a history entry.
    const canonical = formatUrl(this.current);
    if (canonical !== window.location.pathname + window.location.search) window.history.replaceState(null, '', canonical);
    window.addEventListener('popstate', () => this.set(parseUrl(window.location)));
  }

  get state(): ViewState {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Change the view. `replace` is for changes that should not become a back-button step. */
  navigate(patch: Partial<ViewState>, options: { replace?: boolean } = {}): void {
    const next = withChanges(this.current, patch);
    const url = formatUrl(next);
    if (url === window.location.pathname + window.location.search) return;
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    this.set(parseUrl(new URL(url, window.location.origin)));
  }

  private set(next: ViewState): void {
    const previous = this.current;
    this.current = next;
    for (const l of this.listeners) l(next, previous);
  }
}
