import { InteractionResponseType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { DEFAULT_MEMBER_PERMISSIONS } from './interactionPayloads.ts';

/** Callback types and flags the end-to-end tests check, named as a reader expects them. */
export const CHANNEL_MESSAGE = InteractionResponseType.ChannelMessageWithSource;
export const DEFERRED = InteractionResponseType.DeferredChannelMessageWithSource;
export const UPDATE_MESSAGE = InteractionResponseType.UpdateMessage;
export const AUTOCOMPLETE_RESULT = InteractionResponseType.ApplicationCommandAutocompleteResult;
export const MODAL = InteractionResponseType.Modal;
export const EPHEMERAL = MessageFlags.Ephemeral;
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;
/** A member who may manage facts: the default permissions plus Manage Server. */
export const MOD_PERMISSIONS = (BigInt(DEFAULT_MEMBER_PERMISSIONS) | MANAGE_GUILD).toString();
