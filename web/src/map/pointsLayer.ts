// A canvas layer for many points (100,000+): Web Mercator is precomputed once in typed arrays;
// each redraw is one pass of fillRect in container pixels. Leaflet moves the pane during a pan,
// so the canvas follows for free and is redrawn only when the move ends.
import L from 'leaflet';

export interface PointsOptions { rgba?: [number, number, number, number]; size?: number }

export class PointsLayer extends L.Layer {
  private canvas?: HTMLCanvasElement;
  private readonly mx: Float64Array;
  private readonly my: Float64Array;
  private readonly rgba: number;
  private readonly size: number;
  public lastDrawMs = 0;
  public draws = 0;

  constructor(lons: ArrayLike<number>, lats: ArrayLike<number>, opts: PointsOptions = {}) {
    super();
    const n = lons.length;
    this.mx = new Float64Array(n);
    this.my = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = Math.sin((lats[i] * Math.PI) / 180);
      this.mx[i] = (lons[i] + 180) / 360;
      this.my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    }
    const [r, g, b, a] = opts.rgba ?? [31, 78, 140, 200];
    this.rgba = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0; // little-endian RGBA in one word
    this.size = opts.size ?? 2;
  }

  onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create('canvas', 'points-layer leaflet-zoom-hide') as HTMLCanvasElement;
    this.canvas.style.pointerEvents = 'none';
    map.getPanes().overlayPane.appendChild(this.canvas);
    map.on('moveend zoomend resize viewreset', this.redraw, this);
    this.redraw();
    return this;
  }

  onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.redraw, this);
    this.canvas?.remove();
    return this;
  }

  redraw(): void {
    const map = this._map;
    if (!map || !this.canvas) return;
    const t0 = performance.now();
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const c = this.canvas;
    if (c.width !== size.x * ratio || c.height !== size.y * ratio) {
      c.width = size.x * ratio; c.height = size.y * ratio;
      c.style.width = `${size.x}px`; c.style.height = `${size.y}px`;
    }
    L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
    // Points are written straight into an ImageData buffer (one 32-bit store per pixel) and
    // blitted once: Canvas 2D fillRect per point costs ~3 µs each in software rendering.
    const w = c.width;
    const hgt = c.height;
    const ctx = c.getContext('2d')!;
    const image = ctx.createImageData(w, hgt);
    const pixels = new Uint32Array(image.data.buffer);
    const rgba = this.rgba;
    const scale = 256 * 2 ** map.getZoom() * ratio;
    const origin = map.getPixelBounds().min!;
    const ox = origin.x * ratio;
    const oy = origin.y * ratio;
    const side = Math.max(1, Math.round(this.size * ratio));
    const { mx, my } = this;
    for (let i = 0; i < mx.length; i++) {
      const x = (mx[i] * scale - ox) | 0;
      const y = (my[i] * scale - oy) | 0;
      if (x < 0 || y < 0 || x + side > w || y + side > hgt) continue;
      for (let dy = 0; dy < side; dy++) {
        const row = (y + dy) * w + x;
        for (let dx = 0; dx < side; dx++) pixels[row + dx] = rgba;
      }
    }
    ctx.putImageData(image, 0, 0);
    this.lastDrawMs = performance.now() - t0;
    this.draws++;
  }
}
