import {
  type AgentConfig,
  type ChannelConfig,
  type ContactCenterConfigInput,
  demoConfigInput,
  type ServiceConfig,
  type TimersConfig,
} from '@mcc/engine';
import type { z } from 'zod';

/** A configuration to edit: the demo contact center's shape, every part present and mutable. */
export interface EditableConfig {
  name: string;
  channels: Array<z.input<typeof ChannelConfig>>;
  services: Array<z.input<typeof ServiceConfig>>;
  agents: Array<z.input<typeof AgentConfig>>;
  timers: Partial<z.input<typeof TimersConfig>>;
}

/**
 * The demo contact center (channels 1, 2, 3 (disabled), 1003; services SUPPORT, SALES, BILLING,
 * ARCHIVE; agents alice, bob, carol, dave), as a fresh copy, optionally edited — the way to build
 * other contact centers for tests.
 *
 * @example demoContactCenter((cc) => { cc.timers.closeGracePeriodMs = 5000; })
 */
export function demoContactCenter(edit?: (config: EditableConfig) => void): ContactCenterConfigInput {
  const config = structuredClone({ timers: {}, ...demoConfigInput }) as unknown as EditableConfig;
  edit?.(config);
  return config as ContactCenterConfigInput;
}

/** Finds a service of an editable configuration by code (throws when absent). */
export function serviceOf(config: EditableConfig, code: string) {
  const service = config.services.find((s) => s.code === code);
  if (!service) throw new Error(`no service ${code}`);
  return service;
}

export { demoConfig, demoConfigInput } from '@mcc/engine';
