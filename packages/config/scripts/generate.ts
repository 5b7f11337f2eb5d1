// Regenerates the committed artifacts of @governor/config from the schema
// definition: schema/governor.schema.json and the reference part of
// docs/config.md. Run: pnpm --filter @governor/config run generate
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderJsonSchema } from '../src/schema-output/json-schema.js';
import { spliceReference } from '../src/schema-output/reference-docs.js';

const schemaUrl = new URL('../schema/governor.schema.json', import.meta.url);
mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(schemaUrl, renderJsonSchema());
process.stdout.write('wrote packages/config/schema/governor.schema.json\n');

const docsUrl = new URL('../../../docs/config.md', import.meta.url);
writeFileSync(docsUrl, spliceReference(readFileSync(docsUrl, 'utf8')));
process.stdout.write('wrote docs/config.md (generated reference)\n');
