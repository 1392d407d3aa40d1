// What the server says about signing in (GET /app-config.json), remembered for offline starts.
export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
  /** The ID token's claims that name the user, their organization and role (the server's too). */
  claims?: { sub: string; org: string; role: string };
}
export interface AppConfig {
  devSignIn: boolean;
  oidc: OidcConfig | null;
}

const STORAGE_KEY = 'rinnalla.appConfig';

export async function loadAppConfig(): Promise<AppConfig> {
  try {
    const response = await fetch('/app-config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`app config: HTTP ${response.status}`);
    const config = (await response.json()) as AppConfig;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(config));
    return config;
  } catch (error) {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored) return JSON.parse(stored) as AppConfig;
    throw error;
  }
}
