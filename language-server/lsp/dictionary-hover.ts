/**
 * Hover from the field dictionaries: an HL7 v2 field's name, data type with components, optionality,
 * repetition, table and the version read; a message type's structure; a FHIR element's type, cardinality and
 * short definition; a DICOM attribute's keyword, tag, VR, VM and retired status; a code map's code and what it means.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { listFields, lookupField, type FieldInfo, type Standard } from '../dictionaries/index.js';
import { fhirCardinality } from '../dictionaries/fhir-cardinality.js';
import { hl7v2ComponentsOf, resolveHl7v2Version } from '../dictionaries/hl7v2.js';
import type { DeclaredSegments } from '../model/declared-segments.js';
import { hl7v2FieldUsage, hl7v2Versions, lookupHl7v2Message } from '../dictionaries/hl7v2-messages.js';
import { interfaceContextAt, type InterfaceContext } from './dictionary-context.js';
import { firstHl7v2VersionWith } from '../dictionaries/hl7v2-first-version.js';
import { codeMeanings } from '../dictionaries/code-meanings.js';
import { resolveFhirRelease } from '../dictionaries/fhir.js';
import type { Mapping } from '../language/generated/ast.js';
import { lookupMappedField } from '../model/field-kinds.js';

const PATH_CHAR = /[\w.\-()[\],^]/;

/** Markdown describing the dictionary entry under `offset`, or undefined if there is none. Never throws. */
export function dictionaryHover(document: TextDocument, offset: number, segments?: DeclaredSegments): string | undefined {
    try {
        return hover(document, offset, segments);
    } catch {
        return undefined;
    }
}

function hover(document: TextDocument, offset: number, segments: DeclaredSegments | undefined): string | undefined {
    const text = document.getText();
    let start = offset;
    let end = offset;
    while (start > 0 && PATH_CHAR.test(text[start - 1])) start--;
    while (end < text.length && PATH_CHAR.test(text[end])) end++;
    // `->` is not part of a path; a trailing comma belongs to a list.
    let word = text.slice(start, end);
    const arrow = word.indexOf('-');
    if (word.startsWith('-')) return undefined;
    if (arrow >= 0 && word[arrow + 1] === '>') word = word.slice(0, arrow);
    // `PID-3[authority = "NHS"]`: the selector's text is not part of the field the dictionary knows.
    word = word.replace(/,+$/, '').replace(/\[authority$/, '');
    if (word === '') return undefined;
    const context = interfaceContextAt(text, offset);
    if (!context) return undefined;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const before = text.slice(lineStart, start);
    if (/^\s*message\s+$/.test(before)) {
        return context.standard === 'HL7v2' ? messageHover(context, word) : undefined;
    }
    if (!context.messageType) return undefined;
    // Only the two sides of a mapping: `<source> -> <target>` at the start of a line.
    if (!/^\s*$/.test(before) && !/^\s*\S+\s*->\s*$/.test(before)) return undefined;
    const side = /^\s*$/.test(before) ? 'source' : 'target';
    const standard = standardOf(word);
    if (!standard) return undefined;
    const version = standard === context.standard && side === 'source' ? context.version : undefined;
    const declared = standard === 'HL7v2' ? segments?.lookup(version, word) : undefined;
    if (declared?.status === 'known') return zSegmentHover(declared.field, segments!, version);
    const found = lookupField(standard, version, word);
    if (found.status !== 'known') {
        return standard === 'HL7v2' && found.status === 'unknown' ? versionGatedHover(word, version) : undefined;
    }
    switch (standard) {
        case 'HL7v2': return hl7v2Hover(found.field, version, text);
        case 'FHIR': return fhirHover(found.field, version);
        case 'DICOM': return dicomHover(found.field);
    }
}

function standardOf(path: string): Standard | undefined {
    if (/^[A-Za-z][A-Za-z0-9]{2}-\d/.test(path)) return 'HL7v2';
    if (/^\(?[0-9A-Fa-f]{4},?[0-9A-Fa-f]{4}\)?$/.test(path)) return 'DICOM';
    if (/^[A-Z]\w*\.\w/.test(path)) return 'FHIR';
    if (/^[A-Z][A-Za-z0-9]+$/.test(path)) return 'DICOM';
    return undefined;
}

function messageHover(context: InterfaceContext, messageType: string): string | undefined {
    const message = lookupHl7v2Message(context.version, messageType);
    if (message === undefined || message === 'unsupported') return undefined;
    return [
        `**${message.type}** — ${message.description}`,
        '',
        `Structure \`${message.structure}\`, HL7 v${message.version}${context.version && context.version !== message.version ? ` (read for ${context.version})` : ''}:`,
        '',
        '```',
        message.syntax,
        '```',
        '',
        '`[ ]` optional, `{ }` repeating.'
    ].join('\n');
}

function hl7v2Hover(field: FieldInfo, version: string | undefined, text: string): string {
    const resolved = resolveHl7v2Version(version) ?? '';
    const lines = [`**${field.path}** — ${field.name}`, ''];
    const components = listFields('HL7v2', version, `${field.path}.`);
    const isField = /^[A-Z0-9]{3}-\d+$/.test(field.path);
    lines.push(`- data type: \`${field.dataType}\`${components.length > 0 && field.path.split('.').length <= 2 ? ` (${components.map((c) => `${c.path.slice(c.path.lastIndexOf('.') + 1)} ${c.name} ${c.dataType}`).join('; ')})` : ''}`);
    const numbers = /^([A-Z0-9]{3})-(\d+)$/.exec(field.path);
    const usage = numbers ? hl7v2FieldUsage(version, numbers[1], Number(numbers[2])) : undefined;
    if (usage) {
        lines.push(`- optionality: ${usage.optionality === 'R' ? 'required (R)' : 'optional (O)'}`);
        lines.push(`- repetition: ${usage.repeats ? `repeats${usage.maxRepetitions ? ` (up to ${usage.maxRepetitions})` : ' (any number)'}` : 'does not repeat'}`);
    }
    if (field.table) lines.push(`- table ${field.table}${field.codes ? `: ${field.codes.slice(0, 20).join(', ')}${field.codes.length > 20 ? ', …' : ''}` : ''}`);
    lines.push(`- read from HL7 v${resolved}${version && version !== resolved ? ` (declared ${version})` : ''}`);
    if (isField || field.path.includes('.')) {
        const first = firstHl7v2VersionWith(field.path);
        const declared = declaredHl7v2Versions(text);
        if (first && declared.some((v) => compare(v, first) < 0)) lines.push(`- from v${first} (not in v${declared.filter((v) => compare(v, first) < 0).join(', v')})`);
    }
    return lines.join('\n');
}

/** A field of a Z-segment the workspace declares: what its `segment` declaration says. */
function zSegmentHover(field: FieldInfo, segments: DeclaredSegments, version: string | undefined): string {
    const segment = segments.get(field.path.slice(0, 3));
    const declared = segment?.fields.find(f => f.position === Number(/^[A-Z0-9]{3}-(\d+)/i.exec(field.path)?.[1]));
    const components = /^[A-Z0-9]{3}-\d+$/i.test(field.path) ? hl7v2ComponentsOf(version, field) : [];
    const lines = [`**${field.path}** — ${field.name}`, ''];
    lines.push(`- data type: \`${field.dataType}\`${components.length > 0 ? ` (${components.map((c) => `${c.path.slice(c.path.lastIndexOf('.') + 1)} ${c.name} ${c.dataType}`).join('; ')})` : ''}`);
    lines.push(`- repetition: ${declared?.repeating ? 'repeats' : 'does not repeat'}`);
    if (field.table) lines.push(`- table ${field.table}`);
    lines.push(`- Z-segment ${segment?.name ?? ''}${segment?.title ? ` (${segment.title})` : ''}, declared in this workspace`);
    return lines.join('\n');
}

/** A field the declared version lacks but a later one has: say which. */
function versionGatedHover(path: string, version: string | undefined): string | undefined {
    const first = firstHl7v2VersionWith(path);
    if (!first) return undefined;
    const found = lookupField('HL7v2', first, path);
    if (found.status !== 'known') return undefined;
    return `**${found.field.path}** — ${found.field.name}\n\n- data type: \`${found.field.dataType}\`\n- from v${first}: not in HL7 v${resolveHl7v2Version(version) ?? version}`;
}

function declaredHl7v2Versions(text: string): string[] {
    const versions = new Set<string>();
    for (const match of text.matchAll(/\bstandard\s+hl7v2\s+"?([\d.]+)"?/gi)) {
        const resolved = resolveHl7v2Version(match[1]);
        if (resolved) versions.add(resolved);
    }
    return [...versions].sort(compare);
}

function compare(a: string, b: string): number {
    const versions = hl7v2Versions();
    return versions.indexOf(a) - versions.indexOf(b);
}

function fhirHover(field: FieldInfo, version: string | undefined): string {
    const cardinality = fhirCardinality(version, field.path.replace(/\[x\]$/, ''));
    const lines = [`**${field.path}** — ${field.name}`, '', `- type: \`${field.dataType}\``];
    if (cardinality) lines.push(`- cardinality: ${cardinality.text}${cardinality.min > 0 ? ' (required)' : ''}`);
    if (field.table) lines.push(`- value set ${field.table}${field.codes ? ` (required): ${field.codes.slice(0, 20).join(', ')}${field.codes.length > 20 ? ', …' : ''}` : ''}`);
    lines.push(`- FHIR ${version ?? 'R4'}`);
    return lines.join('\n');
}

function dicomHover(field: FieldInfo): string {
    const vm = field.valueMultiplicity;
    return [
        `**${field.name}** ${field.path}`,
        '',
        `- VR: \`${field.dataType}\``,
        ...(vm ? [`- VM: ${vm}`] : []),
        `- ${field.retired ? '**retired** from the standard' : 'current (not retired)'}`,
        '- DICOM PS3.6'
    ].join('\n');
}

/**
 * Markdown for a code of a code map (`codes { F -> final } receives F`): what the code means in the table of the
 * side it stands on: the source field's HL7 v2 table or FHIR required value set for an entry's source and the
 * `receives` list, the target field's for an entry's target (HL7 v2 table values' descriptions, FHIR code
 * displays; see code-meanings.ts). Versions as the rules look the sides up (lookupMappedField). Undefined when
 * the field has no table the dictionaries know. Never throws.
 */
export function codeMapHover(mapping: Mapping, side: 'source' | 'target', code: string): string | undefined {
    try {
        const looked = lookupMappedField(mapping, side);
        if (looked?.result.status !== 'known' || !looked.result.field.table) return undefined;
        const field = looked.result.field;
        const where = `${field.standard === 'HL7v2' ? 'HL7 table' : 'FHIR value set'} ${field.table}`;
        const of = `${where}, ${field.path} ${field.name}${field.standard === 'FHIR' ? ` (FHIR ${resolveFhirRelease(looked.version) ?? 'R4'})` : ''}`;
        const meaning = codeMeanings(field, looked.version).get(code);
        if (meaning) return `\`${code}\` — ${meaning}\n\n${of}`;
        // A table whose codes the standard fixes (a FHIR required value set, an HL7 table): say when the code is not one of them.
        if (field.codes && field.codes.length > 0 && !field.codes.includes(code)) return `\`${code}\` is not a code of ${of}`;
        return undefined;
    } catch {
        return undefined;
    }
}
