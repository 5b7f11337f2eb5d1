import { inspect } from 'node:util';

/** A reference to a secret held in an environment variable. */
export interface SecretRef {
  /** The environment variable's name, e.g. `FLY_API_TOKEN`. */
  readonly env: string;
  /** Whether the variable was set when the config was loaded. */
  readonly present: boolean;
  /** Reads the value from the environment at call time; undefined when unset. */
  reveal(): string | undefined;
  /** Always `${ENV}` (redacted); a secret never prints. */
  toString(): string;
  toJSON(): string;
}

/** The form a secret takes in the file: exactly `${NAME}`. */
export const SECRET_PATTERN = '^\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}$';

type Env = Record<string, string | undefined>;

class EnvSecretRef implements SecretRef {
  readonly env: string;
  readonly present: boolean;
  readonly #source: Env;

  constructor(name: string, source: Env) {
    this.env = name;
    this.#source = source;
    this.present = isSet(source[name]);
  }

  reveal(): string | undefined {
    const value = this.#source[this.env];
    return isSet(value) ? value : undefined;
  }

  toString(): string {
    return '${' + this.env + '}';
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return `SecretRef(${this.toString()})`;
  }
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * A {@link SecretRef} to the variable `name` of `source`. `present` is
 * decided now (an empty value counts as unset); `reveal()` reads `source`
 * again at call time. It prints, serializes and inspects as `${NAME}` only.
 */
export function createSecretRef(name: string, source: Env = process.env): SecretRef {
  return new EnvSecretRef(name, source);
}

/** The variable name of a `${NAME}` reference, or undefined when `text` is not one. */
export function secretRefName(text: string): string | undefined {
  const match = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text.trim());
  return match?.[1];
}
