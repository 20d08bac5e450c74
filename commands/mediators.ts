import { briefingCommand } from '../src/discord/briefingCommand.ts';

export default briefingCommand('mediators', 'Who mediates between Armenia and Azerbaijan now, and who did before');
