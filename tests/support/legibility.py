"""Measure what a class can read: rendered chart text in the browser, its size and its contrast (WCAG 2).

``CHART_TEXT_JS`` walks every Plotly and Vega chart on the page and returns one record per visible SVG text:
its role (tick, title, legend, colour bar, number in a cell, label), its computed font size in CSS pixels,
its fill colour and the colour behind it (the chart's own background, else the page's), and whether it
sits inside the chart's box. ``contrast_ratio`` is WCAG 2's formula, written out here so the test's
witness is the standard, not the dashboard's own colour choices.
"""

from __future__ import annotations

import re

# Roles by where Plotly and Vega put a text (class names of plotly.js 3 and Vega 5/6's SVG renderer).
CHART_TEXT_JS = r"""
function rgb(text) {
  const m = (text || '').match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(',').map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function pageBackground(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c && c[3] > 0) return c;
  }
  return [255, 255, 255, 1];
}
function role(t) {
  if (t.closest('.legend')) return 'legend';
  if (t.closest('.colorbar')) return 'colorbar';
  if (t.closest('.xtick, .ytick, .x2tick, .y2tick') || /tick/.test(t.parentElement.getAttribute('class') || ''))
    return 'tick';
  if (t.closest('.gtitle, .g-gtitle')) return 'title';
  if (/(^| )[xy]\d*title( |$)/.test(t.getAttribute('class') || '') || t.closest('.g-xtitle, .g-ytitle'))
    return 'axis_title';
  if (t.closest('.annotation')) return 'annotation';
  if (t.closest('.scatterlayer')) return 'label';
  if (t.closest('.heatmaplayer, .barlayer, .textpoint')) return 'cell_number';
  const g = t.closest('g[class^="role-"], g[class*=" role-"]');
  if (g) {
    const r = g.getAttribute('class');
    if (/role-legend/.test(r)) return 'legend';
    if (/role-axis-label/.test(r)) return 'tick';
    if (/role-axis-title/.test(r)) return 'axis_title';
    if (/role-title/.test(r)) return 'title';
  }
  return 'other';
}
const out = [];
const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]')];
charts.forEach((chart, index) => {
  const box = chart.getBoundingClientRect();
  const paper = chart.querySelector('.main-svg rect.bg, .main-svg > rect');
  // Plotly paints a transparent paper as a black rect with fill-opacity 0: the opacity is part of the colour.
  const paperStyle = paper ? getComputedStyle(paper) : null;
  const paperFill = paper ? rgb(paperStyle.fill) : null;
  if (paperFill) paperFill[3] *= Number(paperStyle.fillOpacity);
  const title = (chart.querySelector('.gtitle, .role-title text') || {textContent: ''}).textContent;
  for (const t of chart.querySelectorAll('svg text')) {
    const r = t.getBoundingClientRect();
    const s = getComputedStyle(t);
    if (!t.textContent.trim() || r.width === 0 || s.visibility === 'hidden' || s.display === 'none'
        || Number(s.opacity) === 0 || Number(s.fillOpacity) === 0) continue;
    out.push({chart: index, kind: chart.dataset.testid === 'stPlotlyChart' ? 'plotly' : 'vega', chartTitle: title,
              role: role(t), text: t.textContent.slice(0, 40), size: parseFloat(s.fontSize),
              fill: rgb(s.fill), background: paperFill && paperFill[3] > 0 ? paperFill : pageBackground(chart),
              inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1
                      && r.bottom <= box.bottom + 1,
              rect: [r.left, r.top, r.right, r.bottom]});
  }
});
return out;
"""


# Neighbouring tick labels of every Plotly category axis: their distance along the axis and the room a label
# needs there. A label slanted at angle a needs its line (0.9 x its font size) across the slant, so a
# distance d along the axis gives d * |sin a| of room; an upright x label needs d itself, a y label its line.
# Horizontal x labels need their boxes apart. Two 160 px Compare panels of 16 slanted labels gave 10 px
# steps, 8.7 px of room for 12.6 needed.
CROWDED_TICKS_JS = r"""
const out = [];
const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
charts.forEach((chart, index) => {
  const groups = {};
  for (const t of chart.querySelectorAll('g.xaxislayer-above text, g.yaxislayer-above text')) {
    const g = t.closest('g[class$="tick"]');
    if (!g || !t.textContent.trim() || getComputedStyle(t).display === 'none') continue;
    const r = t.getBoundingClientRect();
    if (r.width === 0) continue;
    const axis = g.getAttribute('class').split(' ')[0];
    const rotate = /rotate\((-?[\d.]+)/.exec(t.getAttribute('transform') || '');
    (groups[axis] = groups[axis] || []).push({text: t.textContent, rect: r, angle: rotate ? Number(rotate[1]) : 0,
                                             size: parseFloat(getComputedStyle(t).fontSize)});
  }
  for (const [axis, labels] of Object.entries(groups)) {
    const isX = axis.startsWith('x');
    const centre = l => isX ? (l.rect.left + l.rect.right) / 2 : (l.rect.top + l.rect.bottom) / 2;
    labels.sort((a, b) => centre(a) - centre(b));
    for (let i = 1; i < labels.length; i++) {
      const a = labels[i - 1], b = labels[i], step = centre(b) - centre(a);
      const line = 0.9 * Math.max(a.size, b.size);
      let room, need;
      if (isX && Math.abs(a.angle) < 5) { room = b.rect.left - a.rect.right; need = 0; }
      else if (isX) { room = step * Math.abs(Math.sin(a.angle * Math.PI / 180)); need = line; }
      else { room = step; need = line; }
      if (room < need) out.push({chart: index, axis: axis, pair: [a.text, b.text], room: room, need: need});
    }
  }
});
return out;
"""


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""
    r, g, b = (_linear(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def blend(front, back) -> tuple[float, float, float]:
    """``front`` (r, g, b, alpha) painted over the opaque ``back``."""
    alpha = front[3] if len(front) > 3 else 1.0
    return tuple(alpha * f + (1 - alpha) * b for f, b in zip(front[:3], back[:3]))


def contrast_ratio(front, back) -> float:
    """WCAG 2 contrast ratio (1 to 21) of a text colour over its background."""
    lighter, darker = sorted((luminance(blend(front, back)), luminance(back[:3])), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def parse_colour(text: str) -> tuple[float, ...]:
    """"#rrggbb" or "rgb(r, g, b)" as channels."""
    if text.startswith("#"):
        return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(float(x) for x in re.findall(r"[\d.]+", text))
