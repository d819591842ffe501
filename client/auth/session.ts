/**
 * The analyst's session. The token lives in sessionStorage (gone when the tab closes), never in the
 * URL: it is a credential, not part of what is on screen.
 */
import { postJson, getJson, setToken, ApiError } from '../api/http.js';
import type { Login, User } from '../api/types.js';

const KEY = 'povmap.session';

export class Session {
  user: User | null = null;
  expiresAt: string | null = null;
  private readonly listeners = new Set<() => void>();

  /** Pick up a stored token and check it is still valid. */
  async restore(): Promise<void> {
    const stored = sessionStorage.getItem(KEY);
    if (!stored) return;
    try {
      const { token, expires_at } = JSON.parse(stored) as Login;
      if (new Date(expires_at).getTime() <= Date.now()) throw new Error('expired');
      setToken(token);
      const me = await getJson<{ user: User; expires_at: string }>('/api/auth/me');
      this.expiresAt = me.expires_at;
      this.set(me.user);
    } catch {
      this.forget();
    }
  }

  async signIn(username: string, password: string): Promise<void> {
    const login = await postJson<Login>('/api/auth/login', { username, password });
    sessionStorage.setItem(KEY, JSON.stringify(login));
    setToken(login.token);
    this.expiresAt = login.expires_at;
    this.set(login.user);
  }

  async signOut(): Promise<void> {
    try {
      await postJson('/api/auth/logout', undefined);
    } catch (err) {
      // An expired token is already signed out; anything else is still worth forgetting locally.
      if (!(err instanceof ApiError)) throw err;
    }
    this.forget();
  }

  /** The server said our token is no good (401): drop it. */
  forget(): void {
    sessionStorage.removeItem(KEY);
    setToken(null);
    this.expiresAt = null;
    this.set(null);
  }

  subscribe(l: () => void): void {
    this.listeners.add(l);
  }

  private set(user: User | null): void {
    this.user = user;
    for (const l of this.listeners) l();
  }
}
