/** Prefixes of button custom ids; the rest of the id is the payload (a fact id, ...). */
export const CUSTOM_ID = {
  showFact: 'fact:',
  /** vote:<1|0>:<factId> */
  vote: 'vote:',
  /** modal: fa-add or fa-add:<prefilled question> */
  addModal: 'fa-add',
  /** modal: fa-edit:<factId>:<version the editor started from> */
  editModal: 'fa-edit:',
  /** button: fa-rm:<factId>:<version> */
  confirmRemove: 'fa-rm:',
  cancel: 'fa-cancel',
  /** button: fa-undo:<factId> */
  undoRemove: 'fa-undo:',
  /** button: tl:<topic or all>:<page> */
  timelinePage: 'tl:',
  /** button: fa-gap:<normalised question> */
  gapAdd: 'fa-gap:',
} as const;

export const COLORS = {
  moderation: 0xb7791f,
  answer: 0x2b6cb0,
  notCovered: 0x718096,
} as const;

export const SOURCE_NAME = 'Source: the article on the White House talks between Armenia and Azerbaijan';

/** Discord's hard limit on autocomplete choices. */
export const MAX_CHOICES = 25;

export const RESTARTING = 'I am restarting right now; please try again in a few seconds.';

export const APOLOGY = 'Sorry, something went wrong on my side while answering. Please try again in a moment.';
