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
  /**
   * The virtual-time marks (clock-mark.ts): the prefix of every node's mark, and the one key
   * engines before per-node marks wrote (still read at resume).
   */
  clock: 'engine:clock',
  /** One node's virtual-time mark: no time that node stored is later by a period or more. */
  clockOf: (nodeId: string) => `engine:clock:${nodeId}`,
} as const;
