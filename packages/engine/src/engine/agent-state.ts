/** An agent's login on one channel. */
export interface ChannelLogin {
  ready: boolean;
  /** Since when the agent has been waiting for work here (login, ready, or its last booking). */
  idleSince: number;
}

/** An agent's runtime state, stored under `agent:<username>`: its logins by channel id. */
export interface AgentRuntime {
  channels: Record<string, ChannelLogin>;
}

/** Runtime switches of a service, stored under `service:<code>`. */
export interface ServiceRuntime {
  outOfService?: boolean;
  channels?: number[];
}

/** Runtime switch of a channel, stored under `channel:<id>`. */
export interface ChannelRuntime {
  enabled?: boolean;
}

/** The keys of the store's key–value state the engine uses. */
export const stateKey = {
  agent: (username: string) => `agent:${username}`,
  service: (code: string) => `service:${code}`,
  channel: (id: number) => `channel:${id}`,
  initialised: 'engine:initialised',
  /** The virtual-time mark: no stored time is later (see clock-mark.ts). */
  clock: 'engine:clock',
} as const;
