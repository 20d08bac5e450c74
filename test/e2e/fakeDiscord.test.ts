/**
 * Tests of the fake Discord itself, driven by a bare (real, unmodified) discord.js Client.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ApplicationCommandType,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  ContextMenuCommandBuilder,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  REST,
  Routes,
  SlashCommandBuilder,
  TextDisplayBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import type { Interaction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  autocomplete,
  button,
  channelIdFor,
  DEFAULT_DM_CHANNEL_ID,
  messageContextMenu,
  modalSubmit,
  slash,
  startFakeDiscord,
  subcommand,
} from '../support/fakeDiscord.ts';
import type { FakeDiscord, FakeDiscordOptions } from '../support/fakeDiscord.ts';
import { validateCommandList } from '../support/discordCommandLimits.ts';
import { validateAutocomplete, validateMessage, validateModal } from '../support/discordLimits.ts';

let fake: FakeDiscord | undefined;
const clients: Client[] = [];
const rests: REST[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  for (const r of rests.splice(0)) {
    r.clearHashSweeper();
    r.clearHandlerSweeper();
  }
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 200, ...options });
  return fake;
}

async function connect(f: FakeDiscord, options: { noIdentifyThrottle?: boolean } = {}): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: f.apiBase },
    // @discordjs/ws spaces IDENTIFYs of one shard 5-6.5 s apart; a real client option lifts that
    // for tests that re-identify.
    ...(options.noIdentifyThrottle ? { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) } } : {}),
  });
  clients.push(client);
  const ready = once(client, Events.ClientReady);
  await client.login(f.token);
  await ready;
  return client;
}

/** Registers an interaction handler and collects the errors it throws. */
function handle(client: Client, fn: (i: Interaction) => Promise<void>): unknown[] {
  const errors: unknown[] = [];
  client.on(Events.InteractionCreate, (i) => {
    fn(i).catch((e: unknown) => errors.push(e));
  });
  return errors;
}

function restFor(f: FakeDiscord): REST {
  const rest = new REST({ api: f.apiBase }).setToken(f.token);
  rests.push(rest);
  return rest;
}

describe('fake Discord with a bare discord.js client', () => {
  it('logs in and becomes ready with the guild and its channel cached', async () => {
    const f = await start({ guildIds: ['1300000000000005000', '1300000000000006000'] });
    const client = await connect(f);
    expect(client.user?.id).toBe(f.botUserId);
    expect(client.application?.id).toBe(f.applicationId);
    expect(client.guilds.cache.map((g) => g.id).sort()).toEqual(f.guildIds);
    const guild = client.guilds.cache.get('1300000000000005000');
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(channelIdFor('1300000000000005000'))?.isTextBased()).toBe(true);
    expect(guild?.members.me?.id).toBe(f.botUserId);
    expect(f.gatewayConnections).toBe(1);
    expect(f.identifyCount).toBe(1);
    await f.waitForReady(100);
    const identify = f.gatewayReceived.find((p) => p.op === 2);
    expect(identify?.d).toMatchObject({ token: '<redacted>', intents: GatewayIntentBits.Guilds });
    expect(f.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', status: 200 });
  });

  it('rejects login with a bad token (REST 401 → TokenInvalid)', async () => {
    const f = await start();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: f.apiBase } });
    clients.push(client);
    await expect(client.login('bad.token.value')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(f.requests.at(-1)).toMatchObject({ path: '/gateway/bot', status: 401, response: { code: 0, message: '401: Unauthorized' } });
    expect(f.gatewayConnections).toBe(0);
  });

  it('slash command → reply with embed, ephemeral flag and allowed_mentions', async () => {
    const f = await start();
    const client = await connect(f);
    const seen: Array<{ name: string; q: string | null; n: number | null; guild: string | null; user: string }> = [];
    const errors = handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      seen.push({ name: i.commandName, q: i.options.getString('question'), n: i.options.getInteger('count'), guild: i.guildId, user: i.user.id });
      await i.reply({
        content: 'hello <@123>',
        embeds: [new EmbedBuilder().setTitle('T').setDescription('the answer').setFooter({ text: 'src' })],
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    });
    const h = f.interact(slash('ask', { question: 'who?', count: 3 }, { userId: '1300000000000000777', username: 'alice' }));
    const r = await h.response();
    expect(r.type).toBe(4);
    expect(r.data?.embeds?.[0]?.description).toBe('the answer');
    expect(r.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(r.data?.allowed_mentions).toEqual({ parse: [] });
    expect(h.original()?.content).toBe('hello <@123>');
    expect(seen).toEqual([{ name: 'ask', q: 'who?', n: 3, guild: f.guildIds[0], user: '1300000000000000777' }]);
    expect(errors).toEqual([]);
    expect(f.failedRequests).toEqual([]);
  });

  it('deferReply + editReply, then followUp', async () => {
    const f = await start();
    const client = await connect(f);
    const errors = handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      const edited = await i.editReply({ content: 'done', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary))] });
      expect(edited.content).toBe('done');
      await i.followUp({ content: 'extra', flags: MessageFlags.Ephemeral });
    });
    const h = f.interact(subcommand('facts', 'list', { page: 2 }));
    expect((await h.response()).type).toBe(5);
    const edit = await h.edit();
    expect(edit.content).toBe('done');
    expect(edit.flags & 128).toBe(0);
    expect(edit.components[0]?.components?.[0]?.custom_id).toBe('more');
    const fu = await h.followUp(1);
    expect(fu.content).toBe('extra');
    expect(fu.flags).toBe(MessageFlags.Ephemeral);
    expect(errors).toEqual([]);
  });

  it('button → update (type 7) edits the button message', async () => {
    const f = await start();
    const client = await connect(f);
    const errors = handle(client, async (i) => {
      if (!i.isButton()) return;
      expect(i.message.content).toBe('A message with a button');
      await i.update({ content: `clicked ${i.customId}`, components: [] });
    });
    const h = f.interact(button('page:2'));
    const r = await h.response();
    expect(r.type).toBe(7);
    expect(r.data?.content).toBe('clicked page:2');
    expect(h.original()?.components).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('autocomplete respond (type 8); 26 choices are rejected with 50035', async () => {
    const f = await start();
    const client = await connect(f);
    const caught: unknown[] = [];
    const errors = handle(client, async (i) => {
      if (!i.isAutocomplete()) return;
      const focused = i.options.getFocused(true);
      if (focused.value === 'many') {
        await i.respond(Array.from({ length: 26 }, (_, n) => ({ name: `c${n}`, value: `v${n}` }))).catch((e: unknown) => caught.push(e));
        return;
      }
      await i.respond([{ name: `you typed ${focused.value}`, value: focused.value }]);
    });
    const ok = f.interact(autocomplete('ask', { name: 'question', value: 'wh' }));
    expect(await ok.response()).toMatchObject({ type: 8, data: { choices: [{ name: 'you typed wh', value: 'wh' }] } });

    const bad = f.interact(autocomplete('ask', { name: 'question', value: 'many' }, { lang: 'en' }));
    await expect.poll(() => caught.length).toBe(1);
    expect(caught[0]).toBeInstanceOf(DiscordAPIError);
    expect(caught[0]).toMatchObject({ code: 50035, status: 400 });
    expect(bad.callbacks).toEqual([]);
    expect(bad.rejected[0]?.body).toMatchObject({ errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    expect(errors).toEqual([]);
  });

  it('showModal (type 9) and the modal submit → reply', async () => {
    const f = await start();
    const client = await connect(f);
    const values: string[] = [];
    const errors = handle(client, async (i) => {
      if (i.isChatInputCommand() && i.commandName === 'feedback') {
        const modal = new ModalBuilder()
          .setCustomId('feedback')
          .setTitle('Feedback')
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder().setCustomId('text').setLabel('Your feedback').setStyle(TextInputStyle.Paragraph).setMaxLength(1000),
            ),
          );
        await i.showModal(modal);
      } else if (i.isModalSubmit()) {
        values.push(i.fields.getTextInputValue('text'));
        await i.reply({ content: 'thanks', flags: MessageFlags.Ephemeral });
      }
    });
    const h = f.interact(slash('feedback'));
    const r = await h.response();
    expect(r.type).toBe(9);
    expect(r.data?.custom_id).toBe('feedback');
    expect(r.data?.components?.[0]?.components?.[0]).toMatchObject({ type: 4, custom_id: 'text', label: 'Your feedback' });

    // The newer Label layout (discord.js 14.28 ModalBuilder.addLabelComponents) is accepted too.
    const caught: unknown[] = [];
    const labelled = new ModalBuilder()
      .setCustomId('labelled')
      .setTitle('Labelled')
      .addTextDisplayComponents(new TextDisplayBuilder().setContent('Tell us more'))
      .addLabelComponents(
        new LabelBuilder()
          .setLabel('Your feedback')
          .setDescription('optional details')
          .setTextInputComponent(new TextInputBuilder().setCustomId('text').setStyle(TextInputStyle.Short)),
      );
    client.on(Events.InteractionCreate, (i) => {
      if (!i.isChatInputCommand() || i.commandName !== 'labelled') return;
      const raw = { custom_id: 'x', title: 't'.repeat(46), components: [{ type: 1, components: [{ type: 4, custom_id: 'a', label: 'A', style: 1 }] }] };
      client.rest
        .post(Routes.interactionCallback(i.id, i.token), { body: { type: 9, data: raw }, auth: false })
        .catch((e: unknown) => caught.push(e))
        .then(() => i.showModal(labelled))
        .catch((e: unknown) => caught.push(e));
    });
    const lh = f.interact(slash('labelled'));
    expect((await lh.response()).data?.components?.[1]).toMatchObject({ type: 18, label: 'Your feedback', component: { type: 4, custom_id: 'text' } });
    expect(caught).toHaveLength(1);
    expect(caught[0]).toMatchObject({ code: 50035, rawError: { errors: { data: { title: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } } });

    const m = f.interact(modalSubmit('feedback', { text: 'great bot' }));
    expect((await m.response()).data?.content).toBe('thanks');
    const m2 = f.interact(modalSubmit('feedback', { text: 'label layout' }, { layout: 'label' }));
    await m2.response();
    expect(values).toEqual(['great bot', 'label layout']);
    expect(errors).toEqual([]);
  });

  it('refuses a second callback with 40060 and too-long content with 50035', async () => {
    const f = await start();
    const client = await connect(f);
    const caught: unknown[] = [];
    handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      if (i.commandName === 'long') {
        await i.reply('x'.repeat(2001)).catch((e: unknown) => caught.push(e));
        await i.reply('short');
        return;
      }
      await i.reply('first');
      // discord.js refuses a second reply locally; go through its REST client to reach the fake.
      await client.rest
        .post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'second' } }, auth: false })
        .catch((e: unknown) => caught.push(e));
    });
    const twice = f.interact(slash('twice'));
    await expect.poll(() => caught.length).toBe(1);
    expect(caught[0]).toMatchObject({ code: 40060, status: 400, message: 'Interaction has already been acknowledged.' });
    expect(twice.callbacks.map((c) => c.data?.content)).toEqual(['first']);
    expect(twice.rejected).toHaveLength(1);

    const long = f.interact(slash('long'));
    expect((await long.response()).data?.content).toBe('short');
    expect(caught[1]).toBeInstanceOf(DiscordAPIError);
    expect(caught[1]).toMatchObject({ code: 50035, rawError: { errors: { data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } });
    expect(long.rejected[0]?.status).toBe(400);
  });

  it('validates embeds and empty messages; edits before acknowledging are Unknown Webhook', async () => {
    const f = await start();
    const client = await connect(f);
    const caught: unknown[] = [];
    handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await client.rest
        .patch(Routes.webhookMessage(f.applicationId, i.token, '@original'), { body: { content: 'early' }, auth: false })
        .catch((e: unknown) => caught.push(e));
      // plain objects: EmbedBuilder would refuse the 1025-char field value before sending
      const huge = { description: 'd'.repeat(4000), fields: [{ name: 'n', value: 'v'.repeat(1000) }, { name: 'm', value: 'v'.repeat(1025) }] };
      await i.reply({ embeds: [huge, { description: 'e'.repeat(1000) }] }).catch((e: unknown) => caught.push(e));
      await i.reply({ content: '   ' }).catch((e: unknown) => caught.push(e));
      await i.reply({ content: 'ok' });
    });
    const h = f.interact(slash('embed'));
    await h.response();
    expect(caught).toHaveLength(3);
    expect(caught[0]).toMatchObject({ code: 10015, status: 404 });
    expect(caught[1]).toMatchObject({
      code: 50035,
      rawError: { errors: { data: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }], '0': { fields: { '1': { value: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } } } } } },
    });
    expect(caught[2]).toMatchObject({ code: 50006, message: 'Cannot send an empty message' });
  });

  it('rejects a callback after the interaction deadline with 10062', async () => {
    const f = await start({ interactionDeadlineMs: 100 });
    const client = await connect(f);
    const caught: unknown[] = [];
    handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((r) => setTimeout(r, 150));
      await i.reply('too late').catch((e: unknown) => caught.push(e));
    });
    const h = f.interact(slash('slow'));
    await expect.poll(() => caught.length).toBe(1);
    expect(caught[0]).toMatchObject({ code: 10062, status: 404, message: 'Unknown interaction' });
    expect(h.callbacks).toEqual([]);
  });

  it('uploads attachments as multipart and serves hosted files for attachment options', async () => {
    const f = await start();
    const client = await connect(f);
    const hosted = f.hostFile('question.txt', 'what happened?');
    const errors = handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      const att = i.options.getAttachment('file', true);
      const text = await (await fetch(att.url)).text();
      await i.reply({ content: `read: ${text}`, files: [new AttachmentBuilder(Buffer.from('a,b\n1,2\n'), { name: 'facts.csv' })] });
      await i.editReply({ content: 'edited', files: [new AttachmentBuilder(Buffer.from('second'), { name: 'two.txt' })] });
    });
    const h = f.interact(slash('upload', { file: hosted }));
    const r = await h.response();
    expect(r.data?.content).toBe('read: what happened?');
    expect(r.files.map((x) => [x.name, x.content])).toEqual([['facts.csv', 'a,b\n1,2\n']]);
    // discord.js sends attachment metadata without filename; the name comes from the files[0] part
    expect(r.data?.attachments?.[0]).toMatchObject({ id: '0' });
    expect(h.original()?.attachments.map((a) => [a.filename, a.content])).toEqual([['facts.csv', 'a,b\n1,2\n']]);
    const edit = await h.edit();
    expect(edit.attachments.map((a) => [a.filename, a.content])).toEqual([['two.txt', 'second']]);
    expect(await (await fetch(edit.attachments[0]?.url ?? '')).text()).toBe('second');
    expect(errors).toEqual([]);
  });

  it('registers commands with application.commands.set and REST PUT (guild), and rejects invalid ones', async () => {
    const f = await start();
    const client = await connect(f);
    const set = await client.application?.commands.set([
      new SlashCommandBuilder()
        .setName('ask')
        .setDescription('Ask a question')
        .addStringOption((o) => o.setName('question').setDescription('The question').setRequired(true).setAutocomplete(true)),
      new ContextMenuCommandBuilder().setName('Check this message').setType(ApplicationCommandType.Message),
    ]);
    expect(set?.size).toBe(2);
    expect(f.commands().map((c) => c.name)).toEqual(['ask', 'Check this message']);
    const askId = f.commands()[0]?.id;

    const rest = restFor(f);
    const guildId = f.guildIds[0] ?? '';
    await rest.put(Routes.applicationGuildCommands(f.applicationId, guildId), { body: [{ name: 'admin', description: 'Admin tools', type: 1 }] });
    expect(f.commands(guildId).map((c) => c.name)).toEqual(['admin']);
    const listed = (await rest.get(Routes.applicationGuildCommands(f.applicationId, guildId))) as Array<{ name: string; guild_id: string }>;
    expect(listed).toMatchObject([{ name: 'admin', guild_id: guildId }]);
    expect(f.commandWrites).toBe(2);

    // Re-registering keeps ids (Discord matches by name + type).
    await client.application?.commands.set([new SlashCommandBuilder().setName('ask').setDescription('Ask again')]);
    expect(f.commands()[0]?.id).toBe(askId);

    // Interactions carry the registered command id.
    const seen: string[] = [];
    handle(client, async (i) => {
      if (i.isChatInputCommand()) {
        seen.push(i.commandId);
        await i.reply('ok');
      }
    });
    await f.interact(slash('ask')).response();
    expect(seen).toEqual([askId]);

    const bad = rest.put(Routes.applicationCommands(f.applicationId), { body: [{ name: 'Bad Name', description: 'x' }] });
    await expect(bad).rejects.toMatchObject({ code: 50035, rawError: { errors: { '0': { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } } } });
    const badOrder = rest.put(Routes.applicationCommands(f.applicationId), {
      body: [{ name: 'x', description: 'x', options: [{ type: 3, name: 'a', description: 'a' }, { type: 3, name: 'b', description: 'b', required: true }] }],
    });
    await expect(badOrder).rejects.toMatchObject({ code: 50035 });
    expect(f.commands().map((c) => c.name)).toEqual(['ask']);
    expect(f.commandWrites).toBe(3);
  });

  it('message context menu command', async () => {
    const f = await start();
    const client = await connect(f);
    const errors = handle(client, async (i) => {
      if (!i.isMessageContextMenuCommand()) return;
      await i.reply(`target: ${i.targetMessage.content} by ${i.targetMessage.author.username}`);
    });
    const h = f.interact(messageContextMenu('Check this message', { content: 'the claim', author: { id: '1300000000000000888', username: 'bob' } }));
    expect((await h.response()).data?.content).toBe('target: the claim by bob');
    expect(errors).toEqual([]);
  });

  it('resumes after closeGateway(4000) and replays interactions dispatched while disconnected', async () => {
    const f = await start();
    const client = await connect(f);
    const answered: string[] = [];
    handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      answered.push(i.id);
      await i.reply('pong');
    });
    f.faults.closeGateway(4000);
    const queued = f.interact(slash('ping')); // dispatched while disconnected
    await f.waitForReady(5000);
    expect(f.resumeCount).toBe(1);
    expect(f.identifyCount).toBe(1);
    expect(f.gatewayConnections).toBe(2);
    expect((await queued.response()).data?.content).toBe('pong');
    const next = f.interact(slash('ping'));
    expect((await next.response()).data?.content).toBe('pong');
    expect(answered).toEqual([queued.id, next.id]);
  });

  it('recovers from dropGateway, op 7, resumable op 9 and missing heartbeat ACKs by resuming', async () => {
    const f = await start({ heartbeatIntervalMs: 100 });
    const client = await connect(f);
    const answered: string[] = [];
    handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      answered.push(i.commandName);
      await i.reply('pong');
    });
    await expect.poll(() => f.gatewayReceived.filter((p) => p.op === 1).length).toBeGreaterThan(0);
    await expect.poll(() => client.ws.ping).toBeGreaterThanOrEqual(0);

    f.faults.dropGateway();
    await f.waitForReady(5000);
    await f.interact(slash('after-drop')).response();

    f.faults.requestReconnect();
    await f.waitForReady(5000);
    await f.interact(slash('after-op7')).response();

    f.faults.invalidateSession(true);
    await f.waitForReady(5000);
    await f.interact(slash('after-op9')).response();

    f.faults.stopHeartbeatAcks(true);
    await expect.poll(() => f.resumeCount, { timeout: 5000 }).toBe(4);
    f.faults.stopHeartbeatAcks(false);
    await f.waitForReady(5000);
    await f.interact(slash('after-zombie')).response();

    expect(f.identifyCount).toBe(1);
    expect(answered).toEqual(['after-drop', 'after-op7', 'after-op9', 'after-zombie']);
  });

  it('re-identifies after a non-resumable op 9', async () => {
    const f = await start();
    const client = await connect(f, { noIdentifyThrottle: true });
    handle(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply('fresh');
    });
    f.faults.invalidateSession(false);
    await f.waitForReady(5000);
    expect(f.identifyCount).toBe(2);
    expect(f.resumeCount).toBe(0);
    expect((await f.interact(slash('x')).response()).data?.content).toBe('fresh');
  });

  it('withResponse, fetchReply, deleteReply, DM interactions, guild remapping and channel.send', async () => {
    const f = await start({ guildIds: ['1300000000000007000'] });
    const client = await connect(f);
    const out: unknown[] = [];
    const errors = handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      if (i.commandName === 'dm') {
        out.push(['dm', i.guildId, i.inGuild(), i.channelId]);
        await i.reply('in dm');
        return;
      }
      out.push(['guild', i.guildId, i.channelId]);
      const res = await i.reply({ content: 'with response', withResponse: true });
      out.push(res.resource?.message?.content);
      out.push((await i.fetchReply()).content);
      await i.deleteReply();
      const ch = client.channels.cache.get(i.channelId);
      if (ch?.isSendable()) await ch.send({ content: 'plain message', allowedMentions: { parse: [] } });
    });
    const h = f.interact(slash('ask'));
    await expect.poll(() => f.channelMessages().length).toBe(1);
    expect(out).toEqual([['guild', '1300000000000007000', channelIdFor('1300000000000007000')], 'with response', 'with response']);
    expect(h.original()).toBeUndefined();
    expect(f.channelMessages()[0]).toMatchObject({ content: 'plain message', allowed_mentions: { parse: [] } });

    const dm = f.interact(slash('dm', {}, { guildId: null }));
    expect((await dm.response()).data?.content).toBe('in dm');
    expect(out.at(-1)).toEqual(['dm', null, false, DEFAULT_DM_CHANNEL_ID]);
    expect(errors).toEqual([]);
    expect(f.failedRequests).toEqual([]);
  });

  it('retries after injected 500 and 429 faults', async () => {
    const f = await start();
    const client = await connect(f);
    handle(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply('eventually');
    });
    f.faults.failNext(/\/callback$/, { status: 500 });
    f.faults.failNext(/\/callback$/, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false } });
    const h = f.interact(slash('flaky'));
    expect((await h.response()).data?.content).toBe('eventually');
    expect(f.requests.filter((r) => r.path.endsWith('/callback')).map((r) => r.status)).toEqual([500, 429, 204]);
  });
});

describe('Discord limits enforced by the fake', () => {
  const codes = (v: ReturnType<typeof validateMessage>): string[] => (v.ok ? [] : v.lines);

  it('messages: components, embeds count, allowed_mentions, components v2', () => {
    const row = (n: number, extra: Record<string, unknown> = {}): unknown => ({
      type: 1,
      components: Array.from({ length: n }, (_, k) => ({ type: 2, style: 1, custom_id: `b${k}-${Math.random()}`, label: 'x', ...extra })),
    });
    expect(validateMessage({ content: 'ok', components: [row(5)] }, [], { create: true, fileCount: 0 }).ok).toBe(true);
    expect(codes(validateMessage({ components: [row(6)] }, [], { create: true, fileCount: 0 }))).toEqual(['components.0.components[BASE_TYPE_BAD_LENGTH]: Must be between 1 and 5 in length.']);
    expect(codes(validateMessage({ components: [row(1), row(1), row(1), row(1), row(1), row(1)] }, [], { create: true, fileCount: 0 }))[0]).toContain('components[BASE_TYPE_MAX_LENGTH]');
    expect(codes(validateMessage({ components: [row(1, { label: 'l'.repeat(81) })] }, [], { create: true, fileCount: 0 }))[0]).toContain('components.0.components.0.label');
    expect(codes(validateMessage({ components: [row(1, { custom_id: 'c'.repeat(101) })] }, [], { create: true, fileCount: 0 }))[0]).toContain('custom_id[BASE_TYPE_BAD_LENGTH]');
    expect(codes(validateMessage({ embeds: Array.from({ length: 11 }, () => ({ description: 'x' })) }, [], { create: true, fileCount: 0 }))).toEqual(['embeds[BASE_TYPE_MAX_LENGTH]: Must be 10 or fewer in length.']);
    expect(codes(validateMessage({ embeds: [{ title: 't'.repeat(257) }] }, ['data'], { create: true, fileCount: 0 }))[0]).toContain('data.embeds.0.title');
    expect(codes(validateMessage({ content: 'x', allowed_mentions: { parse: ['users'], users: ['1'] } }, [], { create: true, fileCount: 0 }))[0]).toContain('MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE');
    expect(codes(validateMessage({ content: 'x', flags: 1 << 15, components: [{ type: 10, content: 'hi' }] }, [], { create: true, fileCount: 0 }))[0]).toContain('content[MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2]');
    expect(validateMessage({ flags: 1 << 15, components: [{ type: 17, components: [{ type: 10, content: 'hi' }] }] }, [], { create: true, fileCount: 0 }).ok).toBe(true);
    expect(validateMessage({}, [], { create: true, fileCount: 1 }).ok).toBe(true);
  });

  it('autocomplete and modals', () => {
    expect(validateAutocomplete({ choices: [{ name: 'n', value: 'v'.repeat(101) }] }, ['data']).ok).toBe(false);
    expect(validateAutocomplete({ choices: [{ name: '', value: 'v' }] }, ['data']).ok).toBe(false);
    expect(validateAutocomplete({ choices: [] }, ['data']).ok).toBe(true);
    const input = (extra: Record<string, unknown>): unknown => ({ type: 1, components: [{ type: 4, custom_id: 'a', label: 'A', style: 1, ...extra }] });
    expect(validateModal({ custom_id: 'm', title: 'T', components: [input({})] }, ['data']).ok).toBe(true);
    expect(validateModal({ custom_id: 'm', title: 'T', components: [input({ label: 'l'.repeat(46) })] }, ['data']).ok).toBe(false);
    expect(validateModal({ custom_id: 'm', title: 'T', components: [input({ max_length: 4001 })] }, ['data']).ok).toBe(false);
    expect(validateModal({ custom_id: 'm', title: 'T', components: [input({ placeholder: 'p'.repeat(101) })] }, ['data']).ok).toBe(false);
    expect(validateModal({ custom_id: 'm', title: 'T', components: Array.from({ length: 6 }, () => input({})) }, ['data']).ok).toBe(false);
    expect(validateModal({ custom_id: 'm', title: 'T', components: [] }, ['data']).ok).toBe(false);
  });

  it('application commands', () => {
    const opt = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 3, name, description: 'd', ...extra });
    expect(validateCommandList([{ name: 'ask', description: 'Ask', options: [opt('q', { required: true }), opt('lang')] }]).ok).toBe(true);
    expect(validateCommandList([{ name: 'Ask', description: 'Ask' }]).ok).toBe(false);
    expect(validateCommandList([{ name: 'a'.repeat(33), description: 'Ask' }]).ok).toBe(false);
    expect(validateCommandList([{ name: 'ask', description: '' }]).ok).toBe(false);
    expect(validateCommandList([{ name: 'ask', description: 'd'.repeat(101) }]).ok).toBe(false);
    expect(validateCommandList([{ name: 'ask', description: 'd', options: Array.from({ length: 26 }, (_, k) => opt(`o${k}`)) }]).ok).toBe(false);
    expect(validateCommandList([{ name: 'ask', description: 'd', options: [opt('q', { choices: Array.from({ length: 26 }, (_, k) => ({ name: `c${k}`, value: `v${k}` })) })] }]).ok).toBe(false);
    expect(validateCommandList([{ name: 'ask', description: 'd', options: [{ type: 1, name: 'sub', description: 'd' }, opt('q')] }]).ok).toBe(false);
    expect(validateCommandList([{ name: 'ask', description: 'd', options: [{ type: 2, name: 'grp', description: 'd', options: [{ type: 1, name: 'sub', description: 'd', options: [opt('q')] }] }] }]).ok).toBe(true);
    expect(validateCommandList([{ name: 'ask', description: 'd' }, { name: 'ask', description: 'again' }]).ok).toBe(false);
    expect(validateCommandList(Array.from({ length: 101 }, (_, k) => ({ name: `c${k}`, description: 'd' }))).ok).toBe(false);
    expect(validateCommandList([{ type: 3, name: 'Check This Message' }]).ok).toBe(true);
    expect(validateCommandList([{ type: 3, name: 'Check', description: 'not allowed' }]).ok).toBe(false);
  });
});
