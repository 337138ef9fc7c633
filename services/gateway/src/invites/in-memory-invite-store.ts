import { type Invite, type InviteStore } from './invite';

/** The InviteStore port in memory, for unit tests. */
export class InMemoryInviteStore implements InviteStore {
  private readonly invites = new Map<string, Invite & { tokenHash: string }>();

  create(invite: Parameters<InviteStore['create']>[0]): Promise<Invite> {
    const stored = {
      ...invite,
      createdAt: new Date(0),
      usedAt: null,
      usedBy: null,
      revokedAt: null,
    };
    this.invites.set(invite.id, stored);
    return Promise.resolve(stored);
  }

  list(): Promise<Invite[]> {
    return Promise.resolve([...this.invites.values()]);
  }

  find(id: string): Promise<Invite | null> {
    return Promise.resolve(this.invites.get(id) ?? null);
  }

  revoke(id: string, at: Date): Promise<Invite | null> {
    const invite = this.invites.get(id);
    if (invite && !invite.usedAt && !invite.revokedAt) invite.revokedAt = at;
    return Promise.resolve(invite ?? null);
  }

  claim(tokenHash: string, now: Date): Promise<Invite | null> {
    const invite = [...this.invites.values()].find((i) => i.tokenHash === tokenHash);
    if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt <= now)
      return Promise.resolve(null);
    invite.usedAt = now;
    return Promise.resolve({ ...invite });
  }

  setUsedBy(id: string, accountId: string): Promise<void> {
    this.invites.get(id)!.usedBy = accountId;
    return Promise.resolve();
  }

  release(id: string): Promise<void> {
    Object.assign(this.invites.get(id)!, { usedAt: null, usedBy: null });
    return Promise.resolve();
  }
}
