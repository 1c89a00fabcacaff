import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { ImportError, writeDraft, type Draft } from '../../language-server/import/index.js';
import { mirthImport } from '../../language-server/import/import-mirth.js';
import { readExpression } from '../../language-server/import/mirth/expressions.js';
import { assertDraftSound } from './draft-soundness.js';

const FIXTURES = 'test/fixtures/import/mirth';
const OWN = `${FIXTURES}/lab-results-channels.xml`;
const REAL = [`${FIXTURES}/connect-examples-get-num-pages.xml`, `${FIXTURES}/connect-examples-validate-xsd.xml`];

function read(files: string[], options = {}): Draft {
    return mirthImport.read(files.map(name => ({ name, content: readFileSync(name) })), options) as Draft;
}

function importError(text: string): ImportError {
    try {
        mirthImport.read([{ name: 'channel.xml', content: new TextEncoder().encode(text) }], {});
    } catch (error) {
        if (error instanceof ImportError) return error;
        throw error;
    }
    assert.fail('no ImportError');
}

/** Counts in the export itself, read with another XML parser: destinations, enabled builder steps, literal replacement pairs. */
function countsOf(file: string) {
    const document = new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/xml');
    const all = (name: string) => Array.from(document.getElementsByTagName(name));
    const enabled = (element: Element) => element.getElementsByTagName('enabled')[0]?.textContent !== 'false';
    const destinations = all('destinationConnectors').reduce((n, list) => n + Array.from(list.childNodes).filter(node => node.nodeName === 'connector').length, 0);
    const builders = all('com.mirth.connect.plugins.messagebuilder.MessageBuilderStep').filter(enabled);
    const literal = (text: string | null) => /^(['"])[^'"\\^$*+?()[\]{}|]*\1$/.test((text ?? '').trim());
    const pairs = all('org.apache.commons.lang3.tuple.ImmutablePair')
        .filter(pair => literal(pair.getElementsByTagName('left')[0].textContent) && literal(pair.getElementsByTagName('right')[0].textContent));
    return { destinations, builderNames: builders.map(step => step.getElementsByTagName('name')[0].textContent ?? ''), literalPairs: pairs.length };
}

describe('import mirth', function () {
    this.timeout(120000);

    it('writes one sound interface per destination, for own and real channel exports', async () => {
        const draft = read([OWN, ...REAL]);
        const counts = [OWN, ...REAL].map(countsOf);
        assert.equal(draft.interfaces.length, counts.reduce((n, c) => n + c.destinations, 0));
        await assertDraftSound(writeDraft(draft));
    });

    it('reads every connector kind as a transport, and the standard and version of the data types', () => {
        const draft = read([OWN]);
        const byName = new Map(draft.interfaces.map(i => [i.name, i]));
        assert.deepEqual(draft.interfaces.map(i => [i.name, i.transport?.protocol]), [
            ['LISResultsToEHR', 'MLLP'], ['LISResultsToFHIRServer', 'HTTPS'], ['LISResultsResultsArchive', 'SFTP'],
            ['LISResultsWarehouse', 'Database'], ['LISResultsAuditChannel', 'MLLP'], ['OrdersInOrderDrop', 'File'],
            ['PathologyPickup', 'MLLP'], ['CensusPollBedBoard', 'Database']
        ]);
        assert.deepEqual(byName.get('PathologyPickup')!.standard, { name: 'HL7v2', version: '2.3.1' }, 'MSH-12 of the inbound template');
        assert.equal(byName.get('PathologyPickup')!.messages[0].type, 'ORU^R01');
        assert.equal(byName.get('LISResultsToEHR')!.messages[0].type, 'ORU', 'the source filter on MSH-9.1');
        assert.deepEqual(byName.get('OrdersInOrderDrop')!.standard, { name: 'FHIR', version: undefined });
        assert.ok(byName.get('LISResultsToEHR')!.todos!.some(todo => /state the HL7v2 version/.test(todo.text)));
        assert.ok(byName.get('LISResultsToEHR')!.notes!.includes('source: TCP Listener (MLLP) on 0.0.0.0:6661'));
        assert.ok(byName.get('LISResultsToFHIRServer')!.notes!.some(note => /JavaScript: return \$\('resultStatus'\) == 'final';/.test(note)), 'a filter is a note');
        assert.ok(!JSON.stringify(draft).includes('not-read') && !JSON.stringify(draft).includes('secret'), 'no password is carried over');
    });

    it('carries Message Builder, Mapper and JavaScript assignments as mappings, replacements as code maps', () => {
        const draft = read([OWN]);
        const ehr = draft.interfaces.find(i => i.name === 'LISResultsToEHR')!;
        const mappings = ehr.messages[0].mappings;
        assert.deepEqual(mappings.map(m => `${m.source} -> ${m.target}`), ['OBX-11.1 -> OBX-11.1', 'PID-2.1 -> PID-3.1', 'OBX-8.1 -> OBX-8.1', 'OBX-6.1 -> OBX-6.2', 'MSH-4.1 -> MSH-4.1']);
        assert.deepEqual(mappings[0].codes, [{ source: 'F', target: 'final' }, { source: 'C', target: 'corrected' }, { source: 'P', target: 'preliminary' }], 'the Mapper\'s table follows its variable');
        assert.deepEqual(mappings[0].notes, ['default \'F\' when empty']);
        const todos = ehr.todos!.map(todo => todo.text);
        assert.ok(todos.some(text => /replacement \/\^X\$\/g -> 'cancelled' is an expression/.test(text)));
        assert.ok(todos.some(text => /^JavaScript step: \/\/ units come in OBX-6\.1.* \| tmp\['OBX'\]\['OBX\.6'\]\['OBX\.6\.2'\] = /.test(text)), 'a script is quoted');
        assert.ok(todos.some(text => /sets MSH-4\.1 to the constant "RIVERSIDE-LAB"/.test(text)));
        assert.ok(ehr.todos!.some(todo => todo.from.where === 'destination "To EHR" transformer step 4 "Units and specimen"' && todo.from.line === 131));
        const codes = draft.interfaces.flatMap(i => i.messages.flatMap(m => m.mappings.flatMap(mapping => mapping.codes ?? [])));
        const unique = new Set(codes.map(code => `${code.source}>${code.target}`));
        assert.equal(unique.size, countsOf(OWN).literalPairs, 'every literal replacement pair is a code map entry');
        const fhir = draft.interfaces.find(i => i.name === 'LISResultsToFHIRServer')!.messages[0].mappings[0];
        assert.deepEqual([fhir.source, fhir.target, fhir.codes], ['OBX-3.1', 'code.coding.code', [{ source: 'GLU', target: '2345-7' }, { source: 'K', target: '2823-3' }]]);
        const builderNames = new Set(countsOf(OWN).builderNames);
        const fromBuilders = draft.interfaces.flatMap(i => i.messages[0].mappings).filter(m => builderNames.has(/"([^"]*)"$/.exec(m.from.where ?? '')?.[1] ?? ''));
        assert.equal(new Set(fromBuilders.map(m => m.from.where)).size, builderNames.size, 'each enabled Message Builder step is a mapping');
    });

    it('reads the E4X of real steps: indexes, wrapped fields, base64 templates, keywords in XML keys', () => {
        assert.deepEqual(readExpression("msg['OBX'][i]['OBX.5']['OBX.5.1'].text()"), { kind: 'field', message: 'msg', path: 'OBX-5.1' });
        assert.deepEqual(readExpression("date_conversion(msg['PID']['PID.7']['PID.7.1'].toString())"),
            { kind: 'field', message: 'msg', path: 'PID-7.1', through: "date_conversion(msg['PID']['PID.7']['PID.7.1'].toString())" });
        assert.deepEqual(readExpression("channelMap.get('mrn')"), { kind: 'variable', name: 'mrn' });
        assert.deepEqual(readExpression("tmp['patient']['when']"), { kind: 'other', text: "tmp['patient']['when']" }, 'a keyword the grammar reserves is no path step');
        assert.deepEqual(readExpression("tmp['patient']['from']"), { kind: 'field', message: 'tmp', path: 'patient.from' });
        const template = Buffer.from('MSH|^~\\&|LAB|X|EHR|Y|20260101||ORU^R01|1|P|2.5.1\r').toString('base64');
        const xml = `<channel><name>Base64</name><sourceConnector><transportName>TCP Listener</transportName>
            <properties class="com.mirth.connect.connectors.tcp.TcpReceiverProperties"><transmissionModeProperties class="com.mirth.connect.plugins.mllpmode.MLLPModeProperties"><pluginPointName>MLLP</pluginPointName></transmissionModeProperties></properties>
            <transformer><elements><com.mirth.connect.plugins.messagebuilder.MessageBuilderStep><name>Birth</name><enabled>true</enabled>
            <messageSegment>tmp['PID']['PID.7']['PID.7.1']</messageSegment><mapping>date_conversion(msg['PID']['PID.7']['PID.7.1'].toString())</mapping></com.mirth.connect.plugins.messagebuilder.MessageBuilderStep></elements>
            <inboundTemplate encoding="base64">${template}</inboundTemplate><inboundDataType>HL7V2</inboundDataType></transformer></sourceConnector>
            <destinationConnectors/></channel>`;
        const draft = mirthImport.read([{ name: 'b.xml', content: new TextEncoder().encode(xml) }], { to: 'EHR' }) as Draft;
        const iface = draft.interfaces[0];
        assert.deepEqual([iface.standard.version, iface.messages[0].type, iface.transport?.protocol], ['2.5.1', 'ORU^R01', 'MLLP']);
        const birth = iface.messages[0].mappings[0];
        assert.deepEqual([birth.source, birth.target], ['PID-7.1', 'PID-7.1']);
        assert.match(birth.todos![0].text, /transforms the value: `date_conversion/);
        const split = xml.replace('<destinationConnectors/>', '<destinationConnectors/>')
            .replace(/<com\.mirth\.connect\.plugins\.messagebuilder[\s\S]*MessageBuilderStep>/, '<com.mirth.connect.plugins.javascriptstep.JavaScriptStep><name/><enabled>true</enabled><script msync-fileref="step-0.js"/></com.mirth.connect.plugins.javascriptstep.JavaScriptStep>');
        const synced = mirthImport.read([{ name: 's.xml', content: new TextEncoder().encode(split) }], { to: 'EHR' }) as Draft;
        assert.ok(synced.interfaces[0].todos!.some(todo => todo.text === 'JavaScript step: (script in step-0.js)' && todo.from.where === 'source transformer step 1 "JavaScriptStep"'),
            'a script mirthsync keeps in a file of its own is named');
    });

    it('writes a sound draft whatever the names and keys hold', async () => {
        const xml = `<channel><name>Lab "core" */ feed</name><description>a */ b</description><sourceConnector><transportName>Weird Reader</transportName>
            <transformer><elements><com.mirth.connect.plugins.messagebuilder.MessageBuilderStep><name>step "one"</name>
            <messageSegment>tmp['a b']</messageSegment><mapping>msg['x']</mapping><replacements><entry><string>'a"b'</string><string>'when'</string></entry></replacements></com.mirth.connect.plugins.messagebuilder.MessageBuilderStep></elements>
            <inboundDataType>JSON</inboundDataType></transformer></sourceConnector>
            <destinationConnectors><connector><name>when</name><transportName>Channel Writer</transportName></connector></destinationConnectors></channel>`;
        const draft = mirthImport.read([{ name: 'odd.xml', content: new TextEncoder().encode(xml) }], {}) as Draft;
        assert.equal(draft.interfaces[0].target, 'When');
        assert.ok(draft.interfaces[0].todos!.some(todo => /replacements: "a"b" -> "when"/.test(todo.text)), 'a table of a step that is no mapping is kept in its TODO');
        await assertDraftSound(writeDraft(draft));
    });

    it('never gives an interface the name of a system', async () => {
        const channel = (name: string, destination: string) => `<channel><name>${name}</name><sourceConnector><transportName>TCP Listener</transportName></sourceConnector>
            <destinationConnectors><connector><name>${destination}</name><transportName>TCP Sender</transportName></connector></destinationConnectors></channel>`;
        const xml = `<list>${channel('Lab', 'Feed')}${channel('Other', 'Lab Feed')}${channel('Lab Feed', 'Destination 1')}</list>`;
        const draft = mirthImport.read([{ name: 'l.xml', content: new TextEncoder().encode(xml) }], {}) as Draft;
        const systems = new Set(draft.systems.map(system => system.name));
        assert.ok(systems.has('LabFeed'));
        assert.deepEqual(draft.interfaces.filter(i => systems.has(i.name)), []);
        assert.equal(new Set(draft.interfaces.map(i => i.name)).size, draft.interfaces.length);
        await assertDraftSound(writeDraft(draft));
    });

    it('names systems and interfaces with --from, --to and --interface', () => {
        const draft = read([`${FIXTURES}/connect-examples-get-num-pages.xml`], { from: 'LIS', to: 'EHR', interfaceName: 'PdfPages' });
        assert.deepEqual(draft.interfaces.map(i => [i.name, i.source, i.target]), [['PdfPages', 'LIS', 'EHR']]);
        assert.deepEqual(draft.systems.map(s => s.name), ['LIS', 'EHR']);
    });

    it('reports malformed XML and other XML as one ImportError with line and column', () => {
        const broken = importError('<channel>\n  <name>A</name>\n  <sourceConnector>\n</channel>');
        assert.equal(broken.file, 'channel.xml');
        assert.equal(broken.line, 4);
        assert.match(broken.located, /^channel\.xml:4:\d+: not well-formed XML/);
        const other = importError('<?xml version="1.0"?>\n<project name="x"/>');
        assert.match(other.located, /^channel\.xml:2:1: <project> is not a Mirth Connect channel export/);
        assert.match(importError('<channel><name>A</name></channel>').message, /has no <sourceConnector>/);
        assert.match(importError('<channelGroup><name>G</name><channels><channel><id>1</id><revision>0</revision></channel></channels></channelGroup>').message,
            /names its channels by id only/, 'a channel group index is not a channel export');
        assert.match(importError('<list><codeTemplateLibrary/></list>').message, /holds no <channel>/);
    });
});
