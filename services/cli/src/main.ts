#!/usr/bin/env node
import { buildProgram } from './program.js';

const program = buildProgram();
// Commands register here, one line each.

await program.parseAsync(process.argv);
