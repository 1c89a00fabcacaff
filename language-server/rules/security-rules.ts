import { isData, isInterface, isRole, isSystem } from '../language/generated/ast.js';
import { carriesPhi, isPlaceholder, listText, phiBecause, refName } from '../model/workspace-index.js';
import type { RuleCheck } from './rule.js';

/** Transports that encrypt by themselves, and security layers (`over …`) that encrypt what runs over them. */
const ENCRYPTED_PROTOCOLS = new Set(['https', 'sftp', 'ftps', 'mllps', 'dicom-tls', 'dicomtls', 'wss', 'ssh']);
const ENCRYPTING_LAYERS = new Set(['tls', 'mtls', 'vpn', 'ipsec', 'ssh', 'https']);

const transportSecurity: RuleCheck = {
    id: 'transport-security',
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

const auditTrail: RuleCheck = {
    id: 'audit-trail',
    check({ model, workspace, report }) {
        for (const node of model.elements.filter(isData)) {
            const { phi, via } = phiBecause(node, workspace);
            if (phi && isPlaceholder(node.audit)) {
                const why = via ? `is PHI (interface ${via} carries it with patient identifiers or demographics, whatever its classification says)` : 'is PHI';
                report(node, `Data set '${node.name}' ${why} but declares no audit logging. Add \`audit "<what is logged and who reviews it>"\`${via ? ' and `classification PHI`' : ''}.`, {
                    property: 'name',
                    fix: { title: 'Add an audit placeholder', target: node, lines: ['audit "TODO"'] }
                });
            }
        }
        for (const node of model.elements.filter(isSystem)) {
            if (node.remoteAccess && !node.remoteAccess.approver) {
                report(node, `System '${node.name}' allows vendor remote access without naming who approves it; write \`remote-access approved-by <team or role> via "<method>"\`.`, {
                    keyword: 'remote-access'
                });
            }
        }
    }
};

/** Access to PHI follows duties; shared logins and service accounts nobody owns are audit findings. */
const accessByDuty: RuleCheck = {
    id: 'access-by-duty',
    check({ model, workspace, report }) {
        for (const role of model.elements.filter(isRole)) {
            if (role.serviceAccount && !role.team) {
                report(role, `Service account '${role.name}' belongs to no team; add \`team <team>\` so somebody manages its credentials.`, { property: 'name' });
            }
        }
        for (const node of model.elements.filter(isData)) {
            if (!phiBecause(node, workspace).phi || node.access.length === 0) {
                continue;
            }
            if (node.duties.length === 0) {
                report(node, `PHI data set '${node.name}' grants access without saying for which duties; add \`duties <duty>, …\` and give the roles matching \`duties\`.`, {
                    property: 'name'
                });
            }
            node.access.forEach((reference, index) => {
                const role = workspace.find(refName(reference), isRole);
                if (!role) {
                    return;
                }
                if (role.shared) {
                    report(node, `Role '${role.name}' is a shared account; access to PHI must be personal. Give access to named roles instead.`, { property: 'access', index });
                } else if (node.duties.length > 0 && !role.duties.some(duty => node.duties.includes(duty))) {
                    report(node, `Role '${role.name}' has none of the duties that justify access to '${node.name}' (${listText(node.duties)}); remove its access or declare the duty on the role.`, {
                        property: 'access', index
                    });
                }
            });
        }
    }
};

export const securityRules: RuleCheck[] = [transportSecurity, auditTrail, accessByDuty];
