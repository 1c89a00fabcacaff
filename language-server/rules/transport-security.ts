import { isInterface } from '../language/generated/ast.js';
import { carriesPhi, listText, refName } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

/** Transports that encrypt by themselves, and security layers (`over …`) that encrypt what runs over them. */
const ENCRYPTED_PROTOCOLS = new Set(['https', 'sftp', 'ftps', 'mllps', 'dicom-tls', 'dicomtls', 'wss', 'ssh']);

const ENCRYPTING_LAYERS = new Set(['tls', 'mtls', 'vpn', 'ipsec', 'ssh', 'https']);

export const transportSecurityRule: Rule = {
    id: 'transport-security',
    area: 'security',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'PHI or cross-site traffic is encrypted in transit.',
    description: 'Connected devices and interfaces widen the attack surface. An interface that carries PHI or runs '
        + 'at more than one site declares an encrypted transport (`transport MLLP over TLS`, `HTTPS`, `SFTP`, `over VPN`).',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const node of model.elements.filter(isInterface)) {
            const phi = carriesPhi(node, workspace);
            const crossSite = node.sites.length > 1;
            if (!phi && !crossSite) {
                continue;
            }
            const why = phi ? `carries PHI (${listText(node.carries.map(refName).filter(n => n !== undefined) as string[])})` : `runs across sites ${listText(node.sites.map(s => refName(s) ?? ''))}`;
            const transport = node.transport;
            if (!transport) {
                report(node, `Interface '${node.name}' ${why} but declares no transport; write an encrypted one, e.g. \`transport MLLP over TLS\` or \`transport HTTPS\`.`, {
                    property: 'name'
                });
                continue;
            }
            if (!transport.protocol) {
                continue; // half-typed `transport`: the syntax error says what is missing
            }
            const encrypted = ENCRYPTED_PROTOCOLS.has(transport.protocol.toLowerCase())
                || (transport.security !== undefined && ENCRYPTING_LAYERS.has(transport.security.toLowerCase()));
            if (!encrypted) {
                report(transport, `Interface '${node.name}' ${why} over ${transport.protocol}${transport.security ? ` over ${transport.security}` : ''}, which is not encrypted in transit. Write \`transport ${transport.protocol} over TLS\` (or over VPN).`, {
                    fix: transport.security ? undefined : { title: 'Encrypt the transport with TLS', target: transport, inline: ' over TLS' }
                });
            }
        }
    }
};
