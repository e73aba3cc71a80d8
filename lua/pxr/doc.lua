-- pxr.doc: constructors for the document tree that report scripts build.
--
-- A script never draws.  It returns a document: a plain table that the core
-- lays out (line breaking, pagination, page numbers) and writes as a PDF.
-- These constructors only check arguments and fill defaults; a script may
-- equally write the tables by hand.
--
--   document{ title=, subtitle=, author=, subject=, keywords=, header=,
--             watermark=, orientation="portrait"|"landscape", body={...},
--             style="report"|"gongwen", signature={ unit=, date= },
--             toc=true (a contents page after the title: level-1/2 headings,
--             dotted leaders, page numbers),
--             punctuation="hang"|"squeeze" (a closing ，。、 hangs into the margin,
--             or full-width punctuation closes up, rather than a character
--             moving to the next line; default: neither) }
--   block kinds in body:
--     heading   { kind="heading", level=1|2|3, text= }
--     paragraph { kind="paragraph", text=, align="justify"|"left"|"center"|"right",
--                 indent=<characters, default 2 for justify>, font="serif"|"sans"|"kai",
--                 size=<pt> }
--     kv        { kind="kv", items={ {label, value}, ... }, columns=1|2 }
--     table     { kind="table", columns={ {title=, width=<weight>, align=} ... },
--                 header={ row, ... } (default: one row of column titles),
--                 rows={ row, ... }, caption=, notes={ text, ... },
--                 style="grid"|"zebra"|"rules", landscape=true (the table gets
--                 landscape pages of its own inside a portrait document) }
--                 a row is an array of cells; a cell is a string, a number, or
--                 { text=, colspan=, rowspan=, align=, bold= }
--     drawing   { kind="drawing", width=<mm, default 150>, height=<mm>, title=,
--                 items={ primitive, ... } } (see lua/pxr/chart.lua for the
--                 primitives; pxr.chart.bars/lines build these), kept on one page
--     pagebreak { kind="pagebreak" }
--     spacer    { kind="spacer", height=<mm> }
local M = {}

-- A failed check is the caller's mistake: pxr.error names the script's line.
local function check(cond, msg)
  if not cond then pxr.error(msg) end
end

local function text_of(v, what)
  local t = type(v)
  check(t == "string" or t == "number", what .. " must be text, got " .. t)
  return tostring(v)
end

function M.document(t)
  check(type(t) == "table", "document{...} expects a table")
  check(type(t.body) == "table", "document{...} needs body = { blocks }")
  t.kind = "document"
  t.orientation = t.orientation or "portrait"
  check(t.orientation == "portrait" or t.orientation == "landscape",
        "orientation must be 'portrait' or 'landscape'")
  return t
end

function M.heading(level, text)
  check(level == 1 or level == 2 or level == 3, "heading level must be 1, 2 or 3")
  return { kind = "heading", level = level, text = text_of(text, "heading text") }
end

function M.paragraph(text, opts)
  local p = { kind = "paragraph", text = text_of(text, "paragraph text") }
  for k, v in pairs(opts or {}) do p[k] = v end
  p.align = p.align or "justify"
  if p.indent == nil then p.indent = (p.align == "justify") and 2 or 0 end
  return p
end

function M.kv(items, columns)
  check(type(items) == "table", "kv expects a list of {label, value}")
  for i, it in ipairs(items) do
    check(type(it) == "table" and it[1] ~= nil, "kv item " .. i .. " must be {label, value}")
    it[1] = text_of(it[1], "kv label")
    it[2] = it[2] == nil and "" or text_of(it[2], "kv value")
  end
  return { kind = "kv", items = items, columns = columns or 1 }
end

function M.table(t)
  check(type(t) == "table" and type(t.columns) == "table" and type(t.rows) == "table",
        "table{...} needs columns and rows")
  t.kind = "table"
  if not t.header then
    local row = {}
    for i, c in ipairs(t.columns) do row[i] = c.title or "" end
    t.header = { row }
  end
  return t
end

-- A drawing block from primitives (line, rect, polyline, circle, text).
function M.drawing(t)
  check(type(t) == "table" and type(t.items) == "table", "drawing{...} needs items = { primitives }")
  check(type(t.height) == "number" and t.height > 0, "drawing{...} needs height = <mm>")
  t.kind = "drawing"
  t.width = t.width or 150
  return t
end

-- A chart: chart("bars", spec) or chart("lines", spec), as pxr.chart.bars/lines.
function M.chart(kind, spec)
  local chart = require("pxr.chart")
  check(kind == "bars" or kind == "lines", "chart kind must be 'bars' or 'lines'")
  return chart[kind](spec)
end

-- The issuing unit and the date (GB/T 9704 7.3.5), where it stands in the body:
-- before the attachments of a 公文.  document{ signature = … } puts it at the end.
function M.signature(unit, date)
  check(unit ~= nil or date ~= nil, "signature needs a unit or a date")
  return { kind = "signature", unit = unit and text_of(unit, "signature unit"),
           date = date and text_of(date, "signature date") }
end

function M.pagebreak() return { kind = "pagebreak" } end

function M.spacer(mm) return { kind = "spacer", height = mm or 5 } end

return M
