/**
 * Whether to colour text written to a stream: FORCE_COLOR (anything but `0` or empty) forces colour, as in Node
 * itself; otherwise NO_COLOR (any non-empty value) turns it off; otherwise only a terminal gets colour.
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
    const force = env.FORCE_COLOR;
    if (force !== undefined && force !== '') {
        return force !== '0' && force !== 'false';
    }
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') {
        return false;
    }
    return stream.isTTY === true;
}
