-- hostile: 100,000 chart categories of one 1,000-byte string: 100 MB of host copies
-- exit: 1
-- stderr: hostile.lua:10: memory limit (67108864 bytes) exceeded
-- command: report --period 2019
-- flags: --timeout 10s
return accord.report {
  title = "categories", grain = "year",
  build = function(r)
    local s, cats = string.rep("x", 1000), {}
    for i = 1, 100000 do cats[i] = s end r:bar_chart{ id = "c", title = "t", categories = cats, series = { { name = "n", values = {} } } }
  end,
}
