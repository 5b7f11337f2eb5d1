import { governorSchema } from '../definition/root.js';
import type { ArrayNode } from '../schema/array-node.js';
import type { FieldSpec } from '../schema/field-spec.js';
import type { ObjectNode } from '../schema/object-node.js';
import type { RecordNode } from '../schema/record-node.js';
import type { SchemaNode } from '../schema/schema-node.js';
import type { TaggedNode } from '../schema/tagged-node.js';

/** Markers around the generated part of docs/config.md. */
export const REFERENCE_BEGIN =
  '<!-- BEGIN GENERATED REFERENCE: pnpm --filter @governor/config run generate -->';
export const REFERENCE_END = '<!-- END GENERATED REFERENCE -->';

interface Section {
  title: string;
  description: string;
  rows: string[];
}

type Composite = ObjectNode | ArrayNode | RecordNode | TaggedNode;

function composite(node: SchemaNode): Composite | undefined {
  const kind = (node as Partial<Composite>).kind;
  return kind === undefined ? undefined : (node as Composite);
}

/**
 * The key-by-key reference of the config file, as Markdown tables, rendered
 * from the same schema the validator runs (so docs cannot drift).
 */
export function renderReference(): string {
  const sections: Section[] = [];
  const top: Section = { title: 'Top level', description: governorSchema.description ?? '', rows: [] };
  sections.push(top);
  for (const [key, field] of Object.entries(governorSchema.fields)) {
    addRow(top, key, field);
    const child = composite(field.schema);
    if (child !== undefined) walk(child, key, sections, undefined);
  }
  return sections
    .filter((section) => section.rows.length > 0)
    .map(
      (s) =>
        `### ${s.title}\n\n${s.description}\n\n| Key | Type | Default | Meaning |\n| --- | --- | --- | --- |\n${s.rows.join('\n')}\n`,
    )
    .join('\n');
}

function walk(node: Composite, path: string, sections: Section[], current: Section | undefined): void {
  switch (node.kind) {
    case 'object': {
      const section = current ?? newSection(sections, `\`${path}\``, node.description);
      for (const [key, field] of Object.entries(node.fields)) {
        const childPath = `${path}.${key}`;
        addRow(section, childPath, field);
        const child = composite(field.schema);
        if (child !== undefined)
          walk(child, childPath, sections, child.kind === 'object' ? section : undefined);
      }
      return;
    }
    case 'array': {
      const item = composite(node.item);
      if (item !== undefined) walk(item, `${path}[]`, sections, undefined);
      return;
    }
    case 'record': {
      const value = composite(node.value);
      if (value !== undefined) walk(value, `${path}.<${node.keyHint}>`, sections, undefined);
      return;
    }
    case 'tagged': {
      for (const [tag, variant] of Object.entries(node.variants)) {
        const section = newSection(sections, `\`${path}\` with \`type: ${tag}\``, variant.description);
        walk(variant, path, sections, section);
      }
      return;
    }
  }
}

function newSection(sections: Section[], title: string, description: string | undefined): Section {
  const section: Section = { title, description: description ?? '', rows: [] };
  sections.push(section);
  return section;
}

function addRow(section: Section, path: string, field: FieldSpec): void {
  const type = field.schema.typeName();
  const meaning = (field.schema.description ?? '').replaceAll('|', '\\|');
  section.rows.push(`| \`${path}\` | ${type} | ${defaultText(field)} | ${meaning} |`);
}

function defaultText(field: FieldSpec): string {
  if (field.presence === 'required') return '**required**';
  if (field.defaultText !== undefined) return field.defaultText.replaceAll('|', '\\|');
  if (field.default === undefined) return '(none)';
  if (typeof field.default === 'string') return `\`${field.default}\``;
  return `\`${JSON.stringify(field.default)}\``;
}

/** Replaces the generated part of a docs page (between the markers) with the current reference. */
export function spliceReference(page: string): string {
  const begin = page.indexOf(REFERENCE_BEGIN);
  const end = page.indexOf(REFERENCE_END);
  if (begin < 0 || end < begin) throw new Error('docs page lacks the generated-reference markers');
  return `${page.slice(0, begin + REFERENCE_BEGIN.length)}\n\n${renderReference()}\n${page.slice(end)}`;
}
