-- hostile: list every partnership thousands of times: small ids in Lua, whole records in the host
-- exit: 1
-- stderr: hostile.lua:10: memory limit (8388608 bytes) exceeded
-- command: report --period 2019
-- flags: --timeout 20s --max-memory 8MiB
return accord.report {
  title = "lists", grain = "year",
  build = function(r)
    local all = accord.partnerships()
    for _ = 1, 1000 do r:partnerships{ title = "all", items = all } end
  end,
}
