import { describe, expect, it, vi } from 'vitest';
import { setLang } from './i18n';
import { tradeName } from './trades';

// The map module loads Leaflet, which needs a browser; trade names do not use it.
vi.mock('./map/franceMap', () => ({ DEPARTEMENTS: [] }));

describe('tradeName', () => {
  it('names a place after its catalogue trade, in the page language, whatever lens leads it', () => {
    setLang('fr', false);
    // The demo's shop fitters, led by the discovered union of codes, named "Shop fitting" by the scan.
    expect(tradeName('found-31.01Z-75851707200016', 'Shop fitting')).toBe('Agencement de magasins');
    // The cutlers, led by their sub-class, named after the catalogue's cutlery.
    expect(tradeName('25.71Z', 'Cutlery')).toBe('Coutellerie');
    expect(tradeName('shop-fitting')).toBe('Agencement de magasins');
    setLang('en', false);
    expect(tradeName('25.71Z', 'Cutlery')).toBe('Cutlery');
    expect(tradeName('found-31.01Z-75851707200016', 'Agencement de magasins')).toBe('Shop fitting');
  });

  it('keeps a name the catalogue does not know as written', () => {
    setLang('fr', false);
    expect(tradeName('31.01Z', 'Fabrication de meubles de bureau et de magasin')).toBe('Fabrication de meubles de bureau et de magasin');
    expect(tradeName('found-1', 'Trade found at Vierzon (31.01Z)')).toBe('Trade found at Vierzon (31.01Z)');
  });
});
