import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { citiesNamedIn } from '../../language-server/model/zone-cities.js';

/** The first implementation: one Unicode pattern per exemplar city (0.16 s to compile on every start). */
function referenceCities(text: string): string[] {
    const intl = Intl as unknown as { supportedValuesOf: (key: string) => string[] };
    return intl.supportedValuesOf('timeZone')
        .filter(zone => zone.split('/').length === 2 && !zone.startsWith('Etc/'))
        .filter(zone => {
            const city = zone.split('/')[1].replace(/_/g, ' ');
            return new RegExp(`(?<![\\p{L}\\p{N}])${city.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(text);
        });
}

describe('zone cities', () => {
    it('names a city as whole words, in its own capitals', () => {
        assert.deepEqual(citiesNamedIn('Moreton Bay Cancer Centre, Brisbane').map(city => [city.zone, city.place]), [['Australia/Brisbane', true]]);
        assert.deepEqual(citiesNamedIn('Sydneyside clinic, sydney').map(city => city.zone), []);
        assert.deepEqual(citiesNamedIn('Clinic (Los Angeles)').map(city => [city.zone, city.place]), [['America/Los_Angeles', true]]);
        assert.deepEqual(citiesNamedIn('ÉParis 1Paris Parisé').map(city => city.zone), []);
        assert.deepEqual(citiesNamedIn('𝐀Paris Paris𝐀').map(city => city.zone), [], 'a letter outside the BMP is a letter');
        assert.deepEqual(citiesNamedIn('😀Paris').map(city => city.zone), ['Europe/Paris'], 'an emoji is not a letter');
    });

    it('finds what one pattern per city found, on generated titles', () => {
        const cities = ['Paris', 'Sydney', 'Los Angeles', 'Port of Spain', 'Brisbane', 'St Johns', 'Dar es Salaam', 'Porto-Novo'];
        const glue = fc.constantFrom('', ' ', ', ', '(', ')', 'a', 'É', '1', '𝐀', '😀', '-', '_', '\u200b', 'side', 'Paris', 'Sydney');
        const title = fc.array(fc.oneof(fc.constantFrom(...cities), glue, fc.string({ maxLength: 3 })), { maxLength: 8 }).map(parts => parts.join(''));
        fc.assert(fc.property(title, text => {
            assert.deepEqual(citiesNamedIn(text).map(city => city.zone), referenceCities(text));
        }), { seed: 20261207, numRuns: 400 });
    });
});
