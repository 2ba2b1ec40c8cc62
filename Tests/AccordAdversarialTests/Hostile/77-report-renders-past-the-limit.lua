-- hostile: a document that fits the limit but whose rendered files would not
-- exit: 1
-- stderr: hostile.lua:6: memory limit (67108864 bytes) exceeded rendering the report as html
-- command: report --period 2019
-- flags: --timeout 10s
return accord.report {
  title = "quotes", grain = "year",
  build = function(r)
    local s = string.rep('"', 20000)
    for _ = 1, 1200 do r:paragraph(s) end
  end,
}
