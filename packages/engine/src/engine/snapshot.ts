import type { ServiceState } from '@mcc/core';
import type { ContactCenterConfig } from '../config/schema.js';
import type { StoreReadTx } from '../store/store.js';
import type { AgentSnapshot, ChannelSnapshot, ContactCenterSnapshot, ServiceSnapshot } from './control.js';
import type { Directory } from './directory.js';
import { type ServiceView, serviceStateOf } from './service-state.js';

/** The whole contact center at `now`: every configured channel, service and agent with its live state. */
export async function takeSnapshot(
  config: ContactCenterConfig,
  directory: Directory,
  tx: StoreReadTx,
  now: number,
): Promise<ContactCenterSnapshot> {
  const channels: ChannelSnapshot[] = [];
  for (const c of config.channels) {
    const view = await directory.channel(tx, c.id);
    channels.push({ ...view, ...(c.name ? { name: c.name } : {}), open: await tx.countOpenSessions(c.id) });
  }
  const services: ServiceSnapshot[] = [];
  for (const s of config.services) {
    const view: ServiceView = (await directory.service(tx, s.code)) ?? s;
    const states: Record<string, ServiceState> = {};
    for (const c of channels) states[String(c.id)] = serviceStateOf(view, c, now);
    services.push({
      code: s.code,
      ...(s.name ? { name: s.name } : {}),
      outOfService: view.outOfService,
      channels: view.channels,
      states,
      queued: (await tx.querySessions({ status: ['QUEUED'], serviceCode: s.code })).length,
      ...(s.queueCapacity !== undefined ? { queueCapacity: s.queueCapacity } : {}),
    });
  }
  const agents: AgentSnapshot[] = [];
  for (const a of config.agents) {
    const runtime = await directory.agentRuntime(tx, a.username);
    const perChannel: AgentSnapshot['channels'] = [];
    for (const channelId of a.profiles) {
      const login = runtime.channels[String(channelId)];
      perChannel.push({
        channelId,
        loggedIn: Boolean(login),
        ready: Boolean(login?.ready),
        load: await directory.load(tx, a.username, channelId),
        capacity: directory.capacity(a, channelId),
      });
    }
    agents.push({
      username: a.username,
      ...(a.name ? { name: a.name } : {}),
      profiles: a.profiles,
      skills: a.skills,
      autoAnswer: a.autoAnswer,
      channels: perChannel,
    });
  }
  return { now, channels, services, agents };
}
