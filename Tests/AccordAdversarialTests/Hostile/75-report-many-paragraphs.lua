-- hostile: one 20 KB string as 50,000 paragraphs: a gigabyte of host copies
-- exit: 1
-- stderr: hostile.lua:9: memory limit (67108864 bytes) exceeded
-- command: report --period 2019
-- flags: --timeout 10s
return accord.report {
  title = "paragraphs", grain = "year",
  build = function(r)
    local s = string.rep("y", 20000) for _ = 1, 50000 do r:paragraph(s) end
  end,
}
