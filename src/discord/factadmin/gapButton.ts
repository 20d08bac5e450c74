import type { ButtonHandler } from '../command.ts';
import { CUSTOM_ID } from '../constants.ts';
import { factModal } from './factModal.ts';

/** A gap's "Add" button: the add form with the members' question already in it. */
export const gapAddButton: ButtonHandler = {
  prefix: CUSTOM_ID.gapAdd,
  moderatorOnly: true,
  async execute(interaction, question) {
    await interaction.showModal(factModal(CUSTOM_ID.addModal, 'Add a fact', { question }));
  },
};
