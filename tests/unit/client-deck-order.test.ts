import { describe, expect, it } from 'vitest';
import { inDrawOrder, type DeckLayerKey } from '../../client/layers/deck-overlay.js';

const set = (...entries: [DeckLayerKey, string[]][]) => new Map<DeckLayerKey, string[]>(entries);

describe('deck.gl layers of the map', () => {
  // The household pin stands on its village's point, where the village's name is drawn: the pin
  // must be drawn last whichever of the two was set first (CI stop 33 had the name on top).
  it('draw the names under the pin, whichever was set first', () => {
    expect(inDrawOrder(set(['pin', ['household-pin']], ['labels', ['names-a', 'names-b']]))).toEqual(['names-a', 'names-b', 'household-pin']);
    expect(inDrawOrder(set(['labels', ['names-a', 'names-b']], ['pin', ['household-pin']]))).toEqual(['names-a', 'names-b', 'household-pin']);
  });

  it('leave out a key that has no layers', () => {
    expect(inDrawOrder(set(['pin', ['household-pin']], ['labels', []]))).toEqual(['household-pin']);
    expect(inDrawOrder(set())).toEqual([]);
  });
});
