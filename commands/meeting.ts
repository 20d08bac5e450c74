import { briefingCommand } from '../src/discord/briefingCommand.ts';

export default briefingCommand('meeting', 'When and where the leaders last met, what about, and what comes next');
