// A dependency-free SVG grouped bar chart: each client's messages/s as a fraction of the loopback HTTP limit,
// per scenario, with the ratio to the official SDK written on each bar.
const COLORS = {
  '@vodmns/mns-transport': '#2f6fde',
  '@alicloud/mns': '#e07b39',
  'ali-mns': '#8c8c8c',
  'loopback HTTP limit': '#3aa66a',
};

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function renderChart(summary, scenarios) {
  const names = Object.keys(COLORS);
  const groupW = 200;
  const barW = 38;
  const left = 60;
  const top = 50;
  const h = 260;
  const width = left + scenarios.length * groupW + 20;
  const height = top + h + 90;
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">\n`;
  svg += `<rect width="100%" height="100%" fill="white"/>\n`;
  svg += `<text x="${left}" y="22" font-size="14" font-weight="bold">messages/s as a fraction of the loopback HTTP limit (label: × @alicloud/mns)</text>\n`;
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const y = top + h - t * h;
    svg += `<line x1="${left}" x2="${width - 10}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${left - 6}" y="${y + 4}" text-anchor="end">${t * 100}%</text>\n`;
  }
  scenarios.forEach((scenario, i) => {
    const x0 = left + i * groupW + 15;
    names.forEach((name, j) => {
      const r = summary[scenario.id]?.[name];
      if (!r) return;
      const frac = Math.min(1, r.ofLimit);
      const x = x0 + j * (barW + 4);
      const y = top + h - frac * h;
      svg += `<rect x="${x}" y="${y}" width="${barW}" height="${frac * h}" fill="${COLORS[name]}"/>\n`;
      svg += `<text x="${x + barW / 2}" y="${y - 4}" text-anchor="middle">${r.vsOfficial.toFixed(1)}×</text>\n`;
    });
    svg += `<text x="${x0 + (names.length * (barW + 4)) / 2}" y="${top + h + 16}" text-anchor="middle">${esc(scenario.title)}</text>\n`;
  });
  names.forEach((name, j) => {
    const x = left + j * 190;
    svg += `<rect x="${x}" y="${top + h + 40}" width="12" height="12" fill="${COLORS[name]}"/><text x="${x + 16}" y="${top + h + 50}">${esc(name)}</text>\n`;
  });
  return `${svg}</svg>\n`;
}
