import { briefingCommand } from '../src/discord/briefingCommand.ts';

export default briefingCommand('refugees', 'The people displaced from Nagorno-Karabakh: the figures and their context');
