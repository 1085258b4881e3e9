import { z } from 'zod';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z
  .array(position)
  .min(4)
  .max(10000)
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], {
    message: 'a linear ring must be closed (first and last positions equal)',
    params: { zh: '多边形的边界必须闭合（首尾坐标相同）' },
  });
const polygon = z.array(ring).min(1).max(100);

/** A GeoJSON Polygon or MultiPolygon in WGS84 longitude/latitude, as a grid boundary. */
export const geoJsonPolygon = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygon }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1).max(100) }),
]);

export type GeoPolygon = z.infer<typeof geoJsonPolygon>;

/** Ray casting: whether [lng, lat] lies in the polygon (holes excluded). */
export function containsPoint(shape: GeoPolygon, lng: number, lat: number): boolean {
  const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  return polygons.some((rings) => {
    const [outer, ...holes] = rings;
    return !!outer && inRing(outer, lng, lat) && !holes.some((h) => inRing(h, lng, lat));
  });
}

function inRing(r: [number, number][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i]!;
    const [xj, yj] = r[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
