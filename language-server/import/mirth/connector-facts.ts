/**
 * What a Mirth connector says about the wire and the data: the transport of its `<transportName>` and properties
 * (TCP with MLLP framing, HTTP(S), file/SFTP/FTP, database, DICOM, JMS, channel-internal), where it connects, and
 * the standard and version of its data types (`<inboundDataType>HL7V2</inboundDataType>`, the MSH-12 of its
 * inbound template). Element names are those of Mirth Connect 3.x/4.x connector properties
 * (com.mirth.connect.connectors.*.*Properties).
 */
import { readHl7v2 } from '../../samples/read/index.js';
import { child, type XmlElement } from './xml-tree.js';
import type { MirthConnector } from './channel.js';

/** A transport as the language writes it, or internal (Channel Reader/Writer, JavaScript): no wire at all. */
export interface ConnectorTransport {
    protocol?: string;
    security?: string;
    /** One line for a note: `TCP Listener (MLLP) on 0.0.0.0:6661`. */
    description: string;
    internal: boolean;
}

/** Text of the first element named `name` anywhere below `element` (properties nest a level or two). */
function find(element: XmlElement | undefined, name: string): string {
    if (!element) return '';
    const direct = child(element, name);
    if (direct) return direct.text.trim();
    for (const inner of element.children) {
        const found = find(inner, name);
        if (found) return found;
    }
    return '';
}

/** The transport of a connector; passwords and other secrets of the properties are never read. */
export function transportOf(connector: MirthConnector): ConnectorTransport {
    const name = connector.transport;
    const properties = connector.properties;
    const type = `${name} ${connector.propertiesClass}`.toLowerCase();
    const where = (host: string, port: string) => [host, port].filter(Boolean).join(':');
    if (/channel (reader|writer)|\.vm\.|javascript (reader|writer)|\.js\./.test(type)) {
        const target = find(properties, 'channelId');
        return { internal: true, description: `${name}${target && target !== 'none' ? ` to channel ${target}` : ''}` };
    }
    if (/tcp|llp|mllp/.test(type)) {
        const mode = properties ? child(properties, 'transmissionModeProperties') : undefined;
        const mllp = /mllp|framemode/i.test(`${mode?.attributes.class ?? ''} ${find(mode, 'pluginPointName')}`) || /llp/i.test(name);
        const host = find(properties, 'host') || find(properties, 'remoteAddress');
        const port = find(properties, 'port') || find(properties, 'remotePort');
        const framing = find(mode, 'pluginPointName') || (mllp ? 'MLLP' : 'raw TCP');
        return { protocol: mllp ? 'MLLP' : 'TCP', internal: false, description: `${name} (${framing})${host || port ? ` on ${where(host, port)}` : ''}` };
    }
    if (/http|web ?service|\.ws\./.test(type)) {
        const url = find(properties, 'host') || find(properties, 'wsdlUrl') || find(properties, 'locationURI');
        const secure = /^https:/i.test(url) || /^true$/i.test(find(properties, 'useSsl'));
        const port = url ? '' : find(properties, 'port');
        return { protocol: secure ? 'HTTPS' : 'HTTP', internal: false, description: `${name}${url ? ` ${url}` : port ? ` on port ${port}` : ''}` };
    }
    if (/file|document writer/.test(type)) {
        const scheme = (find(properties, 'scheme') || 'FILE').toUpperCase();
        const protocol = scheme === 'SFTP' ? 'SFTP' : scheme === 'FTP' ? (/^true$/i.test(find(properties, 'secure')) ? 'FTPS' : 'FTP') : scheme === 'S3' ? 'S3' : scheme === 'SMB' ? 'SMB' : scheme === 'WEBDAV' ? 'WebDAV' : 'File';
        const host = find(properties, 'host');
        return { protocol, internal: false, description: `${name} (${scheme})${host ? ` ${host}` : ''}` };
    }
    if (/database|jdbc/.test(type)) {
        const url = find(properties, 'url');
        return { protocol: 'Database', internal: false, description: `${name}${url ? ` ${url.replace(/password=[^;&]*/gi, 'password=…')}` : ''}` };
    }
    if (/dicom/.test(type)) return { protocol: 'DIMSE', internal: false, description: name };
    if (/jms/.test(type)) return { protocol: 'JMS', internal: false, description: name };
    if (/smtp|email/.test(type)) return { protocol: 'SMTP', internal: false, description: name };
    return { internal: false, description: name || connector.propertiesClass || 'unknown connector' };
}

/** Mirth data type names (`<inboundDataType>`) to the standard names the language uses. */
const STANDARDS: Record<string, string> = {
    HL7V2: 'HL7v2', HL7V3: 'HL7v3', FHIR: 'FHIR', DICOM: 'DICOM', XML: 'XML', JSON: 'JSON', DELIMITED: 'Delimited',
    RAW: 'Raw', EDI: 'X12', X12: 'X12', NCPDP: 'NCPDP'
};

/** The standard of a data type, with its version where the connector says it (an HL7 v2 template's MSH-12, a FHIR version property). */
export function standardOf(dataType: string | undefined, connector: MirthConnector, template: string | undefined): { name: string; version?: string } {
    const name = STANDARDS[(dataType ?? '').toUpperCase()] ?? (dataType ? dataType : 'Raw');
    if (name === 'HL7v2' && template) {
        const version = readHl7v2(template).messages[0]?.header.version;
        return { name, version };
    }
    if (name === 'FHIR') {
        const version = find(child(connector.element, 'transformer'), 'fhirVersion');
        return { name, version: version ? version.toUpperCase() : undefined };
    }
    return { name };
}

/** An HL7 v2 template's message type (`ORU^R01`), if it is one. */
export function templateMessageType(template: string | undefined): string | undefined {
    if (!template) return undefined;
    const header = readHl7v2(template).messages[0]?.header;
    return header?.messageType ? [header.messageType, header.triggerEvent].filter(Boolean).join('^') : undefined;
}

