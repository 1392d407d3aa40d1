// Development sign-in (enabled on the server by --dev-sign-in, loopback only): the server lists
// its demo users and hands out their tokens.
import type { Session } from './session';

export interface DevUser {
  sub: string;
  org: string;
  role: string;
  displayName: string;
}

export async function listDevUsers(): Promise<DevUser[]> {
  const response = await fetch('/dev/sign-in', { cache: 'no-store' });
  if (!response.ok) throw new Error(`dev sign-in: HTTP ${response.status}`);
  return ((await response.json()) as { users: DevUser[] }).users;
}

export async function devSignIn(user: DevUser): Promise<Session> {
  const response = await fetch('/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: user.sub, org: user.org }),
  });
  if (!response.ok) throw new Error(`dev sign-in: HTTP ${response.status}`);
  const { token, expireTime } = (await response.json()) as { token: string; expireTime: string };
  return { token, expireTime, ...user };
}
