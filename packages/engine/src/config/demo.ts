import { type ContactCenterConfig, parseContactCenterConfig } from './schema.js';

/**
 * The demo contact center, the default configuration of the playground and of the test targets:
 * four channels, four services (always open, office hours, switched off, enabled nowhere) and four
 * agents with different profiles, capacities and answering habits.
 */
export const demoConfigInput = {
  name: 'Demo contact center',
  channels: [
    { id: 1, name: 'Custom channel 1', enabled: true, licences: 5 },
    { id: 2, name: 'Custom channel 2', enabled: true, licences: 2 },
    { id: 3, name: 'Custom channel 3', enabled: false, licences: 5 },
    { id: 1003, name: 'LiveHelp', enabled: true, licences: 50 },
  ],
  services: [
    {
      code: 'SUPPORT',
      name: 'Support',
      channels: [1, 2, 1003],
      queueMessage: 'You are number {position} in the {service} queue',
    },
    {
      code: 'SALES',
      name: 'Sales',
      channels: [1003],
      timeZone: 'Europe/Rome',
      openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
    },
    { code: 'BILLING', name: 'Billing', channels: [1003], outOfService: true },
    { code: 'ARCHIVE', name: 'Archive', channels: [] },
  ],
  agents: [
    {
      username: 'alice',
      name: 'Alice',
      profiles: [1, 2, 1003],
      skills: ['SUPPORT', 'SALES'],
      capacity: 2,
      autoAnswer: 0,
      loggedInAtStart: [1003],
    },
    {
      username: 'bob',
      name: 'Bob',
      profiles: [1003],
      skills: ['SUPPORT'],
      capacity: 3,
      loggedInAtStart: [1003],
    },
    { username: 'carol', name: 'Carol', profiles: [2], skills: ['SUPPORT'], capacity: 1, autoAnswer: 2000 },
    { username: 'dave', name: 'Dave', profiles: [], skills: [] },
  ],
} as const;

/** The demo contact center, validated. */
export const demoConfig: ContactCenterConfig = parseContactCenterConfig(demoConfigInput);
