import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/**
 * The official IATI 2.03 activity schema, kept unchanged beside the reporting service's IATI export
 * (its README.md says where it comes from). The tests of every project validate with it: the
 * service's specs and the end-to-end suite alike.
 */
export const IATI_SCHEMA_DIRECTORY = join(resolve(__dirname, '../../..'), 'services', 'reporting', 'src', 'exports', 'iati', 'schema-2.03');
const SCHEMA = 'iati-activities-schema.xsd';
/** What the activity schema includes (iati-common.xsd) and imports (xml.xsd), by the names it uses. */
const INCLUDED = ['iati-common.xsd', 'xml.xsd'] as const;

export interface IatiValidation {
  valid: boolean;
  /** libxml2's messages, each naming the element and what the schema expected. */
  errors: string[];
}

let schemaFiles: Promise<Array<{ fileName: string; contents: string }>> | undefined;
const loadSchema = () =>
  (schemaFiles ??= Promise.all([SCHEMA, ...INCLUDED].map(async (fileName) => ({ fileName, contents: await readFile(join(IATI_SCHEMA_DIRECTORY, fileName), 'utf8') }))));

/**
 * Validates an IATI activity file against the official 2.03 XSD, offline: libxml2 (xmllint)
 * compiled to WebAssembly, so the tests and any machine check the very schema IATI publishes.
 */
export async function validateIatiActivities(xml: string): Promise<IatiValidation> {
  const [schema, ...preload] = await loadSchema();
  const result = await validateXML({ xml: [{ fileName: 'iati-activities.xml', contents: xml }], schema: schema as { fileName: string; contents: string }, preload });
  return { valid: result.valid, errors: result.errors.map((error) => error.rawMessage) };
}
