import { SETTING_GROUPS, type Setting, type SettingGroup } from './setting.js';
import { SETTINGS_TABLE } from './settings-table.js';

/** How a row is named on the left of `--help`: `--port N, PORT`. */
function names(row: Setting): string {
  const flag =
    row.flag && `--${row.flag}${row.arg ? ` ${row.arg}` : ''}${row.short ? `, -${row.short}` : ''}`;
  return [flag, row.env].filter(Boolean).join(', ');
}

/** `--help`, printed from the settings table. */
export function renderHelp(table: Readonly<Record<string, Setting>> = SETTINGS_TABLE): string {
  const rows: Setting[] = Object.values(table);
  const width = Math.max(...rows.map((row) => names(row).length)) + 2;
  const sections = (Object.keys(SETTING_GROUPS) as SettingGroup[]).map((group) => {
    const lines = rows
      .filter((row) => row.group === group)
      .map((row) => {
        const fallback = row.defaultText ? ` (default ${row.defaultText})` : '';
        return `  ${names(row).padEnd(width)}${row.help}${fallback}`;
      });
    return [SETTING_GROUPS[group], ...lines].join('\n');
  });
  return [
    'mcc-playground — a local TVox MultiChannel Connector on a simulated contact center',
    '',
    'Usage: mcc-playground [--port N] [--host ADDR] [--store URL] [--config FILE] [options]',
    '       mcc-playground --config-check FILE',
    '',
    sections.join('\n\n'),
    '',
    'Flags win over environment variables; an empty variable counts as not set.',
    'Switches take true/false, 1/0, yes/no or on/off from the environment. LOG_LEVEL sets the log',
    'level (default info). The configuration file is described in docs/configuration.md.',
  ].join('\n');
}
