/**
 * A tiny XML writer: elements as plain data, rendered with every text and attribute escaped, so
 * that a title with `<`, `&` or `"` can never break (or inject into) the document. No dependency:
 * the IATI export needs elements, attributes and text, nothing more.
 */
export interface XmlElement {
  name: string;
  attributes: ReadonlyArray<readonly [string, string]>;
  children: readonly XmlNode[];
}
export type XmlNode = XmlElement | { text: string };

type AttributeValue = string | number | boolean | null | undefined;

/** An element; attributes whose value is null or undefined are left out (what we do not know, we do not write). */
export function element(name: string, attributes: Readonly<Record<string, AttributeValue>> = {}, ...children: ReadonlyArray<XmlNode | null | undefined | false | ReadonlyArray<XmlNode>>): XmlElement {
  return {
    name,
    attributes: Object.entries(attributes).flatMap(([key, value]) => (value === null || value === undefined ? [] : [[key, String(value)] as const])),
    children: children.flat().filter((child): child is XmlNode => !!child),
  };
}

export const text = (value: string): XmlNode => ({ text: value });

/** What XML 1.0 can hold at all, escaped or not: tab, newline, carriage return and the characters from space on, but surrogates (lone ones) and U+FFFE, U+FFFF. */
const isXmlCharacter = (code: number) => code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;

/** Any other character becomes U+FFFD, so the document stays well-formed whatever was typed. */
function xmlCharacters(value: string): string {
  let kept = '';
  for (const character of value) kept += isXmlCharacter(character.codePointAt(0) ?? 0) ? character : '\uFFFD';
  return kept;
}

export function escapeText(value: string): string {
  return xmlCharacters(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Also quotes, and the whitespace an attribute would otherwise normalise to spaces. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function render(node: XmlNode, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  if ('text' in node) {
    lines.push(indent + escapeText(node.text));
    return;
  }
  const open = `${indent}<${node.name}${node.attributes.map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('')}`;
  if (node.children.length === 0) {
    lines.push(`${open}/>`);
    return;
  }
  const [only] = node.children;
  // Text alone stays on its element's line: indentation inside a narrative would change its text.
  if (node.children.length === 1 && only && 'text' in only) {
    lines.push(`${open}>${escapeText(only.text)}</${node.name}>`);
    return;
  }
  lines.push(`${open}>`);
  for (const child of node.children) render(child, depth + 1, lines);
  lines.push(`${indent}</${node.name}>`);
}

/** The document: the XML declaration (UTF-8) and the root element, indented, ending with a newline. */
export function renderXmlDocument(root: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, 0, lines);
  return `${lines.join('\n')}\n`;
}
