#!/usr/bin/env node
import { registerDecideCommand } from './commands/decide.js';
import { registerGenerateCommand } from './commands/generate.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerUpCommand } from './commands/up.js';
import { registerValidateCommand } from './commands/validate.js';
import { buildProgram } from './program.js';

const program = buildProgram();
// Commands register here, one line each.
registerValidateCommand(program);
registerGenerateCommand(program);
registerDecideCommand(program);
registerSimulateCommand(program);
registerUpCommand(program);

await program.parseAsync(process.argv);
