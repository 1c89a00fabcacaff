import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
// The independent parser. Chosen because, among the HL7 v2 parsers on npm, it is maintained (Medplum, an
// open-source healthcare platform; 4.5.2 is the last release line whose engines allow Node 20.19, which this
// project supports), Apache-2.0, without dependencies, reads the delimiters from MSH-1 and MSH-2 instead of assuming
// `|^~\&`, and splits repetitions, components and subcomponents. simple-hl7 assumes the standard delimiters;
// node-hl7-client 4 and @medplum/core 5 need Node 22; hl7v2 (panates) converts values through its dictionary.
// Medplum does not unescape (nor keep positions), so the agreement below is on raw values; unescaping is checked
// against chapter 2 in hl7v2-reader.test.ts.
import { Hl7Message as MedplumMessage } from '@medplum/core';
import { readHl7v2, type Hl7Message } from '../../language-server/samples/read/index.js';
import { fixture, SAMPLES } from './support.js';

/**
 * The message texts of a file, cut without the reader under test: split into lines, MLLP characters and batch
 * segments dropped, a new message at each MSH, segments joined with CR as Medplum expects.
 */
function messageTexts(text: string): string[] {
    const messages: string[][] = [];
    for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
        // eslint-disable-next-line no-control-regex
        const line = rawLine.replace(/[\x0b\x1c]/g, '');
        if (line === '' || /^(FHS|BHS|BTS|FTS)/.test(line)) continue;
        if (line.startsWith('MSH')) messages.push([]);
        messages[messages.length - 1].push(line);
    }
    return messages.map(lines => lines.join('\r'));
}

/** Compares every field, repetition, component and subcomponent of one message; returns the number of values compared. */
function compare(ours: Hl7Message, theirs: MedplumMessage, name: string): number {
    let compared = 0;
    assert.deepEqual(ours.segments.map(segment => segment.name), theirs.segments.map(segment => segment.name), name);
    const subcomponent = ours.encoding.subcomponent!;
    ours.segments.forEach((segment, s) => {
        const other = theirs.segments[s];
        const where = `${name} ${segment.name}[${segment.occurrence}]`;
        // Medplum keeps the name as fields[0]; for MSH its fields[1] is MSH-2 (MSH-1 is the separator it split on).
        const count = segment.name === 'MSH' ? other.fields.length : other.fields.length - 1;
        assert.equal(segment.fields.length, count, `${where}: number of fields`);
        for (const field of segment.fields) {
            const at = `${where}-${field.number}`;
            const otherField = other.getField(field.number);
            if (segment.name === 'MSH' && field.number <= 2) {
                assert.equal(field.raw, otherField.toString(), at);
                compared++;
                continue;
            }
            assert.equal(field.raw, otherField.toString(), at);
            assert.equal(field.repetitions.length, otherField.components.length, `${at}: repetitions`);
            field.repetitions.forEach((repetition, r) => {
                const components = otherField.components[r];
                assert.equal(repetition.components.length, components.length, `${at}(${r + 1}): components`);
                repetition.components.forEach((component, c) => {
                    assert.equal(component.raw, otherField.getComponent(c + 1, undefined, r), `${at}(${r + 1}).${c + 1}`);
                    const subcomponents = components[c].split(subcomponent);
                    assert.equal(component.subcomponents.length, subcomponents.length, `${at}(${r + 1}).${c + 1}: subcomponents`);
                    component.subcomponents.forEach((sub, i) => {
                        // Medplum numbers subcomponents from 0.
                        assert.equal(sub.raw, otherField.getComponent(c + 1, i, r), `${at}(${r + 1}).${c + 1}.${i + 1}`);
                        compared++;
                    });
                    compared++;
                });
                compared++;
            });
            compared++;
        }
    });
    return compared;
}

describe('samples: the HL7 v2 reader agrees with an independent parser (@medplum/core)', () => {
    const files = readdirSync(path.join(SAMPLES, 'hl7v2')).filter(name => name.endsWith('.hl7'));

    for (const name of files) {
        it(`every field, repetition, component and subcomponent of ${name}`, () => {
            const bytes = fixture(`hl7v2/${name}`);
            const { messages } = readHl7v2(bytes);
            const text = new TextDecoder(messages[0].charset).decode(bytes);
            const texts = messageTexts(text);
            assert.equal(messages.length, texts.length);
            let compared = 0;
            messages.forEach((message, i) => {
                compared += compare(message, MedplumMessage.parse(texts[i]), `${name} message ${i + 1}`);
            });
            assert.ok(compared > 10, `${compared} values compared`);
        });
    }

    it('on a message with the delimiters ! * $ / @ and a field of every shape', () => {
        const text = 'MSH!*$/@!A!B!C!D!20240101!!ADT*A01!1!P!2.5\rPID!!a*b@c@*d$e**f@$!!x/S/y\rZZ1!*!@!$!*@$*@!';
        const [ours] = readHl7v2(text).messages;
        assert.ok(compare(ours, MedplumMessage.parse(text), 'inline') > 30);
    });
});
