import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../commands/index.ts';
import { canonicalCommand } from '../../../src/discord/syncCommands.ts';

/** What Discord returns for a registered command: our definition plus ids, defaults and nulls. */
function asDiscordReturnsIt(definition: object): object {
  return {
    id: '1111111111111111111',
    application_id: '2222222222222222222',
    version: '3333333333333333333',
    default_member_permissions: null,
    type: 1,
    dm_permission: true,
    nsfw: false,
    integration_types: [0],
    contexts: null,
    name_localizations: null,
    description_localizations: null,
    ...definition,
  };
}

describe('canonicalCommand', () => {
  it('GIVEN what Discord echoes back for our commands THEN it compares equal, so restarts register nothing', () => {
    for (const data of commandDefinitions) {
      const echoed = asDiscordReturnsIt({ description: '', ...data });
      expect(canonicalCommand(echoed)).toEqual(canonicalCommand(data));
    }
  });

  it('GIVEN a changed description THEN it differs', () => {
    const data = commandDefinitions[0]!;
    expect(canonicalCommand({ ...data, description: 'changed' })).not.toEqual(canonicalCommand(data));
  });
});
