import { readFileSync } from 'node:fs';
import { AUGMENT_OPTION_NAMES } from '@inkling/core/augment';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.js';

const README = new URL('../../../../README.md', import.meta.url);
const AUGMENT_FLAGS = new Set(AUGMENT_OPTION_NAMES.map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`));

/** The README's "The command line" block as { command: its text }, continuation lines joined, comments dropped. */
function readmeCommands(): Map<string, string> {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('## The command line'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const commands = new Map<string, string>();
  let current = '';
  for (const line of block.split('\n')) {
    const code = line.replace(/\s+#.*$/, '');
    const start = /^npx inkling (\S+)(.*)$/.exec(code);
    if (start) {
      current = start[1];
      commands.set(current, start[2]);
    } else if (current && code.trim()) {
      commands.set(current, `${commands.get(current)} ${code.trim()}`);
    }
  }
  return commands;
}

/** Each flag the README writes, with the value written after it (when it has one). */
function readmeFlags(text: string): Map<string, string | undefined> {
  const flags = new Map<string, string | undefined>();
  // "--run RUNDIR|--model DIR": alternatives of flags are separate flags.
  for (const m of text.replaceAll('|--', ' --').matchAll(/(--[a-z][a-z-]*)(?: ([^\s[\]]+))?/g)) flags.set(m[1], m[2]?.startsWith('--') ? undefined : m[2]);
  return flags;
}

/** Every option `inkling <command> --help` prints, with the description it prints (defaults and choices included). */
function helpOptions(command: Command): Map<string, string> {
  const help = command.createHelp();
  return new Map(help.visibleOptions(command).filter((o) => o.long && o.long !== '--help').map((o) => [o.long as string, help.optionDescription(o)]));
}

describe("README's command-line section", () => {
  const program = buildProgram();
  const readme = readmeCommands();

  it('lists every command, and only those', () => {
    expect([...readme.keys()].sort()).toEqual(program.commands.map((c) => c.name()).sort());
  });

  it.each(buildProgram().commands.map((c) => [c.name()]))('matches `inkling %s --help`: the same flags, the same defaults and choices', (name) => {
    const command = program.commands.find((c) => c.name() === name)!;
    const help = helpOptions(command);
    const written = readmeFlags(readme.get(name) ?? '');
    // The ImageDataGenerator flags are one family: the README shows one and says "every ImageDataGenerator option".
    const family = [...help.keys()].filter((f) => AUGMENT_FLAGS.has(f));
    if (family.length > 0) expect([...written.keys()].some((f) => AUGMENT_FLAGS.has(f)), `${name}: an augmentation flag`).toBe(true);
    const notFamily = (flags: Iterable<string>) => [...flags].filter((f) => !AUGMENT_FLAGS.has(f)).sort();
    expect(notFamily(written.keys()), name).toEqual(notFamily(help.keys()));
    for (const [flag, value] of written) {
      const description = help.get(flag) ?? '';
      if (value === undefined || AUGMENT_FLAGS.has(flag)) continue;
      if (/^-?\d+(\.\d+)?(e-?\d+)?$/.test(value)) expect(description, `${name} ${flag} ${value}`).toMatch(new RegExp(`default:? ${value.replace('.', '\\.')}\\b`));
      const choices = /choices: ([^)]*?)(, default|\)|$)/.exec(description)?.[1];
      if (choices && value.includes('|')) expect(value.split('|').sort(), `${name} ${flag}`).toEqual(choices.split(', ').map((c) => JSON.parse(c) as string).sort());
      else if (choices) expect(description, `${name} ${flag} ${value}`).toContain(`default: "${value}"`);
    }
  });
});
