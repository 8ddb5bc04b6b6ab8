import { type ContactCenterConfig, parseContactCenterConfig } from '@mcc/engine';

/**
 * The contact center the bench servers run: one channel (1003) with licences enough for any run,
 * one service on it, no agents — a session stays NEW from start to close — and timers that never
 * fire within a run (a closed session is kept `closedRetentionMs`, default an hour).
 */
export function benchContactCenter(name = 'bench', closedRetentionMs = 3_600_000): ContactCenterConfig {
  return parseContactCenterConfig({
    name,
    channels: [{ id: 1003, licences: 10_000_000 }],
    services: [{ code: 'SUPPORT', channels: [1003] }],
    agents: [],
    timers: { newSessionTtlMs: 3_600_000, closedRetentionMs },
  });
}
