/**
 * commander in the run's language. The language is known before commander parses (`--lang` read
 * from the arguments, else the environment and the locale: langOfArgs), so the program is built in
 * it: its help (headings, the usage line, what an option takes, choices, defaults and environment
 * variables) through configureHelp, and commander's own errors (an unknown option, a missing
 * argument, a required option not given, a value not allowed) through `error`, every word from the
 * catalog of src/render/cli-help.ts. In English commander is left as it is.
 */
import {
  type Argument,
  Command,
  type ErrorOptions,
  Help,
  type HelpConfiguration,
  type Option,
} from 'commander';
import { type HelpKey, help } from '../render/cli-help';
import type { Lang } from '../render/lang';
import { displayWidth, wrapText } from './format';

/** The words commander puts between < > and [ ] (a usage line, an option's value), by their English. */
const TERMS: Readonly<Record<string, HelpKey>> = {
  options: 'term.options',
  command: 'term.command',
  file: 'term.file',
  path: 'term.path',
  spec: 'term.spec',
  id: 'term.id',
  contractId: 'term.contractId',
  chargeLineId: 'term.chargeLineId',
  'YYYY-MM': 'term.month',
  date: 'term.date',
  time: 'term.time',
  format: 'term.format',
  lang: 'term.lang',
  n: 'term.n',
  address: 'term.address',
  level: 'term.level',
  principal: 'term.principal',
  text: 'term.text',
};

/** `apply [options] <file>` → `apply [オプション] <ファイル>`: the words in brackets, in the language. */
export const localTerms = (lang: Lang, text: string): string =>
  lang === 'en'
    ? text
    : text.replace(/([<[])([^\]>.]+)(\.\.\.)?([\]>])/g, (whole, open: string, word: string, dots, close) => {
        const key = TERMS[word];
        return key === undefined ? whole : `${open}${help(lang, key)}${dots ?? ''}${close}`;
      });

const HEADINGS: Readonly<Record<string, HelpKey>> = {
  'Usage:': 'heading.usage',
  'Arguments:': 'heading.arguments',
  'Options:': 'heading.options',
  'Commands:': 'heading.commands',
  'Global Options:': 'heading.globalOptions',
};

/** "(choices: ..., default: ..., env: ...)" after a description, in the language. */
const withExtras = (lang: Lang, description: string, extras: readonly string[]): string => {
  if (extras.length === 0) return description;
  const joined = lang === 'ja' ? `（${extras.join('。')}）` : `(${extras.join(', ')})`;
  return description ? `${description}${lang === 'ja' ? '' : ' '}${joined}` : joined;
};

const choicesOf = (choices: readonly string[] | undefined, lang: Lang): string[] =>
  choices ? [help(lang, 'extra.choices', { values: choices.map((c) => JSON.stringify(c)).join('、') })] : [];

/** The help in a language other than English: commander's methods, with the words from the catalog. */
const helpIn = (lang: Lang): HelpConfiguration => ({
  styleTitle: (title: string) => {
    const key = HEADINGS[title];
    return key === undefined ? title : help(lang, key);
  },
  commandUsage(this: Help, cmd: Command) {
    return localTerms(lang, Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd: Command) {
    return localTerms(lang, Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionTerm: (option: Option) => localTerms(lang, option.flags),
  argumentTerm: (argument: Argument) => {
    const key = TERMS[argument.name()];
    return key === undefined ? argument.name() : help(lang, key);
  },
  optionDescription: (option: Option) => {
    const extras = choicesOf(option.argChoices, lang);
    const shown =
      option.defaultValue !== undefined &&
      (option.required ||
        option.optional ||
        (option.isBoolean() && typeof option.defaultValue === 'boolean'));
    if (shown)
      extras.push(
        help(lang, 'extra.default', {
          value: option.defaultValueDescription ?? JSON.stringify(option.defaultValue),
        }),
      );
    if (option.presetArg !== undefined && option.optional)
      extras.push(help(lang, 'extra.preset', { value: JSON.stringify(option.presetArg) }));
    if (option.envVar !== undefined) extras.push(help(lang, 'extra.env', { name: option.envVar }));
    return withExtras(lang, option.description, extras);
  },
  argumentDescription: (argument: Argument) => {
    const extras = choicesOf(argument.argChoices, lang);
    if (argument.defaultValue !== undefined)
      extras.push(
        help(lang, 'extra.default', {
          value: argument.defaultValueDescription ?? JSON.stringify(argument.defaultValue),
        }),
      );
    return withExtras(lang, argument.description, extras);
  },
  // Japanese is written without spaces and takes two columns a character on a terminal.
  displayWidth: (text: string) => displayWidth(text),
  boxWrap: (text: string, width: number) =>
    text
      .split('\n')
      .map((line) => wrapText(line, width).join('\n'))
      .join('\n'),
});

/** `\n(Did you mean --as-of?)`: commander's suggestion, in the language. */
const suggestion = (lang: Lang, text: string | undefined): string => {
  const m = text === undefined ? null : /^\n\(Did you mean (one of )?(.*)\?\)$/s.exec(text);
  if (m === null) return text ?? '';
  const candidates = m[2]!.split(', ');
  return help(lang, 'error.suggestion', { count: candidates.length, candidates: candidates.join(', ') });
};

/** commander's own message for an error, in the language (its English, if it is not one we know). */
export const commanderMessage = (lang: Lang, message: string, code: string | undefined): string => {
  const text = message.replace(/^error: /, '');
  const flags = (f: string) => localTerms(lang, f);
  const name = (n: string) => localTerms(lang, `<${n}>`);
  const said = (): string | null => {
    let m: RegExpExecArray | null;
    switch (code) {
      case 'commander.missingArgument':
        m = /^missing required argument '(.*)'$/s.exec(text);
        return m && help(lang, 'error.missingArgument', { name: lang === 'en' ? m[1]! : name(m[1]!) });
      case 'commander.optionMissingArgument':
        m = /^option '(.*)' argument missing$/s.exec(text);
        return m && help(lang, 'error.optionMissingArgument', { flags: flags(m[1]!) });
      case 'commander.missingMandatoryOptionValue':
        m = /^required option '(.*)' not specified$/s.exec(text);
        return m && help(lang, 'error.missingMandatoryOptionValue', { flags: flags(m[1]!) });
      case 'commander.unknownOption':
        m = /^unknown option '(.*?)'(\n\(Did you mean .*\?\))?$/s.exec(text);
        return m && help(lang, 'error.unknownOption', { flag: m[1]!, suggestion: suggestion(lang, m[2]) });
      case 'commander.unknownCommand':
        m = /^unknown command '(.*?)'(\n\(Did you mean .*\?\))?$/s.exec(text);
        return m && help(lang, 'error.unknownCommand', { name: m[1]!, suggestion: suggestion(lang, m[2]) });
      case 'commander.excessArguments':
        m = /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/s.exec(text);
        return (
          m &&
          help(lang, 'error.excessArguments', {
            command: m[1] ?? 'none',
            expected: Number(m[2]),
            received: Number(m[3]),
          })
        );
      case 'commander.invalidArgument': {
        const reason = (r: string) => {
          const choices = /^Allowed choices are (.*)\.$/s.exec(r);
          if (!choices) return r;
          // The values as typed: `text`、`json` in Japanese.
          const listed =
            lang === 'en'
              ? choices[1]!
              : choices[1]!
                  .split(', ')
                  .map((c) => `\`${c}\``)
                  .join('、');
          return help(lang, 'error.choices', { choices: listed });
        };
        m = /^option '(.*?)' argument '(.*)' is invalid\. (.*)$/s.exec(text);
        if (m)
          return help(lang, 'error.invalidOptionValue', {
            flags: flags(m[1]!),
            value: m[2]!,
            reason: reason(m[3]!),
          });
        m = /^command-argument value '(.*)' is invalid for argument '(.*?)'\. (.*)$/s.exec(text);
        return (
          m &&
          help(lang, 'error.invalidArgumentValue', {
            value: m[1]!,
            name: lang === 'en' ? m[2]! : name(m[2]!),
            reason: reason(m[3]!),
          })
        );
      }
      default:
        return null;
    }
  };
  return said() ?? text;
};

/** A command that speaks the run's language, and makes its subcommands speak it too. */
export class LocalCommand extends Command {
  constructor(
    name: string | undefined,
    readonly lang: Lang,
  ) {
    super(name);
    if (lang !== 'en') this.configureHelp(helpIn(lang));
  }

  override createCommand(name?: string): LocalCommand {
    return new LocalCommand(name, this.lang);
  }

  override error(message: string, errorOptions?: ErrorOptions): never {
    return super.error(commanderMessage(this.lang, message, errorOptions?.code), errorOptions);
  }
}
