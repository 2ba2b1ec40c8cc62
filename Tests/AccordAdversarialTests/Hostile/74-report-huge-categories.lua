-- hostile: one 20 MB string as 25 chart categories, for the host to copy 25 times
-- exit: 1
-- stderr: hostile.lua:10: bar_chart: category 1 is longer than 1000 bytes
-- command: report --period 2019
return accord.report {
  title = "categories", grain = "year",
  build = function(r)
    local s, cats, values = string.rep("x", 20000000), {}, {}
    for i = 1, 25 do cats[i], values[i] = s, i end
    r:bar_chart{ id = "c", title = "t", categories = cats, series = { { name = "n", values = values } } }
    print("escaped")
  end,
}
