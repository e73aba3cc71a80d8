-- pxr.chart: data → a drawing block of vector primitives that the core draws.
--
--   pxr.chart.bars{ title=, categories={ "呼和浩特市", ... },
--                   series={ { name="2024年上半年", values={ 85.2, nil, ... } }, ... },
--                   unit="%", target={ value=60, label="目标 ≥60%" },
--                   marks={ "met"|"not_met"|"not_due"|"overdue"|"na"|false, ... },
--                   height=<mm, default 70>, width=<mm, default 150>, note= }
--   (the drawing is taller than height= when turned category labels would leave
--   the plot less than 40 mm or 55% of height=)
--   pxr.chart.lines{ title=, categories={ "2023年上半年", ... }, series=..., unit=,
--                    target=, height=, width=, note= }
--
-- Both return { kind="drawing", width=<mm>, height=<mm>, title=, items={...} }.
-- A missing value (nil) draws no bar and breaks a line; it is never zero.
-- Bars start at zero; lines may start above it.  marks are traffic lights per
-- category (green met, red not met or overdue, amber not yet due, grey n/a),
-- drawn above each group and explained in the legend.
--
-- Primitives of a drawing block (all lengths in mm from the block's top-left
-- corner, y downwards; widths of strokes in pt; colours "#rrggbb"):
--   { kind="line", x1=, y1=, x2=, y2=, color=, width=, dash={ on, off } }
--   { kind="rect", x=, y=, w=, h=, fill=, stroke=, width= }
--   { kind="polyline", points={ x1, y1, x2, y2, ... }, color=, width=, dash= }
--   { kind="circle", x=, y=, r=, fill=, stroke=, width= }
--   { kind="text", x=, y= (baseline), text=, size=<pt>, font="serif"|"sans"|"kai",
--     align="left"|"center"|"right" (about x, along the text), angle=<degrees,
--     counter-clockwise>, color=, bold= }
-- The core keeps a drawing on one page, centres it in the type area and scales
-- it down (text included) when the block is wider than the type area.
local M = {}

local PT = 25.4 / 72 -- mm per point

local PALETTE = { "#2f5597", "#9dc3e6", "#7f6000", "#8064a2", "#4bacc6", "#595959" }
local MARK = {
  met = { color = "#2e7d32", label = "已达标" },
  not_met = { color = "#c62828", label = "未达标" },
  overdue = { color = "#c62828", label = "已逾期" },
  not_due = { color = "#f9a825", label = "未到期" },
  na = { color = "#9e9e9e", label = "不适用" },
}
local MARK_ORDER = { "met", "not_met", "overdue", "not_due", "na" }
local GRID, AXIS, TARGET = "#d9d9d9", "#404040", "#c00000"

-- A failed check is the caller's mistake: pxr.error names the script's line.
local function check(cond, msg)
  if not cond then pxr.error(msg) end
end

-- Estimated width in mm of s at size pt: CJK one em, ASCII about half.  Only
-- used to choose where labels go; the core measures text exactly when it
-- aligns it.
local function text_mm(s, size)
  local em = 0
  for _, cp in utf8.codes(s) do
    em = em + (cp < 0x80 and 0.55 or 1)
  end
  return em * size * PT
end

-- Tick step and rounded bounds: steps of 1, 2, 2.5 or 5 × 10^k, about n ticks.
local function nice_ticks(lo, hi, n)
  if hi - lo < 1e-9 then hi = lo + 1 end
  local raw = (hi - lo) / n
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local step = mag * 10
  for _, f in ipairs({ 1, 2, 2.5, 5, 10 }) do
    if f * mag >= raw - 1e-12 then step = f * mag; break end
  end
  local a = math.floor(lo / step + 1e-9) * step
  local b = math.ceil(hi / step - 1e-9) * step
  local ticks = {}
  for v = a, b + step / 2, step do ticks[#ticks + 1] = v end
  return ticks, a, b, step
end

local function fmt_tick(v, step)
  if step >= 1 and math.abs(v - math.floor(v + 0.5)) < 1e-9 then
    return string.format("%d", math.floor(v + 0.5))
  end
  local d = step >= 0.1 and 1 or 2
  if step * 10 % 1 ~= 0 and step >= 0.1 then d = 2 end
  return string.format("%." .. d .. "f", v)
end

local function fmt_value(v)
  if math.type(v) == "integer" or math.abs(v - math.floor(v + 0.5)) < 1e-9 then
    return string.format("%d", math.floor(v + 0.5))
  end
  return string.format("%.1f", v)
end

-- Checks the common arguments; returns the number of categories.
local function check_spec(t, what)
  check(type(t) == "table", "pxr.chart." .. what .. "{...} expects a table")
  check(type(t.categories) == "table" and #t.categories > 0,
        "pxr.chart." .. what .. ": categories must be a non-empty list")
  check(type(t.series) == "table" and #t.series > 0,
        "pxr.chart." .. what .. ": series must be a non-empty list of {name=, values=}")
  local n = #t.categories
  for i, c in ipairs(t.categories) do
    check(type(c) == "string" or type(c) == "number",
          "pxr.chart." .. what .. ": categories[" .. i .. "] must be text")
  end
  for i, s in ipairs(t.series) do
    check(type(s) == "table" and type(s.values) == "table",
          "pxr.chart." .. what .. ": series[" .. i .. "] needs values={...}")
    for k, v in pairs(s.values) do
      check(math.type(k) == "integer" and k >= 1 and k <= n,
            "pxr.chart." .. what .. ": series[" .. i .. "].values has a key outside 1.." .. n)
      check(type(v) == "number" and v == v,
            "pxr.chart." .. what .. ": series[" .. i .. "].values[" .. k .. "] must be a number or nil")
    end
  end
  if t.target ~= nil then
    check(type(t.target) == "table" and type(t.target.value) == "number",
          "pxr.chart." .. what .. ": target must be { value=<number>, label= }")
  end
  if t.marks ~= nil then
    check(type(t.marks) == "table", "pxr.chart." .. what .. ": marks must be a list")
    for k, m in pairs(t.marks) do
      check(m == false or MARK[m] ~= nil,
            "pxr.chart." .. what .. ": marks[" .. tostring(k) ..
            "] must be met, not_met, not_due, overdue, na or false")
    end
  end
  check(t.height == nil or (type(t.height) == "number" and t.height >= 30 and t.height <= 240),
        "pxr.chart." .. what .. ": height must be 30 to 240 mm")
  check(t.width == nil or (type(t.width) == "number" and t.width >= 60 and t.width <= 260),
        "pxr.chart." .. what .. ": width must be 60 to 260 mm")
  return n
end

-- A canvas collects primitives.
local function canvas()
  local items = {}
  local c = { items = items }
  function c.line(x1, y1, x2, y2, color, width, dash)
    items[#items + 1] = { kind = "line", x1 = x1, y1 = y1, x2 = x2, y2 = y2,
                          color = color, width = width, dash = dash }
  end
  function c.rect(x, y, w, h, fill, stroke)
    items[#items + 1] = { kind = "rect", x = x, y = y, w = w, h = h, fill = fill, stroke = stroke }
  end
  function c.circle(x, y, r, fill, stroke)
    items[#items + 1] = { kind = "circle", x = x, y = y, r = r, fill = fill, stroke = stroke,
                          width = 0.8 }
  end
  function c.polyline(points, color, width)
    items[#items + 1] = { kind = "polyline", points = points, color = color, width = width }
  end
  function c.text(x, y, s, size, opts)
    local it = { kind = "text", x = x, y = y, text = tostring(s), size = size, font = "sans" }
    for k, v in pairs(opts or {}) do it[k] = v end
    items[#items + 1] = it
  end
  return c
end

-- Legend entries { {kind="rect"|"line"|"dot", color=, label=} } laid out in rows
-- centred across width from y; returns the height used.
local function legend(c, entries, x0, width, y)
  local size, gap, sw = 7.5, 5, 4
  local rows, row, used = {}, {}, 0
  for _, e in ipairs(entries) do
    local w = sw + 1.5 + text_mm(e.label, size)
    if #row > 0 and used + gap + w > width then
      rows[#rows + 1] = { items = row, width = used }
      row, used = {}, 0
    end
    used = used + (#row > 0 and gap or 0) + w
    row[#row + 1] = { e = e, w = w }
  end
  if #row > 0 then rows[#rows + 1] = { items = row, width = used } end
  local lh = 4.6
  for r, rw in ipairs(rows) do
    local x = x0 + (width - rw.width) / 2
    local mid = y + (r - 1) * lh + lh / 2
    for _, it in ipairs(rw.items) do
      local e = it.e
      if e.kind == "line" then
        c.line(x, mid, x + sw, mid, e.color, e.width or 1.2, e.dash)
        if e.dot then c.circle(x + sw / 2, mid, 0.7, e.color) end
      elseif e.kind == "dot" then
        c.circle(x + sw / 2, mid, 1.3, e.color)
      else
        c.rect(x, mid - 1.5, sw, 3, e.color)
      end
      c.text(x + sw + 1.5, mid + size * PT * 0.35, e.label, size, { font = "serif" })
      x = x + it.w + gap
    end
  end
  return #rows * lh
end

-- Frame shared by both kinds: title, legend, value axis; returns the geometry.
local function frame(t, n, lo, hi, kind, note)
  local W, H = t.width or 150, t.height or 70
  local c = canvas()
  local y = 0
  if t.title then
    c.text(W / 2, 4.2, t.title, 10.5, { align = "center", bold = true })
    y = 7
  end
  local entries = {}
  for i, s in ipairs(t.series) do
    local color = s.color or PALETTE[(i - 1) % #PALETTE + 1]
    if kind == "bars" then
      entries[#entries + 1] = { kind = "rect", color = color, label = tostring(s.name or ("系列" .. i)) }
    else
      entries[#entries + 1] = { kind = "line", dot = true, color = color,
                                label = tostring(s.name or ("系列" .. i)) }
    end
  end
  if t.target then
    entries[#entries + 1] = { kind = "line", color = TARGET, width = 1, dash = { 3, 2 },
                              label = tostring(t.target.label or ("目标 " .. fmt_value(t.target.value))) }
  end
  local seen, reds = {}, {}
  for i = 1, n do
    local m = t.marks and t.marks[i]
    if m then seen[m] = true end
  end
  for _, m in ipairs(MARK_ORDER) do
    if seen[m] then
      if MARK[m].color == MARK.not_met.color then
        reds[#reds + 1] = MARK[m].label
      else
        entries[#entries + 1] = { kind = "dot", color = MARK[m].color, label = MARK[m].label }
      end
    end
    if m == "overdue" and #reds > 0 then
      entries[#entries + 1] = { kind = "dot", color = MARK.not_met.color,
                                label = table.concat(reds, "/") }
    end
  end
  y = y + legend(c, entries, 0, W, y) + 2

  -- the value axis: ticks from the data, the target and (for bars) zero
  local ticks, a, b, step = nice_ticks(lo, hi, 5)
  local tick_size = 7
  local label_w = 0
  for _, v in ipairs(ticks) do label_w = math.max(label_w, text_mm(fmt_tick(v, step), tick_size)) end
  local unit = t.unit and t.unit ~= "" and ("（" .. t.unit .. "）") or nil
  local g = { c = c, W = W, H = H, n = n, ticks = ticks, a = a, b = b, step = step }
  g.left = math.max(label_w + 2.5, unit and text_mm(unit, tick_size) / 2 + 1 or 0, 8)
  g.right = W - 3
  if unit then
    c.text(g.left, y + tick_size * PT, unit, tick_size, { align = "center", font = "serif" })
    y = y + tick_size * PT + 1.5
  end
  g.top = y + 1.5
  if t.marks then g.mark_y = g.top + 1.5; g.top = g.top + 4 end
  g.slot = (g.right - g.left) / n

  -- category labels: horizontal when they fit a slot, else turned a quarter
  -- (read upwards); a quarter turn, unlike 45 degrees, keeps each label one
  -- line of text for readers that extract it (pdftotext, screen readers)
  local cat_size, widest = 7.5, 0
  for _, cat in ipairs(t.categories) do widest = math.max(widest, text_mm(tostring(cat), cat_size)) end
  g.rotate = widest > g.slot * 0.92
  local label_h = g.rotate and (widest + 3) or (cat_size * PT + 2.5)
  local foot = 0
  if note then foot = 7.5 * PT + 2 end
  -- turned labels (long names, many categories) must not squash the plot: the
  -- drawing grows until the plot is at least 40 mm (or 55% of height=) tall
  local min_plot = math.min(40, H * 0.55)
  if H - label_h - foot - 1 - g.top < min_plot then
    H = g.top + min_plot + label_h + foot + 1
    g.H = H
  end
  g.bottom = H - label_h - foot - 1
  g.y_of = function(v) return g.bottom - (v - a) / (b - a) * (g.bottom - g.top) end

  for _, v in ipairs(ticks) do
    local yy = g.y_of(v)
    c.line(g.left, yy, g.right, yy, GRID, 0.4)
    c.text(g.left - 1.5, yy + tick_size * PT * 0.35, fmt_tick(v, step), tick_size,
           { align = "right", font = "serif" })
  end
  c.line(g.left, g.top, g.left, g.bottom, AXIS, 0.6)
  for i, cat in ipairs(t.categories) do
    local cx = g.left + (i - 0.5) * g.slot
    if g.rotate then
      c.text(cx + cat_size * PT * 0.38, g.bottom + 1.5, tostring(cat), cat_size,
             { align = "right", angle = 90, font = "serif" })
    else
      c.text(cx, g.bottom + 1.5 + cat_size * PT * 0.85, tostring(cat), cat_size,
             { align = "center", font = "serif" })
    end
    local m = t.marks and t.marks[i]
    if m then c.circle(cx, g.mark_y, 1.3, MARK[m].color) end
  end
  if note then
    c.text(0, H - 1.2, note, 7.5, { font = "serif" })
  end
  return g
end

local function target_line(g, t)
  if not t.target then return end
  local yy = g.y_of(t.target.value)
  g.c.line(g.left, yy, g.right, yy, TARGET, 1, { 3, 2 })
end

-- The chart's footnote: the caller's, else a word on missing values if any.
local function footnote(t, n, gap)
  if t.note then return tostring(t.note) end
  for _, s in ipairs(t.series) do
    for i = 1, n do
      if s.values[i] == nil then return gap end
    end
  end
  return nil
end

-- Value range of the series and the target.
local function range(t, n)
  local lo, hi, any = math.huge, -math.huge, false
  for _, s in ipairs(t.series) do
    for i = 1, n do
      local v = s.values[i]
      if v then lo, hi, any = math.min(lo, v), math.max(hi, v), true end
    end
  end
  if t.target then
    lo, hi = math.min(lo, t.target.value), math.max(hi, t.target.value)
    any = true
  end
  if not any then lo, hi = 0, 1 end
  return lo, hi
end

function M.bars(t)
  local n = check_spec(t, "bars")
  local lo, hi = range(t, n)
  lo, hi = math.min(lo, 0), math.max(hi, 0)
  -- rates read against their natural ceiling
  if t.unit == "%" and hi <= 100 and hi > 80 then hi = 100 end
  local g = frame(t, n, lo, hi, "bars", footnote(t, n, "注：没有柱的位置表示无数据（不是零）。"))
  local c, m = g.c, #t.series
  local group = g.slot * 0.72
  local bw = group / m
  local zero = g.y_of(0)
  local value_size = 6.5
  -- values over the bars only when every one fits its bar: some but not all would mislead
  local labels = true
  for _, s in ipairs(t.series) do
    for i = 1, n do
      local v = s.values[i]
      if v and text_mm(fmt_value(v), value_size) > bw * 1.1 then labels = false end
    end
  end
  for i = 1, n do
    local x = g.left + (i - 1) * g.slot + (g.slot - group) / 2
    for k, s in ipairs(t.series) do
      local v = s.values[i]
      local color = s.color or PALETTE[(k - 1) % #PALETTE + 1]
      if v then
        local yv = g.y_of(v)
        local top, h = math.min(yv, zero), math.abs(zero - yv)
        c.rect(x, top, bw * 0.92, math.max(h, 0.2), color)
        local label = fmt_value(v)
        if labels then
          local ly = v >= 0 and top - 0.8 or top + h + value_size * PT + 0.3
          c.text(x + bw * 0.46, ly, label, value_size, { align = "center", font = "serif" })
        end
      end
      x = x + bw
    end
  end
  c.line(g.left, zero, g.right, zero, AXIS, 0.6)
  target_line(g, t)
  return { kind = "drawing", width = g.W, height = g.H, title = t.title, items = c.items }
end

function M.lines(t)
  local n = check_spec(t, "lines")
  local lo, hi = range(t, n)
  -- lines show change: start near the data, not necessarily at zero
  local span = hi - lo
  if span < 1e-9 then span = math.max(math.abs(hi), 1) end
  lo, hi = lo - span * 0.15, hi + span * 0.15
  if lo < 0 and range(t, n) >= 0 then lo = 0 end
  if t.unit == "%" and hi > 100 and select(2, range(t, n)) <= 100 then hi = 100 end
  local g = frame(t, n, lo, hi, "lines", footnote(t, n, "注：折线断开处表示该期无数据。"))
  local c = g.c
  for k, s in ipairs(t.series) do
    local color = s.color or PALETTE[(k - 1) % #PALETTE + 1]
    local run = {}
    local function flush()
      if #run >= 4 then c.polyline(run, color, 1.4) end
      run = {}
    end
    for i = 1, n do
      local v = s.values[i]
      if v then
        local x, y = g.left + (i - 0.5) * g.slot, g.y_of(v)
        run[#run + 1] = x
        run[#run + 1] = y
      else
        flush()
      end
    end
    flush()
    for i = 1, n do
      local v = s.values[i]
      if v then
        local x, y = g.left + (i - 0.5) * g.slot, g.y_of(v)
        c.circle(x, y, 0.9, color, "#ffffff")
        if #t.series == 1 then
          c.text(x, y - 1.8, fmt_value(v), 6.5, { align = "center", font = "serif" })
        end
      end
    end
  end
  c.line(g.left, g.bottom, g.right, g.bottom, AXIS, 0.6)
  target_line(g, t)
  return { kind = "drawing", width = g.W, height = g.H, title = t.title, items = c.items }
end

-- Exposed for tests.
M._nice_ticks = nice_ticks

return M
