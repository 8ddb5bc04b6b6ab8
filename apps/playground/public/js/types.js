/**
 * The console's types, read from where they are defined (type-only imports: nothing is loaded at
 * run time). `tsconfig.console.json` checks the console against them.
 */

/** @typedef {import('@mcc/engine').DomainEvent} DomainEvent */
/** @typedef {import('@mcc/engine').DomainEventType} DomainEventType */
/** @typedef {import('@mcc/engine').TimerKind} TimerKind */
/** @typedef {import('@mcc/engine').ContactCenterSnapshot} ContactCenterSnapshot */
/** @typedef {import('@mcc/engine').AgentSnapshot} AgentSnapshot */
/** @typedef {import('@mcc/engine').ServiceSnapshot} ServiceSnapshot */
/** @typedef {import('@mcc/engine').ChannelSnapshot} ChannelSnapshot */
/** @typedef {import('../../src/session-view.js').SessionView} SessionView */
/** @typedef {import('../../src/operations-catalog.js').CatalogEntry} CatalogEntry */
/** @typedef {import('../../src/faults/index.js').FaultSettings} FaultSettings */
/** @typedef {import('../../src/faults/index.js').OperationFaultSettings} OperationFaultSettings */
/** @typedef {ReturnType<typeof import('../../src/faults/index.js').faultsCatalog>} FaultsCatalog */
/** @typedef {Awaited<ReturnType<typeof import('../../src/try-operation.js').tryOperation>>} TryResult */
/** @typedef {{ now: number, running: boolean }} ClockState */
/**
 * Runs a control action of the contact-center panel: an error goes to a toast, success refreshes.
 * @typedef {(label: string, action: () => Promise<unknown>) => Promise<void>} Act
 */

export {};
