// A canvas layer for many points (100,000+): Web Mercator is precomputed once in typed arrays;
// each redraw is one pass of fillRect in container pixels. Leaflet moves the pane during a pan,
// so the canvas follows for free and is redrawn only when the move ends.
import L from 'leaflet';

export interface PointsOptions { color?: string; size?: number }

export class PointsLayer extends L.Layer {
  private canvas?: HTMLCanvasElement;
  private readonly mx: Float64Array;
  private readonly my: Float64Array;
  private readonly color: string;
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
    this.color = opts.color ?? 'rgba(31, 78, 140, 0.55)';
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
    const ctx = c.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    ctx.fillStyle = this.color;
    const scale = 256 * 2 ** map.getZoom();
    const origin = map.getPixelBounds().min!;
    const half = this.size / 2;
    const { mx, my } = this;
    for (let i = 0; i < mx.length; i++) {
      const x = mx[i] * scale - origin.x;
      const y = my[i] * scale - origin.y;
      if (x < -half || y < -half || x > size.x + half || y > size.y + half) continue;
      ctx.fillRect(x - half, y - half, this.size, this.size);
    }
    this.lastDrawMs = performance.now() - t0;
    this.draws++;
  }
}
